/**
 * The quote sheet against the fake Excel: found again by identity, updated in place with the
 * user's work kept, totals as live formulas, and a read-back of every editable column that reports
 * each unreadable cell.
 */
import { describe, expect, it } from "vitest";
import type { Quote } from "../../../addin/src/api/operations.js";
import { quoteSheetData, reviewQuoteSheet } from "../../../addin/src/excel/quote-review.js";
import {
  QUOTE_COLUMNS,
  type QuoteSheetData,
  QuoteSheetError,
  quoteSettingKey,
  readQuoteSheet,
  TABLE_HEADER_ROW,
  writeQuoteSheet,
} from "../../../addin/src/excel/quote-sheet.js";
import { SheetStructureError } from "../../../addin/src/excel/table-writer.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";
import { quoteSheetLabels, translator } from "../../../addin/src/taskpane/i18n.js";
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from "../fake-excel/index.js";

const fr = quoteSheetLabels(translator("fr"));
const en = quoteSheetLabels(translator("en"));
const letter = (c: (typeof QUOTE_COLUMNS)[number]) => String.fromCharCode(65 + QUOTE_COLUMNS.indexOf(c));
/** A1 address of a data cell: line i (0-based) of the table written at the default place. */
const at = (c: (typeof QUOTE_COLUMNS)[number], i: number) => `${letter(c)}${TABLE_HEADER_ROW + 2 + i}`;

function serverQuote(overrides: Partial<Quote> = {}): Quote {
  return {
    id: "42",
    status: "DRAFT",
    version: 3,
    quoteDate: "2026-01-10",
    validUntil: "2026-02-09",
    customer: { id: "9", name: "=Boulangerie Martin", category: "OTHER", siren: null },
    termsVersion: { code: "CG-2020-02", effectiveDate: "2020-02-01" },
    signerName: null,
    signedAt: null,
    contracts: [],
    totals: {
      oneOffCents: 34500,
      monthlyCents: 21795,
      vatCents: 11259,
      totalInclVatCents: 67554,
      totalContractValueCents: 699180,
    },
    lines: [
      {
        id: "L1",
        position: 0,
        quantity: 2,
        monthlyUnitPriceCents: 5900,
        setupFeeCents: 15000,
        initialTermMonths: 36,
        renewalTermMonths: 12,
        noticeMonths: 3,
        noticeDays: null,
        startDate: "2026-03-10",
        portingDirection: null,
        portingNumbers: [],
        subsidisedDevice: true,
        portingOutsideHours: false,
        portingRios: [],
        portingCents: 0,
        monthlyCents: 11800,
        commitmentEnd: "2029-03-09",
        noticeDeadline: "2028-12-09",
        offer: { code: "IP-ACCESS-WIRED", name: "Accès fibre", family: "IP_ACCESS_WIRED" },
      },
      {
        id: "L2",
        position: 1,
        quantity: 5,
        monthlyUnitPriceCents: 1999,
        setupFeeCents: 0,
        initialTermMonths: 24,
        renewalTermMonths: 12,
        noticeMonths: null,
        noticeDays: null,
        startDate: null,
        portingDirection: "INBOUND",
        portingNumbers: ["+33612345678", "+33140000001"],
        subsidisedDevice: false,
        portingOutsideHours: true,
        portingRios: ["01PEROY4P4TR", null],
        portingCents: 4500,
        monthlyCents: 9995,
        commitmentEnd: "2028-01-31",
        noticeDeadline: "2027-10-31",
        offer: { code: "IP-TELEPHONY", name: "-Téléphonie IP", family: "IP_TELEPHONY" },
      },
    ],
    ...overrides,
  };
}

const data = (q: Quote = serverQuote()): QuoteSheetData => quoteSheetData(q);

describe("writeQuoteSheet: a new sheet", () => {
  it("writes the block, the totals as formulas beside the server's, and a typed table with formula columns", async () => {
    const excel = new FakeExcel();
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    expect(result).toEqual({ sheetName: "Devis 42", tableName: "Devis_42", created: true, syncs: 3 });
    expect(excel.syncs).toBe(3);
    expect(excel.activeSheet).toBe("Devis 42");
    expect(excel.values("Devis 42", "A1:B7")).toEqual([
      ["Devis", "=Boulangerie Martin"],
      ["N° de devis", "42"], // text: a quote id is not a number
      ["Version", 3],
      ["Statut", "DRAFT"],
      ["Date du devis", isoToSerial("2026-01-10")],
      ["Valable jusqu'au", isoToSerial("2026-02-09")],
      ["Conditions générales", "CG-2020-02"],
    ]);
    // Totals: Excel's formulas over the table, next to the server's figures; they agree.
    expect(excel.formulas("Devis 42", "E2:E7")).toEqual([
      ["=SUM(Devis_42[[Frais uniques HT]])"],
      ["=SUM(Devis_42[[Mensuel HT]])"],
      ["=E2+E3"],
      ["=ROUND(E4*0.2,2)"],
      ["=E4+E5"],
      ["=SUM(Devis_42[[Valeur contrat HT]])"],
    ]);
    const excelTotals = excel.values("Devis 42", "E2:E7").flat();
    const serverTotals = excel.values("Devis 42", "F2:F7").flat();
    expect(excelTotals).toEqual(serverTotals);
    expect(serverTotals).toEqual([345, 217.95, 562.95, 112.59, 675.54, 6991.8]);

    const table = excel.table("Devis_42");
    expect(table).toMatchObject({ sheet: "Devis 42", address: "A9:R11", style: "TableStyleMedium2" });
    expect(table.columns).toEqual(QUOTE_COLUMNS.map((c) => fr.columns[c]));
    expect(excel.formula("Devis 42", at("monthlyTotal", 0))).toBe("=[@Quantité]*[@[Prix unitaire mensuel HT]]");
    expect(excel.formula("Devis 42", at("oneOffTotal", 1))).toBe("=[@Quantité]*[@[Mise en service HT]]+[@[Portabilité HT]]");
    expect(excel.tableRows("Devis_42")).toEqual([
      expect.objectContaining({
        "N°": 1,
        Offre: "Accès fibre",
        "Mensuel HT": 118,
        "Frais uniques HT": 300,
        "Valeur contrat HT": 4548,
        "Réf. ligne": "L1",
        Début: isoToSerial("2026-03-10"),
      }),
      expect.objectContaining({
        Offre: "-Téléphonie IP", // not read as a formula
        "Mensuel HT": 99.95,
        "Frais uniques HT": 45,
        "Sens portabilité": "Entrante",
        "Numéros à porter": "06 12 34 56 78, 01 40 00 00 01",
        Début: "",
      }),
    ]);
    expect(excel.numberFormats("Devis 42", `${at("monthlyUnitPrice", 0)}:${at("noticeDeadline", 0)}`)[0]).toEqual([
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
    expect(excel.settings()[quoteSettingKey("42")]).toEqual({
      quoteId: "42",
      tableId: table.id,
      version: 3,
      block: { sheetId: expect.any(String), top: 0, left: 0 },
    });
    expect(excel.frozenRows("Devis 42")).toBe(TABLE_HEADER_ROW + 1);
    expect(excel.largestRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it("recalculates line amounts and totals at once when a quantity is edited", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.setCell("Devis 42", at("quantity", 1), 7);
    expect(excel.value("Devis 42", at("monthlyTotal", 1))).toBe(139.93);
    expect(excel.values("Devis 42", "E2:E7").flat()).toEqual([345, 257.93, 602.93, 120.59, 723.52, 7951.32]);
    // The server's figures stay what the server said until the quote is saved again.
    expect(excel.value("Devis 42", "F3")).toBe(217.95);
  });

  it("never takes over a table or sheet that only has the expected name", async () => {
    const excel = new FakeExcel({ sheets: ["Feuil1", "Devis 42"] });
    excel.user.setCells("Devis 42", "A1:B2", [
      ["Mes notes", "x"],
      ["a", 1],
    ]);
    excel.user.addTable("Devis 42", "A1:B2", "Devis_42");
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    expect(result).toMatchObject({ sheetName: "Devis 42 (2)", tableName: "Devis_42_2", created: true });
    expect(excel.values("Devis 42", "A1:B2")).toEqual([
      ["Mes notes", "x"],
      ["a", 1],
    ]);
  });
});

describe("writeQuoteSheet: in place", () => {
  it("keeps the user's work: a renamed sheet and table, a column of comments, notes and formulas around the table", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.renameSheet("Devis 42", "Martin - devis");
    excel.user.renameTable("Devis_42", "Offre_Martin");
    excel.user.addTableColumn("Offre_Martin", "Commentaire", ["=[@Quantité]*10", "rappeler lundi"]);
    excel.user.setCell("Martin - devis", "A14", "Note sous le tableau");
    excel.user.addSheet("Synthèse");
    excel.user.setCell("Synthèse", "A1", "=SUM(Offre_Martin[Mensuel HT])");
    const requestsBefore = excel.syncs;

    // Version 4: a new line L3 first, then L1, then L2 with another quantity.
    const [l1, l2] = serverQuote().lines as [Quote["lines"][number], Quote["lines"][number]];
    const l3 = {
      ...l1,
      id: "L3",
      position: 0,
      quantity: 1,
      monthlyUnitPriceCents: 1999,
      monthlyCents: 1999,
      offer: { ...l1.offer, name: "Nouvelle" },
    };
    const v4 = serverQuote({
      version: 4,
      lines: [l3, { ...l1, position: 1 }, { ...l2, position: 2, quantity: 3, monthlyCents: 5997 }],
    });
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, data(v4), fr));
    expect(result).toEqual({ sheetName: "Martin - devis", tableName: "Offre_Martin", created: false, syncs: 3 });
    expect(excel.syncs - requestsBefore).toBe(3);
    expect(excel.sheetNames()).toEqual(["Feuil1", "Martin - devis", "Synthèse"]);
    expect(excel.tables().map((t) => t.name)).toEqual(["Offre_Martin"]);

    // The user's column keeps its cells, carried by the line's id (not by the row); a formula stays a formula.
    expect(excel.tableRows("Offre_Martin").map((r) => [r["Réf. ligne"], r.Commentaire])).toEqual([
      ["L3", ""],
      ["L1", 20],
      ["L2", "rappeler lundi"],
    ]);
    expect(excel.formula("Martin - devis", "S11")).toBe("=[@Quantité]*10");
    // The table grew by a row where it is; the note under it moved down with it.
    expect(excel.table("Offre_Martin").address).toBe("A9:S12");
    expect(excel.value("Martin - devis", "A15")).toBe("Note sous le tableau");
    // Formulas elsewhere that use the table still work (nothing was deleted and re-created).
    expect(excel.value("Synthèse", "A1")).toBeCloseTo(19.99 + 118 + 59.97, 9);
    expect(excel.value("Martin - devis", "B3")).toBe(4);
    expect(excel.value("Martin - devis", "F1")).toBe("Serveur (v4)");
    expect(excel.settings()[quoteSettingKey("42")]).toMatchObject({ version: 4 });
  });

  it("keeps the user's cells with their lines across a save, where the server gives the lines new ids", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.addTableColumn("Devis_42", "Note", ["fibre OK", "portabilité le 12"]);
    const saved = serverQuote({ version: 4 });
    saved.lines = saved.lines.map((l) => ({ ...l, id: `${l.id}-v4` }));
    await excel.run((ctx) => writeQuoteSheet(ctx, data(saved), fr));
    expect(excel.tableRows("Devis_42").map((r) => [r["Réf. ligne"], r.Note])).toEqual([
      ["L1-v4", "fibre OK"],
      ["L2-v4", "portabilité le 12"],
    ]);
  });

  it("is found again by a colleague whose Office speaks English: no second table, no name collision", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, data(serverQuote({ version: 5 })), en));
    expect(result).toMatchObject({ sheetName: "Devis 42", tableName: "Devis_42", created: false });
    expect(excel.tables()).toHaveLength(1);
    expect(excel.sheetNames()).toEqual(["Feuil1", "Devis 42"]);
    expect(excel.table("Devis_42").columns[3]).toBe("Quantité"); // headers stay as the user has them
    expect(excel.value("Devis 42", "A1")).toBe("Quote");
    expect(excel.value("Devis 42", "F1")).toBe("Server (v5)");
  });

  it("refuses to rewrite a table whose column was renamed, naming the column, and writes nothing", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.setCell("Devis 42", at("quantity", -1), "Qté");
    const before = excel.requests.length;
    const error = await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetStructureError);
    expect((error as SheetStructureError).messageText.fr).toContain("« Quantité »");
    expect(excel.requests.slice(before).some((r) => r.wroteCells)).toBe(false);
  });
});

describe("reading the sheet back", () => {
  async function edited(): Promise<FakeExcel> {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.setCell("Devis 42", at("quantity", 0), 3);
    excel.user.setCell("Devis 42", at("monthlyUnitPrice", 1), 17.5);
    excel.user.setCell("Devis 42", at("setupFee", 1), "=10/3"); // 3.333… € is rounded half up to the cent
    excel.user.setCell("Devis 42", at("startDate", 1), isoToSerial("2026-04-01"));
    excel.user.setCell("Devis 42", at("initialTermMonths", 0), 24);
    excel.user.setCell("Devis 42", at("renewalTermMonths", 1), 0);
    excel.user.setCell("Devis 42", at("portingNumbers", 1), "01 40 00 00 01; 0699999999");
    return excel;
  }

  it("reads every editable column and lists the changes before saving; everything else is kept", async () => {
    const excel = await edited();
    const before = excel.syncs;
    const reading = await excel.run((ctx) => readQuoteSheet(ctx, fr));
    expect(excel.syncs - before).toBe(2);
    expect(reading).toMatchObject({ quoteId: "42", version: 3, sheetName: "Devis 42", tableName: "Devis_42" });
    const review = reviewQuoteSheet(reading, serverQuote(), "fr-FR");
    expect(review.problems).toEqual([]);
    expect(review.changes.map((c) => [c.line, c.column, c.before, c.after])).toEqual([
      [1, "quantity", 2, 3],
      [1, "initialTermMonths", 36, 24],
      [2, "monthlyUnitPrice", 1999, 1750],
      [2, "setupFee", 0, 333],
      [2, "renewalTermMonths", 12, 0],
      [2, "startDate", null, "2026-04-01"],
      [2, "portingNumbers", ["+33612345678", "+33140000001"], ["+33140000001", "+33699999999"]],
    ]);
    expect(review.lines).toEqual([
      expect.objectContaining({
        offerCode: "IP-ACCESS-WIRED",
        quantity: 3,
        initialTermMonths: 24,
        noticeMonths: 3,
        subsidisedDevice: true,
      }),
      expect.objectContaining({
        quantity: 5,
        monthlyUnitPriceCents: 1750,
        setupFeeCents: 333,
        renewalTermMonths: 0,
        startDate: "2026-04-01",
        portingDirection: "INBOUND",
        portingNumbers: ["+33140000001", "+33699999999"],
        // A RIO stays with its number; the new number has none.
        portingRios: [null, null],
        portingOutsideHours: true,
      }),
    ]);
  });

  it("reads text dates in the user's locale and gives typed-as-number phone numbers their 0 back", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.setNumberFormat("Devis 42", at("startDate", 0), "@");
    excel.user.setCell("Devis 42", at("startDate", 0), "31/03/2026");
    excel.user.setNumberFormat("Devis 42", at("portingNumbers", 1), "General");
    excel.user.setCell("Devis 42", at("portingNumbers", 1), 612345678);
    const reading = await excel.run((ctx) => readQuoteSheet(ctx, fr));
    const review = reviewQuoteSheet(reading, serverQuote(), "fr-FR");
    expect(review.problems).toEqual([]);
    expect(review.changes.map((c) => [c.column, c.after])).toEqual([
      ["startDate", "2026-03-31"],
      ["portingNumbers", ["+33612345678"]],
    ]);
    // The same text in US English is not a date.
    expect(reviewQuoteSheet(reading, serverQuote(), "en-US").problems.map((p) => [p.row, p.column, p.message.en])).toEqual([
      [1, "startDate", '"31/03/2026" is not a date: write MM/DD/YYYY or YYYY-MM-DD'],
    ]);
  });

  it("reports every unreadable cell by row and column, and lines added or deleted in the sheet, never dropping them", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, data(), fr));
    excel.user.setCell("Devis 42", at("quantity", 0), 2.5);
    excel.user.setCell("Devis 42", at("setupFee", 0), "abc");
    excel.user.setCell("Devis 42", at("startDate", 1), "demain");
    excel.user.setCell("Devis 42", at("portingNumbers", 1), "12345");
    excel.user.setCell("Devis 42", at("initialTermMonths", 1), -1);
    const reading = await excel.run((ctx) => readQuoteSheet(ctx, fr));
    const review = reviewQuoteSheet(reading, serverQuote(), "fr-FR");
    expect(review.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "quantity"],
      [1, "setupFee"],
      [2, "initialTermMonths"],
      [2, "startDate"],
      [2, "portingNumbers"],
    ]);
    expect(review.problems[0]?.message.fr).toBe("nombre entier supérieur ou égal à 1 attendu");

    // A row deleted from the table, a row typed under it.
    const reduced = {
      ...reading,
      rows: [
        { ...(reading.rows[0] as (typeof reading.rows)[number]), row: 1 },
        { row: 2, lineId: null, cells: (reading.rows[1] as (typeof reading.rows)[number]).cells },
      ],
    };
    const lines = reviewQuoteSheet(reduced, serverQuote(), "fr-FR").problems.filter((p) => p.column === "lineId");
    expect(lines.map((p) => [p.row, p.message.en])).toEqual([
      [0, "line 2 of the quote (IP-TELEPHONY) is missing from the sheet: remove it from the pane"],
      [2, "line added in the sheet: add lines from the pane (this row has no reference of the quote)"],
    ]);
  });

  it("refuses a sheet written from another version than the server's instead of applying its edits to it", async () => {
    const excel = await edited();
    const reading = await excel.run((ctx) => readQuoteSheet(ctx, fr));
    const review = reviewQuoteSheet(reading, serverQuote({ version: 4 }), "fr-FR");
    expect(review.lines).toEqual([]);
    expect(review.problems.map((p) => [p.row, p.column, p.message.en])).toEqual([
      [
        0,
        "sheet",
        "the quote was changed meanwhile (version 4 on the server, version 3 in the sheet): write the sheet again from the server, then redo your edits",
      ],
    ]);
  });

  it("says so when the active sheet holds no quote table", async () => {
    const excel = new FakeExcel();
    const error = await excel.run((ctx) => readQuoteSheet(ctx, fr)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuoteSheetError);
    expect((error as QuoteSheetError).problems[0]?.message.fr).toContain("pas de tableau de devis");
  });
});
