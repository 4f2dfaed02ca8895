/**
 * The renewal pull and Refresh through the task pane, in headless Debian Chromium against a real
 * server and database, the workbook being the fake Excel (the same object model as the unit
 * tests, which refuses what Excel refuses). The user's work on the schedule (a title above the
 * table, a column of their own, a note under it) survives a Refresh, which repeats the recorded
 * pull, not whatever the form shows.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddin } from "../../../addin/build.mjs";
import { addDays, todayInParis } from "../../../addin/src/shared/dates.js";
import { CHROMIUM_PATH, chromiumAvailability } from "../../support/chromium-availability.js";
import { startTestServer, type TestServer } from "../../support/server.js";
import type { FakeExcel } from "../fake-excel/index.js";
import { fakeExcelInitScript } from "./fake-excel-script.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const officeDist = path.join(repoRoot, "node_modules/@microsoft/office-js/dist");

/** Runs `f` on the page's fake Excel (window.__fake) and returns its (serialisable) result. */
function inExcel<T, A>(page: Page, f: (fake: FakeExcel, arg: A) => T, arg: A): Promise<T> {
  return page.evaluate(
    ([source, a]) =>
      new Function("fake", "arg", `return (${source})(fake, arg);`)((window as unknown as { __fake: FakeExcel }).__fake, a),
    [f.toString(), arg] as const,
  ) as Promise<T>;
}

describe.runIf(chromiumAvailability())("renewal schedule through the pane, against a real server", () => {
  let server: TestServer;
  let addinDir: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const today = todayInParis();

  beforeAll(async () => {
    addinDir = await mkdtemp(path.join(os.tmpdir(), "addin-renewals-"));
    await buildAddin({ outDir: addinDir });
    server = await startTestServer({ env: { ADDIN_DIR: addinDir } });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 1000 }, locale: "fr-FR" });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await context.route("https://appsforoffice.microsoft.com/**", async (route) => {
      const file = path.join(officeDist, new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, ""));
      if (file.startsWith(officeDist) && existsSync(file))
        await route.fulfill({ path: file, contentType: "application/javascript" });
      else await route.fulfill({ status: 404, body: "" });
    });
    await context.addInitScript({ content: await fakeExcelInitScript() });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}/addin/taskpane.html`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    await page.click("#tab-connect");
    await page.fill("#server-url", server.url);
    await page.fill("#token", await server.createToken("FINANCE"));
    await page.click("#connect-save");
    await page.waitForFunction(() => document.querySelector("#connect-status")?.classList.contains("ok"));
    await page.click("#tab-renewals");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (addinDir) await rm(addinDir, { recursive: true, force: true });
  });

  const message = () => page.textContent("#message");

  it("pulls the schedule, then Refresh repeats the recorded pull and keeps the title above the table and the user's column", async () => {
    // A two-year window over the sample data's contracts.
    await page.fill("#renewal-from", today);
    await page.fill("#renewal-to", addDays(today, 730));
    await page.click("#renewal-load");
    await expect.poll(message, { timeout: 30_000 }).toMatch(/^\d+ échéances écrites dans la feuille « Renouvellements »\.$/);
    const count = Number(/^(\d+)/.exec((await message()) ?? "")?.[1]);
    expect(count).toBeGreaterThan(3);
    expect(await page.textContent("#renewal-refresh")).toMatch(/^Actualiser : du /);

    // The user's work: a title above the table, a column of their own, a note under the table.
    const before = await inExcel(
      page,
      (fake) => {
        fake.user.insertRows("Renouvellements", 1, 2);
        fake.user.setCell("Renouvellements", "A1", "Échéancier — revue du lundi");
        const rows = fake.tableRows("ContratsRenouvellements");
        fake.user.addTableColumn("ContratsRenouvellements", "Suivi", ["relancé", "", "à résilier"]);
        const t = fake.table("ContratsRenouvellements");
        fake.user.setCell("Renouvellements", `A${t.area.row + t.area.rows + 2}`, "Note sous le tableau");
        return {
          requests: fake.requests.length,
          keys: rows.slice(0, 3).map((r) => `${r.Contrat}|${r["Fin de période"]}`),
        };
      },
      null,
    );

    // The form now says something else; Refresh repeats what was recorded with the table.
    await page.fill("#renewal-to", addDays(today, 30));
    await page.click("#renewal-refresh");
    await expect.poll(message, { timeout: 30_000 }).toBe(`${count} échéances écrites dans la feuille « Renouvellements ».`);
    expect(await page.inputValue("#renewal-to")).toBe(addDays(today, 730));

    const after = await inExcel(
      page,
      (fake, since) => {
        const t = fake.table("ContratsRenouvellements");
        const rows = fake.tableRows("ContratsRenouvellements");
        const refresh = fake.requests.filter((r) => r.index > since);
        return {
          title: fake.value("Renouvellements", "A1"),
          address: t.address,
          columns: t.columns,
          suivi: Object.fromEntries(rows.map((r) => [`${r.Contrat}|${r["Fin de période"]}`, r.Suivi])),
          note: fake.value("Renouvellements", `A${t.area.row + t.area.rows + 2}`),
          failed: refresh.filter((r) => r.failed).length,
          resizes: fake
            .journal()
            .filter((o) => o.request > since && o.op === "Table.resize")
            .map((o) => String(o.value)),
          unsuspendedRowWrites: refresh.filter(
            (r) =>
              r.ops.some((o) => /^set Range\.(values|formulasR1C1)$/.test(o.op) && o.target?.startsWith("Renouvellements!")) &&
              !r.calculationSuspended,
          ).length,
          largest: Math.max(...refresh.map((r) => r.bytes)),
          summary: fake.charts("Synthèse renouvellements").map((c) => c.type),
        };
      },
      before.requests,
    );
    expect(after.title).toBe("Échéancier — revue du lundi");
    expect(after.address).toBe(`A3:N${3 + count}`);
    expect(after.columns.at(-1)).toBe("Suivi");
    expect(before.keys.map((k) => after.suivi[k])).toEqual(["relancé", "", "à résilier"]);
    expect(after.note).toBe("Note sous le tableau");
    // Excel's rules held at every step: nothing refused, the header row never moved, calculation
    // suspended for every request that wrote rows, every request under 5 MB.
    expect(after.failed).toBe(0);
    expect(after.resizes.length).toBeGreaterThan(0);
    for (const address of after.resizes) expect(address).toMatch(/!A3:/);
    expect(after.unsuspendedRowWrites).toBe(0);
    expect(after.largest).toBeLessThan(5_000_000);
    expect(after.summary).toEqual(["ColumnClustered"]);
    expect(errors).toEqual([]);
  });
});
