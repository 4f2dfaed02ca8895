/**
 * The renewal schedule sheet: one Excel table of renewal events, rewritten in place on refresh
 * (same table, so formulas and pivots pointing at it keep working).
 *
 * Large schedules: values go in chunks sized by estimated bytes (see chunks.ts), one `range.values`
 * and one sync per chunk, with progress and cancellation between chunks; calculation is suspended
 * for each chunk's request (a suspension lasts one sync); the table is created or resized after the values; formats come in a second pass, one
 * uniform format per column instead of a format per cell.
 *
 * Syncs: 1 (look up) + one per chunk + 1 (table) + 1 (formats). Requires ExcelApi 1.13 (Table.resize) to refresh.
 */
import type { RenewalEvent } from "../api/operations.js";
import { type CellValue, type Chunk, DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_ROWS, planChunks } from "./chunks.js";
import {
  DATE_FORMAT,
  dateCell,
  EURO_FORMAT,
  euroCell,
  safeSheetName,
  safeTableName,
  setUniformNumberFormat,
  TEXT_FORMAT,
} from "./formats.js";

export const RENEWAL_COLUMNS = [
  "customer",
  "contract",
  "offerCode",
  "offer",
  "family",
  "periodEnd",
  "noticeDeadline",
  "nextPeriodStart",
  "monthlyAmount",
  "reminderWindowStart",
  "reminderWindowEnd",
  "reminderSentOn",
] as const;
export type RenewalColumn = (typeof RENEWAL_COLUMNS)[number];

const DATE_COLUMNS: RenewalColumn[] = [
  "periodEnd",
  "noticeDeadline",
  "nextPeriodStart",
  "reminderWindowStart",
  "reminderWindowEnd",
  "reminderSentOn",
];
const EURO_COLUMNS: RenewalColumn[] = ["monthlyAmount"];
/** Ids stay text: a numeric-looking id must not turn into a number. */
const TEXT_COLUMNS: RenewalColumn[] = ["contract"];

export const DEFAULT_RENEWAL_SHEET = "Renouvellements";
export const DEFAULT_RENEWAL_TABLE = "ContratsRenouvellements";
/** Notice deadlines from today to today + this many days are highlighted. */
export const HIGHLIGHT_DAYS = 30;
export const HIGHLIGHT_FILL = "#FCE4D6";
export const HIGHLIGHT_FONT = "#9C0006";
/** Autofit looks at the header and this many rows: enough to size columns, cheap on big tables. */
const AUTOFIT_ROWS = 500;

export type RenewalSheetLabels = Record<RenewalColumn, string>;

export function renewalRowCells(e: RenewalEvent, familyLabel: (f: RenewalEvent["family"]) => string = (f) => f): CellValue[] {
  const byColumn: Record<RenewalColumn, CellValue> = {
    customer: e.customerName,
    contract: e.contractId,
    offerCode: e.offerCode,
    offer: e.offerName,
    family: familyLabel(e.family),
    periodEnd: dateCell(e.periodEnd),
    noticeDeadline: dateCell(e.noticeDeadline),
    nextPeriodStart: dateCell(e.nextPeriodStart),
    monthlyAmount: euroCell(e.monthlyAmountCents),
    reminderWindowStart: dateCell(e.reminderWindowStart),
    reminderWindowEnd: dateCell(e.reminderWindowEnd),
    reminderSentOn: dateCell(e.reminderSentOn),
  };
  return RENEWAL_COLUMNS.map((c) => byColumn[c]);
}

/** Column letter of a 0-based index below 26 (our tables are narrower). */
function columnLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * The conditional-format rule for the notice deadline column, relative to its first data cell
 * (row 2): TODAY() keeps the highlight right on every later day without rewriting the sheet.
 */
export function highlightFormula(days: number = HIGHLIGHT_DAYS): string {
  const cell = `$${columnLetter(RENEWAL_COLUMNS.indexOf("noticeDeadline"))}2`;
  return `=AND(ISNUMBER(${cell}),${cell}>=TODAY(),${cell}<=TODAY()+${days})`;
}

export interface WriteRenewalOptions {
  sheetName?: string;
  tableName?: string;
  maxChunkBytes?: number;
  maxChunkRows?: number;
  signal?: AbortSignal;
  /** After each chunk: rows written so far, total rows. */
  onProgress?: (written: number, total: number) => void;
}

export interface WriteRenewalResult {
  sheetName: string;
  tableName: string;
  rowsWritten: number;
  chunks: Chunk[];
  syncs: number;
  cancelled: boolean;
  /** Whether an existing table was refreshed in place (false: created). */
  refreshed: boolean;
}

export async function writeRenewalSheet(
  context: Excel.RequestContext,
  rows: CellValue[][],
  labels: RenewalSheetLabels,
  options: WriteRenewalOptions = {},
): Promise<WriteRenewalResult> {
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const requestedSheet = safeSheetName(options.sheetName ?? DEFAULT_RENEWAL_SHEET);
  const tableName = safeTableName(options.tableName ?? DEFAULT_RENEWAL_TABLE);
  const cols = RENEWAL_COLUMNS.length;

  const existingSheet = context.workbook.worksheets.getItemOrNullObject(requestedSheet);
  existingSheet.load("isNullObject");
  // The table is found by name wherever it is (its sheet may have been renamed).
  const tables = context.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  await sync();

  const existingTable = tables.items.find((t) => t.name === tableName) ?? null;
  const refreshed = existingTable !== null;
  let ws: Excel.Worksheet;
  let sheetName = requestedSheet;
  if (existingTable) {
    sheetName = existingTable.worksheet.name;
    ws = context.workbook.worksheets.getItem(sheetName);
    // Clear the old rows (values, fills, rules) but keep the table itself.
    const oldBody = existingTable.getDataBodyRange();
    oldBody.conditionalFormats.clearAll();
    oldBody.clear("All");
  } else if (existingSheet.isNullObject) {
    ws = context.workbook.worksheets.add(requestedSheet);
  } else {
    ws = existingSheet;
    ws.getRange().clear("All"); // our sheet, without its table: start over
  }
  // Text columns are formatted before their values, or Excel would turn "0042" into 42.
  for (const c of TEXT_COLUMNS)
    setUniformNumberFormat(ws.getRangeByIndexes(1, RENEWAL_COLUMNS.indexOf(c), Math.max(rows.length, 1), 1), TEXT_FORMAT);
  ws.getRangeByIndexes(0, 0, 1, cols).values = [RENEWAL_COLUMNS.map((c) => labels[c])];

  const chunks = planChunks(rows, options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES, options.maxChunkRows ?? DEFAULT_CHUNK_ROWS);
  let written = 0;
  let cancelled = false;
  for (const chunk of chunks) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    // Suspending calculation lasts until the next sync only: every chunk's request asks again.
    context.application.suspendApiCalculationUntilNextSync();
    ws.getRangeByIndexes(1 + chunk.start, 0, chunk.count, cols).values = rows.slice(chunk.start, chunk.start + chunk.count);
    await sync();
    written += chunk.count;
    options.onProgress?.(written, rows.length);
  }
  if (!cancelled && options.signal?.aborted && written < rows.length) cancelled = true;
  if (cancelled && written > 0) {
    // A half-written schedule would be mistaken for a complete one: leave an empty table.
    ws.getRangeByIndexes(1, 0, written, cols).clear("Contents");
  }
  const dataRows = cancelled ? 0 : rows.length;

  // The table covers the header and the rows (Excel needs at least one data row).
  const tableRange = ws.getRangeByIndexes(0, 0, 1 + Math.max(dataRows, 1), cols);
  let table: Excel.Table;
  if (existingTable) {
    table = existingTable;
    table.resize(tableRange);
  } else {
    table = ws.tables.add(tableRange, true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
  }
  ws.freezePanes.freezeRows(1);
  await sync();

  // Second pass: formats on the used rows only.
  if (dataRows > 0) {
    for (const c of DATE_COLUMNS)
      setUniformNumberFormat(ws.getRangeByIndexes(1, RENEWAL_COLUMNS.indexOf(c), dataRows, 1), DATE_FORMAT);
    for (const c of EURO_COLUMNS)
      setUniformNumberFormat(ws.getRangeByIndexes(1, RENEWAL_COLUMNS.indexOf(c), dataRows, 1), EURO_FORMAT);
    const deadlines = ws.getRangeByIndexes(1, RENEWAL_COLUMNS.indexOf("noticeDeadline"), dataRows, 1);
    const rule = deadlines.conditionalFormats.add("Custom");
    rule.custom.rule.formula = highlightFormula();
    rule.custom.format.fill.color = HIGHLIGHT_FILL;
    rule.custom.format.font.color = HIGHLIGHT_FONT;
    rule.custom.format.font.bold = true;
  }
  ws.getRangeByIndexes(0, 0, 1 + Math.min(Math.max(dataRows, 1), AUTOFIT_ROWS), cols).format.autofitColumns();
  ws.activate();
  await sync();

  return { sheetName, tableName, rowsWritten: dataRows, chunks, syncs, cancelled, refreshed };
}
