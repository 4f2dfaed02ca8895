/**
 * What the task pane's browser tests share: the add-in built once per file, a real server over a
 * fresh database, Debian's Chromium (never a downloaded browser) with Office.js from the npm copy
 * and Excel replaced by the recording fake, panes opened at 350 px in French or English, and the
 * checks every step makes: the result of a click is in view, and no text on screen or sheet is in
 * the other language.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildAddin } from "../../../addin/build.mjs";
import type { Lang } from "../../../addin/src/taskpane/i18n.js";
import type { Role } from "../../../server/src/entities/api-token.entity.js";
import { CHROMIUM_PATH } from "../../support/chromium-availability.js";
import { startTestServer, type TestServer } from "../../support/server.js";
import { fakeExcelInitScript } from "./fake-excel-script.js";
import { foreignTexts } from "./taskpane-language.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const officeDist = path.join(repoRoot, "node_modules/@microsoft/office-js/dist");
export const ARTIFACTS = path.join(repoRoot, "test-artifacts");

const LOCALES: Record<Lang, string> = { fr: "fr-FR", en: "en-US" };

/** The width of Excel's task pane on a laptop screen; results of clicks must be visible at it. */
export const PANE_WIDTH = 350;
export const PANE_HEIGHT = 700;

export interface Pane {
  page: Page;
  context: BrowserContext;
  lang: Lang;
  /** Errors the page logged (a test ends with none unless it provoked them). */
  errors: string[];
  /** GraphQL requests the pane sent, by operation name, with their variables and headers. */
  requests: Array<{ operation: string; variables: Record<string, any>; headers: Record<string, string> }>;
  /** Files of Office.js served from the npm copy in place of Microsoft's CDN. */
  officeFiles: string[];
}

export interface PaneHarness {
  server: TestServer;
  /** Another real server serving the same add-in build (e.g. with a low rate limit). */
  startServer(env: Record<string, string>): Promise<TestServer>;
  /** A token for `role` named like a person (its name shows in the status line). */
  token(role: Role, name?: string): Promise<string>;
  open(options: {
    lang: Lang;
    width?: number;
    height?: number;
    clock?: boolean;
    server?: TestServer;
    query?: string;
  }): Promise<Pane>;
  close(): Promise<void>;
}

export async function startPaneHarness(env: Record<string, string> = {}): Promise<PaneHarness> {
  const addinDir = await mkdtemp(path.join(os.tmpdir(), "addin-pane-"));
  await buildAddin({ outDir: addinDir });
  const server = await startTestServer({ env: { ADDIN_DIR: addinDir, ...env } });
  // One browser per language, started in it: the browser's own controls (a date input's
  // "jj/mm/aaaa") follow it as they follow the system's language in Office. Needs Debian's
  // chromium-l10n (.ci/run installs it); without it they stay in English.
  const browsers = new Map<Lang, Promise<Browser>>();
  const browserFor = (lang: Lang): Promise<Browser> => {
    let browser = browsers.get(lang);
    if (!browser) {
      browser = chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--lang=${LOCALES[lang]}`,
        ],
        // Headless Chromium on Linux takes its UI language from the environment, not from --lang.
        env: { ...process.env, LANGUAGE: LOCALES[lang].replace("-", "_"), LANG: `${LOCALES[lang].replace("-", "_")}.UTF-8` },
      });
      browsers.set(lang, browser);
    }
    return browser;
  };
  const contexts: BrowserContext[] = [];
  const servers: TestServer[] = [];

  return {
    server,
    async startServer(extraEnv) {
      const other = await startTestServer({ seed: false, env: { ADDIN_DIR: addinDir, ...extraEnv } });
      servers.push(other);
      return other;
    },
    token: async (role, name = "Alice Martin") => (await server.app.services.tokens.create({ role, name })).token,
    async open({ lang, width = PANE_WIDTH, height = PANE_HEIGHT, clock = false, server: target = server }) {
      const browser = await browserFor(lang);
      const context = await browser.newContext({ viewport: { width, height }, locale: LOCALES[lang] });
      contexts.push(context);
      if (clock) await context.clock.install();
      const officeFiles: string[] = [];
      // Nothing leaves the machine, except that Office.js comes from the npm copy (the route added
      // last wins, so the CDN route goes after the catch-all).
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await context.route("https://appsforoffice.microsoft.com/**", async (route) => {
        const file = path.join(officeDist, new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, ""));
        officeFiles.push(path.basename(file));
        if (file.startsWith(officeDist) && existsSync(file))
          await route.fulfill({ path: file, contentType: "application/javascript" });
        else await route.fulfill({ status: 404, body: "" });
      });
      await context.addInitScript({ content: await fakeExcelInitScript() });
      const page = await context.newPage();
      // A step that does not happen fails in seconds, not in 30.
      page.setDefaultTimeout(5_000);
      const pane: Pane = { page, context, lang, errors: [], requests: [], officeFiles };
      page.on("console", (m) => {
        if (m.type() === "error") pane.errors.push(m.text());
      });
      page.on("pageerror", (e) => pane.errors.push(String(e)));
      page.on("request", (request) => {
        if (!request.url().endsWith("/graphql") || request.method() !== "POST") return;
        const body = request.postDataJSON() as { query: string; variables?: Record<string, any> };
        const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "";
        pane.requests.push({ operation, variables: body.variables ?? {}, headers: request.headers() });
      });
      await page.goto(`${target.url}/addin/taskpane.html${lang === "en" ? "?lang=en" : ""}`);
      await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
      return pane;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      for (const browser of browsers.values()) await (await browser).close();
      for (const other of servers) await other.close();
      await server.close();
      await rm(addinDir, { recursive: true, force: true });
    },
  };
}

/** Connects the pane with `token` through the Connection tab, as a user would. */
export async function connect(pane: Pane, serverUrl: string, token: string): Promise<void> {
  const { page } = pane;
  await page.click("#tab-connect");
  await page.fill("#server-url", serverUrl);
  await page.fill("#token", token);
  await page.click("#connect-save");
  await expect.poll(() => page.locator("#connect-status").getAttribute("class")).toContain("ok");
}

/** Waits for a feedback line to say something, and returns what it says. */
export async function feedbackOf(pane: Pane, id: string): Promise<string> {
  const locator = pane.page.locator(`#${id}`);
  await locator.waitFor({ state: "visible", timeout: 5_000 });
  return (await locator.textContent()) ?? "";
}

/** The element is inside the pane's viewport (the user sees it without scrolling). */
export async function expectInView(locator: Locator): Promise<void> {
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth };
  });
  expect(box.top, "top edge in view").toBeGreaterThanOrEqual(0);
  expect(box.bottom, "bottom edge in view").toBeLessThanOrEqual(box.height);
  expect(box.left, "left edge in view").toBeGreaterThanOrEqual(0);
  expect(box.right, "right edge in view").toBeLessThanOrEqual(box.width);
}

/**
 * Every text the pane shows: visible text nodes, placeholders, labels for screen readers, titles,
 * and every option of every visible list; data (names, IBAN, offer names) is marked
 * `translate="no"` and left out.
 */
export async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const isData = (el: Element | null) => !!el?.closest("[translate=no]");
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: false }) ?? true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? "";
      if (!text || !parent || isData(parent) || parent.closest("script,style,template,option")) continue;
      if (visible(parent)) out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLElement>("[placeholder],[aria-label],[title]")) {
      if (isData(el) || !visible(el)) continue;
      for (const attr of ["placeholder", "aria-label", "title"]) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    for (const select of document.querySelectorAll("select")) {
      if (!visible(select)) continue;
      for (const option of select.options) if (!isData(option) && option.text.trim()) out.push(option.text.trim());
    }
    out.push(document.title);
    return out;
  });
}

/** Fails when the pane shows a text of the other language (see taskpane-language.ts). */
export async function expectOneLanguage(pane: Pane): Promise<void> {
  expect(foreignTexts(await screenTexts(pane.page), pane.lang)).toEqual([]);
}

/** Removes the pictures of an earlier run whose names start with `prefix` (steps may have been renumbered). */
export async function clearScreenshots(prefix: string): Promise<void> {
  const names = await readdir(ARTIFACTS).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(path.join(ARTIFACTS, n), { force: true })));
}

/** A picture of what the user sees, kept in test-artifacts/ (git-ignored). */
export async function screenshot(pane: Pane, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await pane.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

// --- the recording Excel fake --------------------------------------------------------------------

export interface FakeExcelState {
  syncs: number;
  ops: Array<{
    kind: string;
    prop?: string;
    name?: string;
    value?: unknown;
    item?: string;
    comment?: string;
    [key: string]: unknown;
  }>;
  tables: Record<string, { name: string; sheet: string; ref: { row: number; col: number; rows: number; cols: number } }>;
  active: string;
}

export const excelState = (page: Page) => page.evaluate(() => (window as unknown as { __excel: FakeExcelState }).__excel);

export const readCells = (page: Page, sheet: string, row: number, col: number, rows: number, cols: number) =>
  page.evaluate(
    ([s, r, c, h, w]) => (window as unknown as { __readCells: (...a: unknown[]) => unknown[][] }).__readCells(s, r, c, h, w),
    [sheet, row, col, rows, cols] as const,
  );

export const setCell = (page: Page, sheet: string, row: number, col: number, value: unknown) =>
  page.evaluate(
    ([s, r, c, v]) =>
      (window as unknown as { __setCell: (s: unknown, r: unknown, c: unknown, v: unknown) => void }).__setCell(s, r, c, v),
    [sheet, row, col, value] as const,
  );

/** Every text cell of a sheet (what a reader of the sheet sees), and the names' comments. */
export async function sheetTexts(page: Page, sheet: string): Promise<string[]> {
  const state = await excelState(page);
  const cells = await page.evaluate(
    (s) =>
      Object.values(
        (window as unknown as { __excel: { sheets: Record<string, { cells: Record<string, unknown> }> } }).__excel.sheets[s]
          ?.cells ?? {},
      ),
    sheet,
  );
  const comments = state.ops.filter((o) => o.name === "names.add" && o.sheet === sheet).map((o) => String(o.comment ?? ""));
  return [...cells.filter((v): v is string => typeof v === "string" && v.trim() !== ""), ...comments.filter(Boolean)];
}
