/**
 * The quote sheet: a header block (quote id and version in worksheet-scoped names), an Excel table
 * of the quote's lines with typed columns (euros, real dates, whole numbers), and the totals the
 * server computed. Plain data in, batched Excel writes out; no UI and no GraphQL here, so the
 * writer is unit-tested against office-addin-mock.
 *
 * Syncs: 3 for a new sheet (look up, write, format), 4 when the sheet exists (its old table and
 * names are looked up and removed first). Reading back: 2.
 */
import { eurosNumberToCents, MoneyFormatError } from "../shared/money.js";
import type { CellValue } from "./chunks.js";
import {
  DATE_FORMAT,
  dateCell,
  EURO_FORMAT,
  euroCell,
  GENERAL_FORMAT,
  INTEGER_FORMAT,
  safeSheetName,
  safeTableName,
} from "./formats.js";

/** Column order of the quote table; the read-back relies on it. */
export const QUOTE_COLUMNS = [
  "position",
  "offerCode",
  "offerName",
  "quantity",
  "monthlyUnitPrice",
  "setupFee",
  "monthlyTotal",
  "porting",
  "initialTermMonths",
  "renewalTermMonths",
  "startDate",
  "commitmentEnd",
  "noticeDeadline",
] as const;
export type QuoteColumn = (typeof QUOTE_COLUMNS)[number];

const COLUMN_FORMATS: Record<QuoteColumn, string> = {
  position: INTEGER_FORMAT,
  offerCode: GENERAL_FORMAT,
  offerName: GENERAL_FORMAT,
  quantity: INTEGER_FORMAT,
  monthlyUnitPrice: EURO_FORMAT,
  setupFee: EURO_FORMAT,
  monthlyTotal: EURO_FORMAT,
  porting: EURO_FORMAT,
  initialTermMonths: INTEGER_FORMAT,
  renewalTermMonths: INTEGER_FORMAT,
  startDate: DATE_FORMAT,
  commitmentEnd: DATE_FORMAT,
  noticeDeadline: DATE_FORMAT,
};

/** Worksheet-scoped names holding the quote's id and version (read back before saving). */
export const QUOTE_ID_NAME = "ContratsDevisId";
export const QUOTE_VERSION_NAME = "ContratsDevisVersion";
export const QUOTE_TABLE_PREFIX = "Devis_";

/** Rows of the header block above the table: title, id, version, status, date, valid until, terms. */
const HEADER_ROWS = 7;
/** The table's header row (0-based): one blank row after the block. */
export const TABLE_HEADER_ROW = HEADER_ROWS + 1;

export interface QuoteSheetLine {
  /** The server's position, from 0; the sheet's "N°" column shows it from 1, as people count. */
  position: number;
  offerCode: string;
  offerName: string;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  monthlyCents: number;
  portingCents: number;
  initialTermMonths: number;
  renewalTermMonths: number;
  startDate: string | null;
  commitmentEnd: string | null;
  noticeDeadline: string | null;
}

export interface QuoteSheetData {
  quoteId: string;
  version: number;
  status: string;
  customerName: string;
  quoteDate: string;
  validUntil: string;
  termsVersion: { code: string; effectiveDate: string } | null;
  lines: QuoteSheetLine[];
  totals: {
    oneOffCents: number;
    monthlyCents: number;
    vatCents: number;
    totalInclVatCents: number;
    totalContractValueCents: number;
  };
}

export interface QuoteSheetLabels {
  sheetPrefix: string;
  title: string;
  quoteId: string;
  version: string;
  status: string;
  quoteDate: string;
  validUntil: string;
  terms: string;
  columns: Record<QuoteColumn, string>;
  oneOff: string;
  monthly: string;
  totalExclVat: string;
  vat: string;
  totalInclVat: string;
  totalContractValue: string;
}

export function quoteSheetName(labels: QuoteSheetLabels, quoteId: string): string {
  return safeSheetName(`${labels.sheetPrefix} ${quoteId}`);
}

export function quoteTableName(quoteId: string): string {
  return safeTableName(`${QUOTE_TABLE_PREFIX}${quoteId}`);
}

export function quoteLineCells(line: QuoteSheetLine): CellValue[] {
  const byColumn: Record<QuoteColumn, CellValue> = {
    position: line.position + 1,
    offerCode: line.offerCode,
    offerName: line.offerName,
    quantity: line.quantity,
    monthlyUnitPrice: euroCell(line.monthlyUnitPriceCents),
    setupFee: euroCell(line.setupFeeCents),
    monthlyTotal: euroCell(line.monthlyCents),
    porting: euroCell(line.portingCents),
    initialTermMonths: line.initialTermMonths,
    renewalTermMonths: line.renewalTermMonths,
    startDate: dateCell(line.startDate),
    commitmentEnd: dateCell(line.commitmentEnd),
    noticeDeadline: dateCell(line.noticeDeadline),
  };
  return QUOTE_COLUMNS.map((c) => byColumn[c]);
}

/** The totals block below the table: label, euros. */
export function quoteTotalsCells(data: QuoteSheetData, labels: QuoteSheetLabels): CellValue[][] {
  const t = data.totals;
  return [
    [labels.oneOff, euroCell(t.oneOffCents)],
    [labels.monthly, euroCell(t.monthlyCents)],
    [labels.totalExclVat, euroCell(t.oneOffCents + t.monthlyCents)],
    [labels.vat, euroCell(t.vatCents)],
    [labels.totalInclVat, euroCell(t.totalInclVatCents)],
    [labels.totalContractValue, euroCell(t.totalContractValueCents)],
  ];
}

export interface WriteQuoteResult {
  sheetName: string;
  tableName: string;
  syncs: number;
}

export async function writeQuoteSheet(
  context: Excel.RequestContext,
  data: QuoteSheetData,
  labels: QuoteSheetLabels,
): Promise<WriteQuoteResult> {
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const sheetName = quoteSheetName(labels, data.quoteId);
  const tableName = quoteTableName(data.quoteId);
  const sheets = context.workbook.worksheets;

  const existing = sheets.getItemOrNullObject(sheetName);
  existing.load("isNullObject");
  await sync();

  let ws: Excel.Worksheet;
  if (existing.isNullObject) {
    ws = sheets.add(sheetName);
  } else {
    // Our own sheet from an earlier write: remove its table and names, then clear it.
    ws = existing;
    ws.tables.load("items/name");
    ws.names.load("items/name");
    await sync();
    for (const table of ws.tables.items) table.delete();
    for (const name of ws.names.items) if (name.name === QUOTE_ID_NAME || name.name === QUOTE_VERSION_NAME) name.delete();
    ws.getRange().clear("All");
  }

  const cols = QUOTE_COLUMNS.length;
  const rows = data.lines.map(quoteLineCells);
  // An Excel table always has a data row: an empty quote gets one blank row.
  const body = rows.length > 0 ? rows : [QUOTE_COLUMNS.map((): CellValue => "")];
  const terms = data.termsVersion;

  // Ids are text: "42" written to a General cell would become the number 42.
  ws.getRange("B2").numberFormat = [["@"]];
  ws.getRangeByIndexes(0, 0, HEADER_ROWS, 3).values = [
    [labels.title, data.customerName, ""],
    [labels.quoteId, data.quoteId, ""],
    [labels.version, data.version, ""],
    [labels.status, data.status, ""],
    [labels.quoteDate, dateCell(data.quoteDate), ""],
    [labels.validUntil, dateCell(data.validUntil), ""],
    [labels.terms, terms ? terms.code : "", terms ? dateCell(terms.effectiveDate) : ""],
  ];
  const tableRange = ws.getRangeByIndexes(TABLE_HEADER_ROW, 0, 1 + body.length, cols);
  tableRange.values = [QUOTE_COLUMNS.map((c) => labels.columns[c]), ...body];
  const table = ws.tables.add(tableRange, true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  const totalsRow = TABLE_HEADER_ROW + 1 + body.length + 1;
  const totals = quoteTotalsCells(data, labels);
  ws.getRangeByIndexes(totalsRow, 0, totals.length, 2).values = totals;
  ws.names.add(QUOTE_ID_NAME, ws.getRange("B2"), "Quote id (read back by the add-in)");
  ws.names.add(QUOTE_VERSION_NAME, ws.getRange("B3"), "Quote version (read back by the add-in)");
  ws.activate();
  await sync();

  // Second pass: formats, only on the cells written.
  ws.getRangeByIndexes(TABLE_HEADER_ROW + 1, 0, body.length, cols).numberFormat = body.map(() =>
    QUOTE_COLUMNS.map((c) => COLUMN_FORMATS[c]),
  );
  ws.getRangeByIndexes(1, 1, 6, 2).numberFormat = [
    [GENERAL_FORMAT, GENERAL_FORMAT],
    [INTEGER_FORMAT, GENERAL_FORMAT],
    [GENERAL_FORMAT, GENERAL_FORMAT],
    [DATE_FORMAT, GENERAL_FORMAT],
    [DATE_FORMAT, GENERAL_FORMAT],
    [GENERAL_FORMAT, DATE_FORMAT],
  ];
  ws.getRangeByIndexes(totalsRow, 1, totals.length, 1).numberFormat = totals.map(() => [EURO_FORMAT]);
  const title = ws.getRange("A1");
  title.format.font.bold = true;
  title.format.font.size = 14;
  ws.getRangeByIndexes(totalsRow, 0, totals.length, 1).format.font.bold = true;
  ws.freezePanes.freezeRows(TABLE_HEADER_ROW + 1);
  ws.getRangeByIndexes(0, 0, totalsRow + totals.length, cols).format.autofitColumns();
  await sync();
  return { sheetName, tableName, syncs };
}

// ---------------------------------------------------------------------------------------------
// Reading the edited quantities and prices back
// ---------------------------------------------------------------------------------------------

export interface SheetProblem {
  /** 1-based row of the table's data body (as people count lines). */
  row: number;
  column: "position" | "quantity" | "monthlyUnitPrice" | "sheet";
  message: string;
}

export class QuoteSheetError extends Error {
  readonly problems: SheetProblem[];
  constructor(problems: SheetProblem[]) {
    super(problems.map((p) => `${p.column} (row ${p.row}): ${p.message}`).join("; "));
    this.name = "QuoteSheetError";
    this.problems = problems;
  }
}

export interface QuoteSheetEdits {
  quoteId: string;
  version: number;
  /** `position` is the server's (from 0). */
  lines: Array<{ position: number; quantity: number; monthlyUnitPriceCents: number }>;
}

const POSITION = QUOTE_COLUMNS.indexOf("position");
const QUANTITY = QUOTE_COLUMNS.indexOf("quantity");
const UNIT_PRICE = QUOTE_COLUMNS.indexOf("monthlyUnitPrice");

/** Parses the table body's values; pure, so the rules are tested without Excel. */
export function parseQuoteTable(values: unknown[][]): QuoteSheetEdits["lines"] {
  const problems: SheetProblem[] = [];
  const lines: QuoteSheetEdits["lines"] = [];
  values.forEach((row, i) => {
    if (row.every((v) => v === "" || v === null)) return; // blank row
    const position = row[POSITION];
    const quantity = row[QUANTITY];
    const price = row[UNIT_PRICE];
    if (typeof position !== "number" || !Number.isInteger(position) || position < 1) {
      problems.push({ row: i + 1, column: "position", message: "must be the line's number (1, 2, …)" });
    }
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
      problems.push({ row: i + 1, column: "quantity", message: "must be a whole number of at least 1" });
    }
    let cents = 0;
    try {
      cents = eurosNumberToCents(price);
    } catch (error) {
      problems.push({
        row: i + 1,
        column: "monthlyUnitPrice",
        message: error instanceof MoneyFormatError ? error.message : String(error),
      });
    }
    // Back to the server's positions, which count from 0.
    lines.push({ position: (position as number) - 1, quantity: quantity as number, monthlyUnitPriceCents: cents });
  });
  if (problems.length > 0) throw new QuoteSheetError(problems);
  return lines;
}

/** Reads the quote id, version and edited lines from the active worksheet (a quote sheet). */
export async function readQuoteSheet(context: Excel.RequestContext): Promise<QuoteSheetEdits> {
  const ws = context.workbook.worksheets.getActiveWorksheet();
  const idName = ws.names.getItemOrNullObject(QUOTE_ID_NAME);
  const versionName = ws.names.getItemOrNullObject(QUOTE_VERSION_NAME);
  idName.load("isNullObject");
  versionName.load("isNullObject");
  ws.tables.load("items/name");
  await context.sync();

  const table = ws.tables.items.find((t) => t.name.startsWith(QUOTE_TABLE_PREFIX));
  if (idName.isNullObject || versionName.isNullObject || !table) {
    throw new QuoteSheetError([
      { row: 0, column: "sheet", message: "the active sheet is not a quote sheet written by the add-in" },
    ]);
  }
  const idRange = idName.getRange().load("values");
  const versionRange = versionName.getRange().load("values");
  const bodyRange = table.getDataBodyRange().load("values");
  await context.sync();

  const quoteId = String(idRange.values[0]?.[0] ?? "").trim();
  const version = versionRange.values[0]?.[0];
  if (quoteId === "" || typeof version !== "number" || !Number.isInteger(version)) {
    throw new QuoteSheetError([{ row: 0, column: "sheet", message: "the quote id or version cell was changed" }]);
  }
  return { quoteId, version, lines: parseQuoteTable(bodyRange.values) };
}
