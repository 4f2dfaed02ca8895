/**
 * The renewal schedule sheet: one Excel table of renewal events that finance lives in. A refresh
 * puts the new rows where the table is (whatever is above it, titles included, stays), keeps the
 * columns the user added (their cells follow their event: contract and period end), and never
 * leaves half a schedule: the new rows are appended under the old ones (the table resized with its
 * header row in place), written in chunks, and only when the last chunk is in are the old rows
 * deleted. Cancel or a failure deletes what was appended, and the previous rows are as they were.
 *
 * Each chunk is one request of at most ~2.5 MB of values (Excel on the web refuses 5 MB) and
 * suspends calculation for itself (a suspension lasts one sync). The pull (window and filters) is
 * recorded with the table in the setting `Contrats.Renouvellements`, so Refresh repeats it.
 * Conditional formats: notice deadlines within 30 days, and the L215-1 renewal reminder that is due
 * (its window has started) and not recorded as sent.
 *
 * Requests: look up, locate (or create), the user's columns read in chunks when there are any,
 * one per chunk, one to finish (which also refreshes finance's summary, summary-sheet.ts).
 * Requires ExcelApi 1.13 (Table.resize).
 */
import type { RenewalEvent } from "../api/operations.js";
import { isoToSerial } from "../shared/dates.js";
import { type CellValue, type Chunk, estimateRowBytes, planChunks } from "./chunks.js";
import { DATE_FORMAT, dateCell, EURO_FORMAT, euroCell, safeSheetName, safeTableName, TEXT_FORMAT } from "./formats.js";
import {
  type MonthlyNotice,
  queueSummary,
  queueSummaryLookup,
  type SummaryLabels,
  type SummaryLookup,
  type SummarySetting,
  summarizeByMonth,
} from "./summary-sheet.js";
import {
  asText,
  type CellInput,
  type ColumnPlan,
  type ColumnSpec,
  columnLetter,
  type LocatedTable,
  lookUpWorkbook,
  newTablePlan,
  planColumns,
  queueLocate,
  uniqueSheetName,
  uniqueTableName,
} from "./table-writer.js";

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
  "status",
] as const;
export type RenewalColumn = (typeof RENEWAL_COLUMNS)[number];

export const RENEWAL_SETTING = "Contrats.Renouvellements";
export const DEFAULT_RENEWAL_SHEET = "Renouvellements";
export const DEFAULT_RENEWAL_TABLE = "ContratsRenouvellements";
/** Notice deadlines from today to today + this many days are highlighted. */
export const HIGHLIGHT_DAYS = 30;
export const HIGHLIGHT_FILL = "#FCE4D6";
export const HIGHLIGHT_FONT = "#9C0006";
/** A due L215-1 reminder not recorded as sent. */
export const REMINDER_FILL = "#FFEB9C";
export const REMINDER_FONT = "#9C5700";
/** Bytes of values per chunk: half of Excel on the web's 5 MB, for what travels besides the values. */
export const RENEWAL_CHUNK_BYTES = 2_500_000;
/** Rows per chunk at most, so progress moves and Cancel answers. */
export const RENEWAL_CHUNK_ROWS = 20_000;
/** Bytes of cells read back per request (the user's columns), under the 5 MB response limit. */
const READ_CHUNK_BYTES = 2_000_000;
const AUTOFIT_ROWS = 500;

export interface RenewalSheetLabels {
  columns: Record<RenewalColumn, string>;
  /** The same headers in the other language: a colleague's table is found again. */
  others?: Array<Record<RenewalColumn, string>>;
  sheet: string;
  family: (family: RenewalEvent["family"]) => string;
  status: (status: RenewalEvent["contractStatus"]) => string;
  summary: SummaryLabels;
}

/** What a pull was: Refresh repeats it. */
export interface RenewalPull {
  from: string;
  to: string;
  families: string[];
  customerId: string | null;
  /** For the pane to say which customer (the id alone means nothing to a reader). */
  customerName: string | null;
}

export interface RenewalSetting extends SummarySetting {
  tableId: string;
  pull: RenewalPull;
  rows: number;
}

const FORMATS: Record<RenewalColumn, string> = {
  customer: TEXT_FORMAT,
  contract: TEXT_FORMAT,
  offerCode: TEXT_FORMAT,
  offer: TEXT_FORMAT,
  family: TEXT_FORMAT,
  periodEnd: DATE_FORMAT,
  noticeDeadline: DATE_FORMAT,
  nextPeriodStart: DATE_FORMAT,
  monthlyAmount: EURO_FORMAT,
  reminderWindowStart: DATE_FORMAT,
  reminderWindowEnd: DATE_FORMAT,
  reminderSentOn: DATE_FORMAT,
  status: TEXT_FORMAT,
};

export function renewalColumnSpecs(labels: RenewalSheetLabels): ColumnSpec<RenewalEvent>[] {
  const cells: Record<RenewalColumn, (e: RenewalEvent) => CellInput> = {
    customer: (e) => asText(e.customerName),
    contract: (e) => asText(e.contractId),
    offerCode: (e) => asText(e.offerCode),
    offer: (e) => asText(e.offerName),
    family: (e) => asText(labels.family(e.family)),
    periodEnd: (e) => dateCell(e.periodEnd),
    noticeDeadline: (e) => dateCell(e.noticeDeadline),
    nextPeriodStart: (e) => dateCell(e.nextPeriodStart),
    monthlyAmount: (e) => euroCell(e.monthlyAmountCents),
    reminderWindowStart: (e) => dateCell(e.reminderWindowStart),
    reminderWindowEnd: (e) => dateCell(e.reminderWindowEnd),
    reminderSentOn: (e) => dateCell(e.reminderSentOn),
    status: (e) => asText(labels.status(e.contractStatus)),
  };
  return RENEWAL_COLUMNS.map((key) => ({
    key,
    header: labels.columns[key],
    aliases: (labels.others ?? []).map((o) => o[key]),
    format: FORMATS[key],
    cell: cells[key],
  }));
}

/**
 * The conditional-format rules, relative to the first data row `row` (1-based, as A1 counts) of the
 * table's columns. Conditional formats cannot use structured references, so the columns are
 * addressed by letter where the table is; TODAY() keeps them right on every later day.
 */
export function highlightFormulas(
  deadlineCol: string,
  reminderStartCol: string,
  reminderSentCol: string,
  row: number,
  days: number = HIGHLIGHT_DAYS,
) {
  const d = `$${deadlineCol}${row}`;
  const start = `$${reminderStartCol}${row}`;
  const sent = `$${reminderSentCol}${row}`;
  return {
    deadline: `=AND(ISNUMBER(${d}),${d}>=TODAY(),${d}<=TODAY()+${days})`,
    reminderDue: `=AND(ISNUMBER(${start}),${start}<=TODAY(),NOT(ISNUMBER(${sent})))`,
  };
}

export interface WriteRenewalOptions {
  pull: RenewalPull;
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
  summary: MonthlyNotice[];
}

/** The stored pull, for Refresh (null when the workbook has no schedule written by the add-in). */
export async function readRenewalPull(context: Excel.RequestContext): Promise<RenewalPull | null> {
  const setting = context.workbook.settings.getItemOrNullObject(RENEWAL_SETTING);
  setting.load("value");
  await context.sync();
  return setting.isNullObject ? null : ((setting.value as RenewalSetting).pull ?? null);
}

interface Target {
  located: LocatedTable;
  plan: ColumnPlan<RenewalEvent>;
  created: boolean;
}

export async function writeRenewalSheet(
  context: Excel.RequestContext,
  events: readonly RenewalEvent[],
  labels: RenewalSheetLabels,
  options: WriteRenewalOptions,
): Promise<WriteRenewalResult> {
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const specs = renewalColumnSpecs(labels);
  const { names, setting } = await lookUpWorkbook<RenewalSetting>(context, RENEWAL_SETTING);
  syncs++;
  const found = names.tables.find((t) => t.id === setting?.tableId) ?? null;
  const summaryId = names.tables.find((t) => t.id === setting?.summaryTableId)?.id ?? null;

  // 2. Where the table is (or a new one, with one blank row that the refresh then replaces).
  let target: Target;
  let lookUpSummary: () => SummaryLookup;
  if (found) {
    const read = queueLocate(context, found.id, false);
    lookUpSummary = queueSummaryLookup(context, summaryId, found.sheet);
    await sync();
    const located = read();
    target = { located, plan: planColumns(specs, located.headers), created: false };
  } else {
    const sheetName = uniqueSheetName(safeSheetName(labels.sheet), names.sheets);
    const tableName = uniqueTableName(safeTableName(DEFAULT_RENEWAL_TABLE), [
      ...names.tables.map((t) => t.name),
      ...names.definedNames,
    ]);
    const ws = context.workbook.worksheets.add(sheetName);
    const plan = newTablePlan(specs);
    ws.getRangeByIndexes(0, 0, 1, specs.length).values = [specs.map((s) => asText(s.header))];
    const table = ws.tables.add(ws.getRangeByIndexes(0, 0, 2, specs.length), true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
    table.load("id");
    ws.freezePanes.freezeRows(1);
    lookUpSummary = queueSummaryLookup(context, summaryId, sheetName);
    await sync();
    target = {
      located: {
        id: table.id,
        name: tableName,
        sheet: sheetName,
        top: 0,
        left: 0,
        rows: 1,
        cols: specs.length,
        headers: plan.specs.map((s) => s.header),
      },
      plan,
      created: true,
    };
  }
  const { located, plan } = target;
  const summaryLookup = lookUpSummary();
  const ws = context.workbook.worksheets.getItem(located.sheet);
  const table = context.workbook.tables.getItem(located.id);

  // 3. The user's columns, read in chunks, to carry their cells by (contract, period end).
  const carried = await readUserColumns(context, located, plan, () => syncs++);

  // 4. The new rows, in chunks, appended under the old ones.
  const rows: CellInput[][] = [];
  const userFormats: string[][] = [];
  let anyFormula = false;
  for (const e of events) {
    const line: CellInput[] = Array.from({ length: located.cols }, () => "");
    for (const spec of plan.specs) line[plan.index.get(spec.key) as number] = spec.cell(e, plan.names);
    const user = carried.get(`${e.contractId}|${isoToSerial(e.periodEnd)}`);
    plan.userColumns.forEach((c, i) => {
      const cell = user?.cells[i] ?? "";
      if (typeof cell === "string" && cell.startsWith("=")) anyFormula = true;
      line[c] = cell;
    });
    if (plan.userColumns.length > 0) userFormats.push(plan.userColumns.map((_, i) => user?.formats[i] ?? "General"));
    rows.push(line);
  }
  const chunks = planChunks(
    rows as CellValue[][],
    options.maxChunkBytes ?? RENEWAL_CHUNK_BYTES,
    options.maxChunkRows ?? RENEWAL_CHUNK_ROWS,
  );
  const first = located.top + 1;
  const appendAt = first + located.rows;
  const count = rows.length;

  /**
   * Deletes what was appended: the table and the sheet are as before the refresh. Only rows the
   * table really gained are deleted (a failed request may not have inserted them).
   */
  const rollBack = async () => {
    const now = table.getRange().load("rowCount");
    await sync();
    const gained = now.rowCount - 1 - located.rows;
    if (gained > 0) {
      ws.getRangeByIndexes(appendAt, located.left, gained, located.cols).delete("Up");
      await sync();
    }
  };

  let written = 0;
  let cancelled = false;
  try {
    for (const [i, chunk] of chunks.entries()) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      // A suspension of calculation lasts until the next sync: each chunk's request asks again.
      context.application.suspendApiCalculationUntilNextSync();
      if (i === 0) {
        // Room under the table (what the user put there moves down), the table over it, formats first.
        ws.getRangeByIndexes(appendAt, located.left, count, located.cols).insert("Down");
        table.resize(ws.getRangeByIndexes(located.top, located.left, 1 + located.rows + count, located.cols));
        for (const spec of plan.specs) {
          const range = ws.getRangeByIndexes(appendAt, located.left + (plan.index.get(spec.key) as number), count, 1);
          (range as unknown as { numberFormat: unknown }).numberFormat = spec.format;
        }
      }
      const range = ws.getRangeByIndexes(appendAt + chunk.start, located.left, chunk.count, located.cols);
      if (userFormats.length > 0) {
        plan.userColumns.forEach((c, j) => {
          ws.getRangeByIndexes(appendAt + chunk.start, located.left + c, chunk.count, 1).numberFormat = userFormats
            .slice(chunk.start, chunk.start + chunk.count)
            .map((f) => [f[j] as string]);
        });
      }
      const slice = rows.slice(chunk.start, chunk.start + chunk.count);
      if (anyFormula) range.formulasR1C1 = slice;
      else range.values = slice;
      await sync();
      written += chunk.count;
      options.onProgress?.(written, count);
    }
    if (!cancelled && options.signal?.aborted && written < count) cancelled = true;
  } catch (error) {
    // The old rows are still there: take back what was appended, then report the failure.
    await rollBack().catch(() => undefined);
    throw error;
  }
  if (cancelled) {
    if (written > 0) await rollBack();
    return {
      sheetName: located.sheet,
      tableName: located.name,
      rowsWritten: 0,
      chunks,
      syncs,
      cancelled,
      refreshed: !target.created,
      summary: [],
    };
  }

  // 5. The old rows go (the table keeps one blank row when the schedule is empty); formats; summary.
  if (count > 0) {
    ws.getRangeByIndexes(first, located.left, located.rows, located.cols).delete("Up");
  } else {
    if (located.rows > 1) ws.getRangeByIndexes(first + 1, located.left, located.rows - 1, located.cols).delete("Up");
    ws.getRangeByIndexes(first, located.left, 1, located.cols).clear("Contents");
  }
  const dataRows = Math.max(count, 1);
  if (count > 0) {
    const col = (k: RenewalColumn) => columnLetter(located.left + (plan.index.get(k) as number));
    const formulas = highlightFormulas(col("noticeDeadline"), col("reminderWindowStart"), col("reminderSentOn"), first + 1);
    const deadlines = ws.getRangeByIndexes(first, located.left + (plan.index.get("noticeDeadline") as number), dataRows, 1);
    const deadline = deadlines.conditionalFormats.add("Custom");
    deadline.custom.rule.formula = formulas.deadline;
    deadline.custom.format.fill.color = HIGHLIGHT_FILL;
    deadline.custom.format.font.color = HIGHLIGHT_FONT;
    deadline.custom.format.font.bold = true;
    const reminder = ws.getRangeByIndexes(first, located.left, dataRows, located.cols).conditionalFormats.add("Custom");
    reminder.custom.rule.formula = formulas.reminderDue;
    reminder.custom.format.fill.color = REMINDER_FILL;
    reminder.custom.format.font.color = REMINDER_FONT;
  }
  if (target.created)
    ws.getRangeByIndexes(located.top, located.left, 1 + Math.min(dataRows, AUTOFIT_ROWS), located.cols).format.autofitColumns();
  const summary = summarizeByMonth(events, options.pull.from, options.pull.to);
  const summaryState = queueSummary(context, {
    summary,
    labels: labels.summary,
    lookup: summaryLookup,
    taken: {
      sheets: names.sheets.concat(target.created ? [located.sheet] : []),
      tables: [...names.tables.map((t) => t.name), ...names.definedNames, located.name],
    },
  });
  ws.activate();
  await sync();
  context.workbook.settings.add(RENEWAL_SETTING, {
    tableId: located.id,
    pull: options.pull,
    rows: count,
    ...summaryState(),
  } satisfies RenewalSetting);
  await sync();
  return {
    sheetName: located.sheet,
    tableName: located.name,
    rowsWritten: count,
    chunks,
    syncs,
    cancelled: false,
    refreshed: !target.created,
    summary,
  };
}

/**
 * The user's columns of the current rows, keyed by (contract, period end serial): formulas (R1C1,
 * so their relative references follow the row), values and number formats. Read in requests sized
 * under the 5 MB response limit; nothing is read when the user added no column.
 */
async function readUserColumns(
  context: Excel.RequestContext,
  located: LocatedTable,
  plan: ColumnPlan<RenewalEvent>,
  counted: () => void,
): Promise<Map<string, { cells: CellInput[]; formats: string[] }>> {
  const out = new Map<string, { cells: CellInput[]; formats: string[] }>();
  if (plan.userColumns.length === 0 || located.rows === 0) return out;
  const ws = context.workbook.worksheets.getItem(located.sheet);
  const contractCol = plan.index.get("contract") as number;
  const periodCol = plan.index.get("periodEnd") as number;
  // A cell read costs its value, its formula and its format: count generously.
  const perRow = estimateRowBytes(Array.from({ length: 2 + 3 * plan.userColumns.length }, () => "x".repeat(24)));
  const rowsPerRead = Math.max(1, Math.floor(READ_CHUNK_BYTES / perRow));
  for (let start = 0; start < located.rows; start += rowsPerRead) {
    const n = Math.min(rowsPerRead, located.rows - start);
    const row = located.top + 1 + start;
    const keys = [contractCol, periodCol].map((c) => ws.getRangeByIndexes(row, located.left + c, n, 1).load("values"));
    const cols = plan.userColumns.map((c) =>
      ws.getRangeByIndexes(row, located.left + c, n, 1).load("values,formulasR1C1,numberFormat"),
    );
    await context.sync();
    counted();
    for (let r = 0; r < n; r++) {
      const key = `${keys[0]?.values[r]?.[0]}|${keys[1]?.values[r]?.[0]}`;
      if (out.has(key)) continue;
      out.set(key, {
        cells: cols.map((range) => {
          const f = range.formulasR1C1[r]?.[0];
          const v = range.values[r]?.[0];
          if (typeof f === "string" && f.startsWith("=") && f !== v) return f;
          return typeof v === "string" ? asText(v) : (v as CellInput);
        }),
        formats: cols.map((range) => String(range.numberFormat[r]?.[0] ?? "General")),
      });
    }
  }
  return out;
}
