import { describe, expect, it } from "vitest";
import {
  parseQuoteTable,
  QUOTE_COLUMNS,
  QUOTE_ID_NAME,
  QUOTE_VERSION_NAME,
  type QuoteSheetData,
  QuoteSheetError,
  readQuoteSheet,
  TABLE_HEADER_ROW,
  writeQuoteSheet,
} from "../../../addin/src/excel/quote-sheet.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";
import { quoteSheetLabels, translator } from "../../../addin/src/taskpane/i18n.js";
import { ExcelModel } from "./support/excel-mock.js";

const labels = quoteSheetLabels(translator("fr"));
const col = (c: (typeof QUOTE_COLUMNS)[number]) => QUOTE_COLUMNS.indexOf(c);

const quote: QuoteSheetData = {
  quoteId: "Q-42",
  version: 3,
  status: "DRAFT",
  customerName: "Boulangerie Martin",
  quoteDate: "2025-03-01",
  validUntil: "2025-03-31",
  termsVersion: { code: "CG-2020-02", effectiveDate: "2020-02-01" },
  lines: [
    {
      position: 0,
      offerCode: "FIBRE",
      offerName: "Accès fibre",
      quantity: 2,
      monthlyUnitPriceCents: 5900,
      setupFeeCents: 15000,
      monthlyCents: 11800,
      portingCents: 0,
      initialTermMonths: 36,
      renewalTermMonths: 12,
      startDate: "2025-03-10",
      commitmentEnd: "2028-03-09",
      noticeDeadline: "2027-12-09",
    },
    {
      position: 1,
      offerCode: "TEL",
      offerName: "Téléphonie IP",
      quantity: 5,
      monthlyUnitPriceCents: 1999,
      setupFeeCents: 0,
      monthlyCents: 9995,
      portingCents: 4500,
      initialTermMonths: 24,
      renewalTermMonths: 12,
      startDate: null,
      commitmentEnd: "2027-02-28",
      noticeDeadline: "2026-11-30",
    },
  ],
  totals: { oneOffCents: 19500, monthlyCents: 21795, vatCents: 8259, totalInclVatCents: 49554, totalContractValueCents: 667380 },
};

describe("writeQuoteSheet", () => {
  it("writes a new quote sheet: header block, typed table (lines numbered from 1), totals, names, in 3 syncs", async () => {
    const excel = new ExcelModel();
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, quote, labels));

    expect(result).toEqual({ sheetName: "Devis Q-42", tableName: "Devis_Q_42", syncs: 3 });
    expect(excel.syncs).toBe(3);
    expect(excel.calls("worksheets.add")).toEqual([["Devis Q-42"]]);
    expect(excel.activeSheet).toBe("Devis Q-42");

    const sheet = "Devis Q-42";
    expect(excel.read(sheet, 0, 0, 7, 3)).toEqual([
      ["Devis", "Boulangerie Martin", ""],
      ["N° de devis", "Q-42", ""],
      ["Version", 3, ""],
      ["Statut", "DRAFT", ""],
      ["Date du devis", isoToSerial("2025-03-01"), ""],
      ["Valable jusqu'au", isoToSerial("2025-03-31"), ""],
      ["Conditions générales", "CG-2020-02", isoToSerial("2020-02-01")],
    ]);

    // The table: header + 2 lines, real numbers and date serials, no text amounts.
    const [tableAdd] = excel.calls("tables.add");
    expect(tableAdd).toEqual([{ sheet, row: TABLE_HEADER_ROW, col: 0, rows: 3, cols: QUOTE_COLUMNS.length }, true]);
    expect(excel.tablesByName.get("Devis_Q_42")?.style).toBe("TableStyleMedium2");
    const header = excel.read(sheet, TABLE_HEADER_ROW, 0, 1, QUOTE_COLUMNS.length)[0];
    expect(header).toEqual([
      "N°",
      "Code offre",
      "Offre",
      "Quantité",
      "Prix unitaire mensuel HT",
      "Mise en service HT",
      "Mensuel HT",
      "Portabilité HT",
      "Engagement (mois)",
      "Renouvellement (mois)",
      "Début",
      "Fin d'engagement",
      "Date limite de préavis",
    ]);
    expect(excel.read(sheet, TABLE_HEADER_ROW + 1, 0, 2, QUOTE_COLUMNS.length)).toEqual([
      [1, "FIBRE", "Accès fibre", 2, 59, 150, 118, 0, 36, 12, 45726, 46821, 46730],
      [2, "TEL", "Téléphonie IP", 5, 19.99, 0, 99.95, 45, 24, 12, "", isoToSerial("2027-02-28"), isoToSerial("2026-11-30")],
    ]);

    // Totals below the table, from the server: excl. VAT, VAT, incl. VAT, contract value.
    const totalsRow = TABLE_HEADER_ROW + 1 + 2 + 1;
    expect(excel.read(sheet, totalsRow, 0, 6, 2)).toEqual([
      ["Frais uniques HT", 195],
      ["Mensuel HT", 217.95],
      ["Total HT (1re facture)", 412.95],
      ["TVA", 82.59],
      ["Total TTC (1re facture)", 495.54],
      ["Valeur totale du contrat HT", 6673.8],
    ]);

    // Quote id and version live in worksheet-scoped names.
    expect(excel.calls("names.add").map(([name, ref]) => [name, ref])).toEqual([
      [QUOTE_ID_NAME, { sheet, row: 1, col: 1, rows: 1, cols: 1 }],
      [QUOTE_VERSION_NAME, { sheet, row: 2, col: 1, rows: 1, cols: 1 }],
    ]);
  });

  it("formats euro and date columns in a second pass", async () => {
    const excel = new ExcelModel();
    await excel.run((ctx) => writeQuoteSheet(ctx, quote, labels));
    // Values in the 2nd batch, formats only in the 3rd.
    const kinds = excel.batches.map((b) => b.filter((op) => op.kind === "set").map((op) => (op.kind === "set" ? op.prop : "")));
    // Values in the 2nd batch, after the one text format of the id cell (an id is not a number).
    expect(kinds[1]?.filter((p) => p !== "values")).toEqual(["numberFormat"]);
    expect(kinds[1]?.[0]).toBe("numberFormat");
    expect(kinds[2]?.every((p) => p === "numberFormat")).toBe(true);

    const body = excel.sets("numberFormat").find((s) => s.range.row === TABLE_HEADER_ROW + 1);
    expect(body?.range.rows).toBe(2);
    const formats = body?.value as string[][];
    for (const row of formats) {
      expect(row[col("monthlyUnitPrice")]).toBe("#,##0.00 €");
      expect(row[col("setupFee")]).toBe("#,##0.00 €");
      expect(row[col("monthlyTotal")]).toBe("#,##0.00 €");
      expect(row[col("porting")]).toBe("#,##0.00 €");
      expect(row[col("startDate")]).toBe("dd/mm/yyyy");
      expect(row[col("commitmentEnd")]).toBe("dd/mm/yyyy");
      expect(row[col("noticeDeadline")]).toBe("dd/mm/yyyy");
      expect(row[col("quantity")]).toBe("0");
    }
    const totals = excel
      .sets("numberFormat")
      .find((s) => s.range.col === 1 && s.range.rows === 6 && s.range.row > TABLE_HEADER_ROW);
    expect(totals?.value).toEqual(Array(6).fill(["#,##0.00 €"]));
    expect(excel.calls("freezeRows")).toEqual([["Devis Q-42", TABLE_HEADER_ROW + 1]]);
    expect(excel.calls("autofitColumns")).toHaveLength(1);
  });

  it("rewrites its own sheet in place: old table and names removed first (4 syncs)", async () => {
    const excel = new ExcelModel();
    await excel.run((ctx) => writeQuoteSheet(ctx, quote, labels));
    const before = excel.syncs;
    const updated = { ...quote, version: 4, lines: quote.lines.slice(0, 1) };
    const result = await excel.run((ctx) => writeQuoteSheet(ctx, updated, labels));
    expect(result.syncs).toBe(4);
    expect(excel.syncs - before).toBe(4);
    expect(excel.calls("worksheets.add")).toHaveLength(1);
    expect(excel.calls("table.delete")).toEqual([["Devis_Q_42"]]);
    expect(
      excel
        .calls("names.delete")
        .map(([n]) => n)
        .sort(),
    ).toEqual([QUOTE_ID_NAME, QUOTE_VERSION_NAME]);
    expect(excel.cell("Devis Q-42", 2, 1)).toBe(4);
    // The second line of the first write is gone.
    expect(excel.cell("Devis Q-42", TABLE_HEADER_ROW + 2, 1)).toBe("");
  });
});

describe("readQuoteSheet", () => {
  it("reads back the edited quantities and unit prices with the quote id and version (2 syncs)", async () => {
    const excel = new ExcelModel();
    await excel.run((ctx) => writeQuoteSheet(ctx, quote, labels));
    const sheet = "Devis Q-42";
    excel.setCell(sheet, TABLE_HEADER_ROW + 1, col("quantity"), 3);
    excel.setCell(sheet, TABLE_HEADER_ROW + 2, col("monthlyUnitPrice"), 17.5);
    const before = excel.syncs;
    const edits = await excel.run((ctx) => readQuoteSheet(ctx));
    expect(excel.syncs - before).toBe(2);
    expect(edits).toEqual({
      quoteId: "Q-42",
      version: 3,
      lines: [
        { position: 0, quantity: 3, monthlyUnitPriceCents: 5900 },
        { position: 1, quantity: 5, monthlyUnitPriceCents: 1750 },
      ],
    });
  });

  it("says so when the active sheet is not a quote sheet", async () => {
    const excel = new ExcelModel(["Feuil1"]);
    await expect(excel.run((ctx) => readQuoteSheet(ctx))).rejects.toThrow(QuoteSheetError);
  });

  it("names each bad cell: quantity, unit price", () => {
    const row = (q: unknown, p: unknown) => [1, "X", "x", q, p, 0, 0, 0, 12, 12, "", "", ""];
    try {
      parseQuoteTable([row(0, 10), row(2.5, 10), row(2, 12.345), row(2, "abc"), row(2, -1)]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuoteSheetError);
      expect((error as QuoteSheetError).problems.map((p) => [p.row, p.column])).toEqual([
        [1, "quantity"],
        [2, "quantity"],
        [3, "monthlyUnitPrice"],
        [4, "monthlyUnitPrice"],
        [5, "monthlyUnitPrice"],
      ]);
    }
    expect(parseQuoteTable([row(2, "12,50"), ["", "", "", "", "", "", "", "", "", "", "", "", ""]])).toEqual([
      { position: 0, quantity: 2, monthlyUnitPriceCents: 1250 },
    ]);
    expect(() => parseQuoteTable([[0, "X", "x", 1, 1, 0, 0, 0, 12, 12, "", "", ""]])).toThrow(QuoteSheetError);
  });
});
