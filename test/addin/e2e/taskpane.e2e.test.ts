/**
 * The task pane end to end, in headless Debian Chromium (playwright-core, never a downloaded
 * browser): loaded top-level from a real server and database, Office.js from the npm copy, Excel
 * replaced by the fake of test/addin/fake-excel (the set-up is taskpane-harness.ts). Builds a quote and a renewal schedule through the
 * UI and checks what would have been written to the workbook. Screenshot: test-artifacts/taskpane.png.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../addin/src/api/client.js";
import { PortingBatcher } from "../../../addin/src/functions/porting-batch.js";
import { addDays, formatIsoForDisplay, isoToSerial, todayInParis } from "../../../addin/src/shared/dates.js";
import { computeCommitment } from "../../../server/src/domain/commitment.js";
import { chromiumAvailability } from "../../support/chromium-availability.js";
import type { TestServer } from "../../support/server.js";
import { ARTIFACTS as artifacts, type Pane, type PaneHarness, startPaneHarness } from "./taskpane-harness.js";

interface Op {
  kind: "set" | "call" | "clear";
  prop?: string;
  name?: string;
  value?: unknown;
  ref?: { sheet: string; row: number; col: number; rows: number; cols: number };
  [key: string]: unknown;
}
interface FakeExcel {
  syncs: number;
  ops: Op[];
  requests: Array<{
    index: number;
    ops: string[];
    targets: string[];
    cellWrites: string[];
    wroteCells: boolean;
    calculationSuspended: boolean;
  }>;
  tables: Record<string, { name: string; sheet: string; ref: { row: number; rows: number; cols: number }; style?: string }>;
  active: string;
}

const excelState = (page: Page) => page.evaluate(() => (window as unknown as { __excel: FakeExcel }).__excel);
const readCells = (page: Page, sheet: string, row: number, col: number, rows: number, cols: number) =>
  page.evaluate(
    ([s, r, c, h, w]) => (window as unknown as { __readCells: (...a: unknown[]) => unknown[][] }).__readCells(s, r, c, h, w),
    [sheet, row, col, rows, cols] as const,
  );

describe.runIf(chromiumAvailability())("task pane in Chromium against a real server", () => {
  let harness: PaneHarness;
  let server: TestServer;
  let pane: Pane;
  let page: Page;
  const today = todayInParis();
  const start1 = addDays(today, 14);
  const start2 = addDays(today, 31);

  beforeAll(async () => {
    harness = await startPaneHarness();
    server = harness.server;
    // Tall enough to see the whole quote at once: this file checks the workbook, not the layout.
    pane = await harness.open({ lang: "fr", width: 360, height: 1100 });
    page = pane.page;
  });

  afterAll(async () => {
    if (page) {
      await mkdir(artifacts, { recursive: true });
      // The state at the end (or at a failure), next to the quote screenshot taken below.
      await page.screenshot({ path: path.join(artifacts, "taskpane-last.png"), fullPage: true }).catch(() => undefined);
    }
    await harness?.close();
  });

  const message = () => page.locator("#message");
  /** The text of a feedback line of the pane (under the button pressed). */
  const feedback = async (id: string) =>
    (await page.locator(`#${id}`).isVisible()) ? ((await page.textContent(`#${id}`)) ?? "") : "";

  async function screenshot(name: string): Promise<void> {
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
    expect((await readFile(path.join(artifacts, name))).subarray(1, 4).toString()).toBe("PNG");
  }

  async function connect(token: string): Promise<void> {
    await page.click("#tab-connect");
    await page.fill("#server-url", server.url);
    await page.fill("#token", token);
    await page.click("#connect-save");
    await expect.poll(() => page.locator("#connect-save").getAttribute("aria-busy")).toBeNull();
  }

  it("serves the pane, functions.json and icons under /addin/, in French by default", async () => {
    expect(await page.textContent("#tab-quote")).toBe("Devis");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    const metadata = await (await fetch(`${server.url}/addin/functions.json`)).json();
    expect(metadata.functions.map((f: { id: string }) => f.id)).toContain("DATE_LIMITE_PREAVIS");
    expect((await fetch(`${server.url}/addin/assets/icon-80.png`)).headers.get("content-type")).toBe("image/png");
    // Office.js came from the npm copy; the functions bundle loaded without Excel's runtime, quietly.
    expect(pane.officeFiles).toContain("office.js");
    // office-js-helpers (behind its adapter) bundled and working: outside Office the host is WEB.
    expect(await page.getAttribute("body", "data-host")).toBe("WEB");
    // English when asked (in Excel: Office's display language).
    const english = await pane.context.newPage();
    await english.goto(`${server.url}/addin/taskpane.html?lang=en`);
    await english.waitForSelector("body[data-ready='true']");
    expect(await english.textContent("#tab-quote")).toBe("Quote");
    expect(await english.textContent("#renewal-load")).toBe("Load schedule");
    await english.close();
    expect(pane.errors).toEqual([]);
  });

  it("says clearly when the server is unreachable or the token is wrong", async () => {
    await page.click("#tab-connect");
    await page.fill("#server-url", "http://127.0.0.1:9");
    await page.fill("#token", "whatever");
    await page.click("#connect-save");
    await expect.poll(() => feedback("connect-feedback")).toContain("Serveur injoignable (http://127.0.0.1:9)");
    expect(await page.textContent("#connect-status")).toBe("Non connecté : serveur injoignable");

    await connect("not-a-token");
    await expect
      .poll(() => feedback("connect-feedback"))
      .toBe("Jeton d'API refusé par le serveur (inconnu, révoqué ou expiré) : vérifiez-le dans l'onglet Connexion.");
    expect(await page.getAttribute("#token", "aria-invalid")).toBe("true");
  });

  let quoteId = "";
  let customerId = "";
  let serverQuote: any;
  const QUOTE_FIELDS =
    "version totals { oneOffCents monthlyCents totalInclVatCents } lines { position startDate commitmentEnd noticeDeadline }";

  it("builds a quote: customer, lines, server-side validation and totals", async () => {
    const sales = await server.createToken("SALES");
    await connect(sales);
    await expect.poll(() => page.textContent("#connect-status")).toBe("Connecté : test SALES (commercial)");

    await page.click("#tab-quote");
    await page.click("#new-customer summary");
    await page.fill("#new-customer-name", "Boulangerie Rivoallan");
    // OTHER: a SMALL business could not be committed for 36 months without a waiver (L224-28).
    await page.selectOption("#new-customer-category", "OTHER");
    await page.click("#new-customer-create");
    await expect.poll(() => feedback("customer-feedback")).toBe("Client « Boulangerie Rivoallan » créé.");
    customerId = await page.inputValue("#customer-select");
    expect(customerId).not.toBe("");

    // Line 1 (the new quote starts with one): wired IP access, terms prefilled from the offer.
    await page.click("#quote-new");
    const line1 = page.locator(".quote-line").nth(0);
    await line1.locator("[name=offer]").selectOption("IP-ACCESS-WIRED");
    expect(await line1.locator("[name=initialTerm]").inputValue()).toBe("36");
    expect(await line1.locator("[name=renewalTerm]").inputValue()).toBe("12");
    await line1.locator("[name=quantity]").fill("2");
    await line1.locator("[name=unitPrice]").fill("59,90");
    await line1.locator("[name=setupFee]").fill("250");
    await line1.locator("[name=startDate]").fill(start1);

    // Line 2: backup, which publishes no terms: required, and caught before any request.
    await page.click("#add-line");
    const line2 = page.locator(".quote-line").nth(1);
    await line2.locator("[name=offer]").selectOption("EISECURE-BACKUP");
    expect(await line2.locator(".term-hint").isVisible()).toBe(true);
    await line2.locator("[name=unitPrice]").fill("49.5");
    await line2.locator("[name=startDate]").fill(start2);
    await page.click("#quote-save");
    await expect.poll(() => feedback("editor-feedback")).toContain("Ligne 2 · Engagement initial : Obligatoire pour cette offre");
    expect(await line2.locator("[name=initialTerm]").getAttribute("aria-invalid")).toBe("true");

    // A value only the server refuses (porting numbers that are not French numbers) names the field.
    await line2.locator("[name=initialTerm]").fill("12");
    await line2.locator("[name=renewalTerm]").fill("12");
    await page.click("#add-line");
    const line3 = page.locator(".quote-line").nth(2);
    await line3.locator("[name=offer]").selectOption("IP-TELEPHONY");
    await line3.locator("[name=unitPrice]").fill("20");
    await line3.locator("[name=portingDirection]").selectOption("INBOUND");
    await line3.locator("[name=portingNumbers]").fill("12345");
    await page.click("#quote-save");
    await expect.poll(() => feedback("editor-feedback")).toMatch(/^Le serveur a refusé ces valeurs :• Ligne 3 · /);
    expect(await line3.locator("[name=portingNumbers]").getAttribute("aria-invalid")).toBe("true");

    // Fix it: remove the telephony line and save.
    await line3.locator(".remove-line").click();
    await page.click("#quote-save");
    await expect.poll(() => feedback("editor-feedback")).toMatch(/^Devis .+ enregistré \(version 1\)\.$/);

    quoteId = /Devis (\S+) enregistré/.exec(await feedback("editor-feedback"))?.[1] ?? "";
    expect(quoteId).not.toBe("");
    const { data } = await server.gql(sales, `query($id: ID!) { quote(id: $id) { ${QUOTE_FIELDS} } }`, { id: quoteId });
    serverQuote = data?.quote;
    // The pane shows the server's totals, not its own arithmetic.
    expect(serverQuote.totals.monthlyCents).toBe(2 * 5990 + 4950);
    const summary = (await page.textContent("#quote-summary")) ?? "";
    expect(summary.replace(/\s/g, " ")).toContain("Mensuel HT169,30 €");
    // Server positions count from 0.
    const line1End = serverQuote.lines.find((l: { position: number }) => l.position === 0).commitmentEnd;
    expect(await line1.locator(".line-result").textContent()).toContain(
      `Fin d'engagement ${formatIsoForDisplay(line1End, "fr")}`,
    );
  });

  it("writes the quote sheet: a table with typed columns and formulas, totals beside the server's", async () => {
    await page.click("#quote-write");
    await expect.poll(() => feedback("editor-feedback")).toBe(`Devis écrit dans la feuille « Devis ${quoteId} ».`);
    const excel = await excelState(page);
    const sheet = `Devis ${quoteId}`.slice(0, 31);
    expect(excel.active).toBe(sheet);
    const table = Object.values(excel.tables).find((t) => t.sheet === sheet);
    expect(table?.style).toBe("TableStyleMedium2");
    expect(table?.ref).toMatchObject({ row: 8, rows: 3, cols: 18 });

    const rows = await readCells(page, sheet, 9, 0, 2, 13);
    const line = (p: number) => serverQuote.lines.find((l: { position: number }) => l.position === p);
    expect(rows[0]).toEqual([
      1,
      "IP-ACCESS-WIRED",
      "Liaison accès IP (cuivre et fibre)",
      2,
      59.9,
      250,
      119.8, // a formula: quantity × unit price
      0,
      36,
      12,
      isoToSerial(start1),
      isoToSerial(line(0).commitmentEnd),
      isoToSerial(line(0).noticeDeadline),
    ]);
    // The same dates as the custom functions compute (shared domain module).
    const terms = { startDate: start1, initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3, asOf: start1 };
    expect(line(0).commitmentEnd).toBe(computeCommitment(terms).initialTermEnd);
    expect(line(0).noticeDeadline).toBe(computeCommitment(terms).noticeDeadline);
    expect(rows[1]?.slice(0, 5)).toEqual([2, "EISECURE-BACKUP", "Externalisation de sauvegarde EISecure", 1, 49.5]);
    expect(rows[1]?.slice(10, 13)).toEqual([
      isoToSerial(start2),
      isoToSerial(line(1).commitmentEnd),
      isoToSerial(line(1).noticeDeadline),
    ]);
    const formats = await page.evaluate((s) => window.__fake.numberFormats(s, "A10:M10")[0], sheet);
    expect(formats).toEqual([
      "0",
      "@",
      "@",
      "0",
      "#,##0.00 €",
      "#,##0.00 €",
      "#,##0.00 €",
      "#,##0.00 €",
      "0",
      "0",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
    ]);
    expect(await page.evaluate((s) => window.__fake.formula(s, "G10"), sheet)).toBe("=[@Quantité]*[@[Prix unitaire mensuel HT]]");
    // Totals beside the header block: Excel's formulas (E) next to the server's figures (F).
    const totals = await readCells(page, sheet, 1, 3, 6, 3);
    expect(totals.map((r) => r[0])).toEqual([
      "Frais uniques HT",
      "Mensuel HT",
      "Total HT (1re facture)",
      "TVA",
      "Total TTC (1re facture)",
      "Valeur totale du contrat HT",
    ]);
    expect(totals[1]?.slice(1)).toEqual([169.3, 169.3]);
    expect(totals.map((r) => r[1])).toEqual(totals.map((r) => r[2]));
    expect((await readCells(page, sheet, 1, 1, 2, 1)).flat()).toEqual([quoteId, 1]);
  });

  it("reads every edited column back, shows what changed, and saves it with the sheet's version", async () => {
    const sheet = `Devis ${quoteId}`.slice(0, 31);
    await page.evaluate(
      ([s]) => {
        const w = window as unknown as { __setCell: (s: string, r: number, c: number, v: unknown) => void };
        w.__setCell(s as string, 9, 3, 3); // quantity of line 1
        w.__setCell(s as string, 10, 4, 45); // unit price of line 2
        w.__setCell(s as string, 10, 5, 12.5); // setup fee of line 2
      },
      [sheet],
    );
    // The totals follow the edit at once (formulas).
    expect((await readCells(page, sheet, 2, 4, 1, 1))[0]?.[0]).toBe(224.7);
    await page.click("#quote-read");
    // The pane lists what the sheet changes, under the button, and saves only when confirmed.
    await expect
      .poll(() => page.locator("#sheet-diff-list li").allTextContents())
      .toEqual([
        "Ligne 1 · Quantité : 2 → 3",
        "Ligne 2 · Prix unitaire mensuel HT : 49,50\u00a0€ → 45,00\u00a0€",
        "Ligne 2 · Mise en service HT : 0,00\u00a0€ → 12,50\u00a0€",
      ]);
    expect(await page.textContent("#sheet-diff .diff-title")).toBe(
      "Modifications lues dans la feuille (le serveur recalculera les montants) :",
    );
    await page.click("#sheet-diff-save");
    await expect
      .poll(() => feedback("editor-feedback"))
      .toBe("Devis mis à jour depuis la feuille (version 2) et feuille réécrite.");
    const sales = await server.createToken("SALES");
    const { data } = await server.gql(
      sales,
      `query($id: ID!) { quote(id: $id) { version lines { position quantity monthlyUnitPriceCents setupFeeCents } } }`,
      { id: quoteId },
    );
    expect(data?.quote.version).toBe(2);
    expect(data?.quote.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ position: 0, quantity: 3, monthlyUnitPriceCents: 5990 }),
        expect.objectContaining({ position: 1, quantity: 1, monthlyUnitPriceCents: 4500, setupFeeCents: 1250 }),
      ]),
    );
    expect((await readCells(page, sheet, 2, 1, 1, 1))[0]?.[0]).toBe(2);
    expect(await page.locator(".quote-line").nth(0).locator("[name=quantity]").inputValue()).toBe("3");
    await screenshot("taskpane.png");

    // Someone else saves the quote meanwhile: the sheet's edit is refused (CONFLICT), not applied.
    const other = await server.gql(sales, `mutation($input: UpdateQuoteInput!) { updateQuote(input: $input) { version } }`, {
      input: {
        quoteId,
        expectedVersion: 2,
        lines: [
          {
            offerCode: "IP-ACCESS-WIRED",
            quantity: 4,
            monthlyUnitPriceCents: 5990,
            setupFeeCents: 25000,
            initialTermMonths: 36,
            renewalTermMonths: 12,
            startDate: start1,
          },
          {
            offerCode: "EISECURE-BACKUP",
            quantity: 1,
            monthlyUnitPriceCents: 4500,
            setupFeeCents: 1250,
            initialTermMonths: 12,
            renewalTermMonths: 12,
            startDate: start2,
          },
        ],
      },
    });
    expect(other.errors).toBeUndefined();
    await page.evaluate(([s]) => (window as unknown as { __setCell: (...a: unknown[]) => void }).__setCell(s, 9, 3, 5), [sheet]);
    await page.click("#quote-read");
    await expect
      .poll(() => feedback("editor-feedback"))
      .toContain("le devis a été modifié entre-temps (version 3 sur le serveur, version 2 dans la feuille)");
    expect(await page.isHidden("#sheet-diff")).toBe(true);
  });

  it("pulls the renewal schedule into an Excel table, highlighted, and refreshes it in place", async () => {
    // Sign the quote (SEPA mandate first) so it becomes contracts with renewal events.
    const admin = await server.createToken("ADMIN");
    const mandate = await server.gql(admin, `mutation($input: SepaMandateInput!) { registerSepaMandate(input: $input) { id } }`, {
      input: {
        customerId,
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPP",
        reference: `RUM-E2E-${Date.now()}`,
        signedOn: today,
        scheme: "CORE",
      },
    });
    expect(mandate.errors).toBeUndefined();
    const signed = await server.gql(
      admin,
      `mutation($input: SignQuoteInput!) { signQuote(input: $input) { status contracts { id } } }`,
      {
        input: { quoteId, signerName: "Jeanne Martin", idempotencyKey: `e2e-${quoteId}` },
      },
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signQuote.contracts).toHaveLength(2);

    const finance = await server.createToken("FINANCE");
    await connect(finance);
    await expect.poll(() => page.textContent("#connect-status")).toBe("Connecté : test FINANCE (finance)");
    await page.click("#tab-renewals");
    await page.fill("#renewal-from", today);
    await page.fill("#renewal-to", addDays(today, 6 * 365));
    // The sample data has other customers' contracts: filter on ours.
    await page.fill("#renewal-customer-search", "Rivoallan");
    await page.click("#renewal-customer-search-btn");
    await expect.poll(() => page.locator(`#renewal-customer option[value="${customerId}"]`).count(), { timeout: 10_000 }).toBe(1);
    await page.selectOption("#renewal-customer", customerId);
    await page.click("#renewal-load");
    await expect
      .poll(() => message().textContent(), { timeout: 30_000 })
      .toMatch(/^\d+ échéances écrites dans la feuille « Renouvellements »\.$/);

    const count = Number(/^(\d+)/.exec((await message().textContent()) ?? "")?.[1]);
    const expected = await server.gql(
      finance,
      `query($from: LocalDate!, $to: LocalDate!, $c: ID) { renewalSchedule(from: $from, to: $to, customerId: $c, first: 5000) { totalCount events { contractId periodEnd noticeDeadline monthlyAmountCents } } }`,
      { from: today, to: addDays(today, 6 * 365), c: customerId },
    );
    expect(count).toBe(expected.data?.renewalSchedule.totalCount);
    expect(count).toBeGreaterThan(3);

    const excel = await excelState(page);
    const table = excel.tables.ContratsRenouvellements;
    expect(table).toMatchObject({ sheet: "Renouvellements", ref: { row: 0, rows: count + 1, cols: 13 } });
    const header = (await readCells(page, "Renouvellements", 0, 0, 1, 13))[0];
    expect(header).toEqual([
      "Client",
      "Contrat",
      "Code offre",
      "Offre",
      "Famille",
      "Fin de période",
      "Date limite de préavis",
      "Début période suivante",
      "Mensuel HT",
      "Rappel à partir du",
      "Rappel au plus tard le",
      "Rappel envoyé le",
      "Statut",
    ]);
    const rows = await readCells(page, "Renouvellements", 1, 0, count, 13);
    const first = expected.data?.renewalSchedule.events[0];
    expect(rows[0]?.[1]).toBe(first.contractId);
    expect(rows[0]?.[5]).toBe(isoToSerial(first.periodEnd));
    expect(rows[0]?.[6]).toBe(isoToSerial(first.noticeDeadline));
    expect(rows[0]?.[8]).toBe(first.monthlyAmountCents / 100);
    expect(rows.every((r) => r[0] === "Boulangerie Rivoallan")).toBe(true);
    expect(rows.every((r) => r[12] === "Actif")).toBe(true);

    const cf = excel.ops.find((o) => o.name === "conditionalFormats.add");
    expect((cf?.cf as { custom: { rule: { formula: string } } } | undefined)?.custom.rule.formula).toBe(
      "=AND(ISNUMBER($G2),$G2>=TODAY(),$G2<=TODAY()+30)",
    );
    expect(excel.ops.filter((o) => o.name === "freezeRows" && o.sheet === "Renouvellements")).toHaveLength(1);
    // Calculation is suspended for every request that writes the schedule's rows (each chunk is its own request).
    const scheduleWrites = excel.requests.filter((r) =>
      r.cellWrites.some((t) => t.startsWith("Renouvellements!") && !t.endsWith("!A1:M1")),
    );
    expect(scheduleWrites.length).toBeGreaterThan(0);
    expect(scheduleWrites.filter((r) => !r.calculationSuspended)).toEqual([]);
    const moneyFormat = excel.ops.find((o) => o.prop === "numberFormat" && o.ref?.sheet === "Renouvellements" && o.ref.col === 8);
    expect(moneyFormat?.value).toBe("#,##0.00 €");
    // The pull is recorded with the table: Refresh offers to repeat it.
    expect(await page.textContent("#renewal-refresh")).toMatch(
      /^Actualiser : du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}, client Boulangerie Rivoallan$/,
    );

    // Refresh with a filter that keeps one family: same table, resized, not re-created.
    await page.check("#renewal-families input[value=BACKUP]");
    await page.click("#renewal-load");
    await expect.poll(() => message().textContent(), { timeout: 30_000 }).toMatch(/^\d+ échéances écrites/);
    const after = await excelState(page);
    expect(after.ops.filter((o) => o.name === "tables.add" && o.ref?.sheet === "Renouvellements")).toHaveLength(1);
    // One resize when it was written, one now; the header row stays on row 1 each time.
    const resize = after.ops.filter((o) => o.name === "table.resize");
    expect(resize).toHaveLength(2);
    expect(resize.every((o) => o.ref?.row === 0)).toBe(true);
    const backupRows = Number(/^(\d+)/.exec((await message().textContent()) ?? "")?.[1]);
    expect(backupRows).toBeLessThan(count);
    expect(after.tables.ContratsRenouvellements?.ref.rows).toBe(backupRows + 1);
    const families = (await readCells(page, "Renouvellements", 1, 4, backupRows, 1)).flat();
    expect(new Set(families)).toEqual(new Set(["Sauvegarde"]));
    await screenshot("taskpane-renewals.png");
    expect((await readCells(page, "Renouvellements", backupRows + 1, 0, 1, 12))[0]?.every((v) => v === "")).toBe(true);
  });

  it("prices porting for many cells in ONE request to the real server (PRIX_PORTABILITE's batcher)", async () => {
    const sales = await server.createToken("SALES");
    let requests = 0;
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests++;
      return fetch(input, init);
    }) as typeof fetch;
    const batcher = new PortingBatcher({
      client: async () => createClient({ serverUrl: server.url, token: sales, fetch: counting }),
    });
    const cells = [["0140000001"], ["0140000001", "0140000002"], ["0612345678"], ["+33 1 40 00 00 03"]];
    const prices = await Promise.all(
      cells.map((numbers) => batcher.price({ direction: "INBOUND", numbers, requestDate: today })),
    );
    expect(requests).toBe(1);
    for (const [i, numbers] of cells.entries()) {
      const single = await server.gql<{ portingPrice: { totalCents: number } }>(
        sales,
        `query($input: PortingPriceInput!) { portingPrice(input: $input) { totalCents } }`,
        { input: { direction: "INBOUND", numbers, requestDate: today } },
      );
      expect(prices[i], numbers.join(",")).toBe(single.data?.portingPrice.totalCents);
    }
    // One bad number fails its own cell only; the others are priced by one more request.
    requests = 0;
    const settled = await Promise.allSettled([
      batcher.price({ direction: "OUTBOUND", numbers: ["0140000001"], requestDate: today }),
      batcher.price({ direction: "OUTBOUND", numbers: ["12345"], requestDate: today }),
    ]);
    expect(settled.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ kind: "BAD_USER_INPUT" });
    expect(requests).toBe(2);
  });
});
