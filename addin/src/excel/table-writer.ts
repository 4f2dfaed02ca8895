/**
 * Tables the add-in owns but the user lives in: found again by a stable identity (the table's id,
 * recorded in a workbook setting, which survives renames of the table and of its sheet), and
 * rewritten in place: the rows are replaced where the table is, cells are inserted or deleted
 * below it so that whatever the user put under the table keeps its place relative to it, the
 * user's own columns keep their values (carried by a key column), and nothing outside the table is
 * touched. Columns are data (ColumnSpec): header, the headers it may have in either language, a
 * number format, a cell function that may return a formula over the table's own header names.
 *
 * Requirement: ExcelApi 1.13 (Table.resize); settings need 1.4, getItemOrNullObject 1.4.
 */
import { type Text, text } from "../../../server/src/domain/text.js";

/** What a writer puts in a cell: a value, or a formula ("=…", structured references only). */
export type CellInput = string | number | boolean;

/** The header a column has in this table, for structured references: `names("quantity")`. */
export type ColumnNames = (key: string) => string;

export interface ColumnSpec<R> {
  key: string;
  /** Header of a new table (the user's language). */
  header: string;
  /** Every header the column may have been written with (both languages): how it is found again. */
  aliases: readonly string[];
  /** Number format; "@" (text) is set before the values, so "0042" or "+33…" stay text. */
  format: string;
  cell(row: R, names: ColumnNames): CellInput;
}

export class SheetStructureError extends Error {
  constructor(readonly messageText: Text) {
    super(messageText.en);
    this.name = "SheetStructureError";
  }
}

/** Column letters of a 0-based index (A … XFD). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `[@[Prix unitaire]]`: this row's cell of a column, brackets and quotes escaped as Excel wants. */
export function thisRow(name: string): string {
  return `[@[${escapeColumn(name)}]]`;
}

/** `Devis_7[[Mensuel HT]]`: the whole data column. */
export function wholeColumn(table: string, name: string): string {
  return `${table}[[${escapeColumn(name)}]]`;
}

function escapeColumn(name: string): string {
  return name.replace(/(['[\]#])/g, "'$1");
}

/**
 * A value written as text stays text: a leading = + - @ would make Excel read a formula (Range.values:
 * "If the returned value starts with a plus, minus, or equal sign, Excel interprets this value as a
 * formula"), so such text gets Excel's quote prefix.
 */
export function asText(value: string): string {
  return /^[=+\-@']/.test(value) ? `'${value}` : value;
}

/** A table name not yet used in the workbook (tables and defined names share one namespace, any case). */
export function uniqueTableName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!lower.has(`${base}_${n}`.toLowerCase())) return `${base}_${n}`;
}

/** A sheet name not yet used (sheet names are unique regardless of case, at most 31 characters). */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

// ---------------------------------------------------------------------------------------------
// Finding a table again
// ---------------------------------------------------------------------------------------------

export interface WorkbookNames {
  tables: Array<{ id: string; name: string; sheet: string; sheetId: string }>;
  definedNames: string[];
  sheets: string[];
}

/** Every table, defined name and sheet of the workbook, and the setting `key` (one request). */
export async function lookUpWorkbook<S>(
  context: Excel.RequestContext,
  settingKey: string,
): Promise<{ names: WorkbookNames; setting: S | null }> {
  const tables = context.workbook.tables.load("items/id,items/name,items/worksheet/name,items/worksheet/id");
  const names = context.workbook.names.load("items/name");
  const sheets = context.workbook.worksheets.load("items/name");
  const setting = context.workbook.settings.getItemOrNullObject(settingKey);
  setting.load("value");
  await context.sync();
  return {
    names: {
      tables: tables.items.map((t) => ({ id: t.id, name: t.name, sheet: t.worksheet.name, sheetId: t.worksheet.id })),
      definedNames: names.items.map((n) => n.name),
      sheets: sheets.items.map((s) => s.name),
    },
    setting: setting.isNullObject ? null : (setting.value as S),
  };
}

export interface LocatedTable {
  id: string;
  name: string;
  sheet: string;
  /** Header row and first column, 0-based. */
  top: number;
  left: number;
  /** Data rows (at least 1) and columns. */
  rows: number;
  cols: number;
  headers: string[];
  /** Per data row, per column: formulas (R1C1) where there is one, values otherwise; and formats. */
  body?: { formulas: unknown[][]; values: unknown[][]; formats: unknown[][] };
}

/** Position, headers and (optionally) the body of a table, by id or name (one request). */
export async function locateTable(context: Excel.RequestContext, key: string, withBody: boolean): Promise<LocatedTable> {
  const read = queueLocate(context, key, withBody);
  await context.sync();
  return read();
}

/** Queues the loads of locateTable; the function returned reads them after the next sync. */
export function queueLocate(context: Excel.RequestContext, key: string, withBody: boolean): () => LocatedTable {
  const table = context.workbook.tables.getItem(key);
  table.load("id,name");
  table.worksheet.load("name");
  const range = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
  const header = table.getHeaderRowRange().load("values");
  const body = withBody ? table.getDataBodyRange().load("formulasR1C1,values,numberFormat") : null;
  return () => ({
    id: table.id,
    name: table.name,
    sheet: table.worksheet.name,
    top: range.rowIndex,
    left: range.columnIndex,
    rows: range.rowCount - 1,
    cols: range.columnCount,
    headers: (header.values[0] ?? []).map(String),
    body: body ? { formulas: body.formulasR1C1, values: body.values, formats: body.numberFormat } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Columns: ours (by header, in either language) and the user's
// ---------------------------------------------------------------------------------------------

export interface ColumnPlan<R> {
  /** Table column index of each spec, by key. */
  index: Map<string, number>;
  /** Columns the user added (table column indexes). */
  userColumns: number[];
  names: ColumnNames;
  specs: ColumnSpec<R>[];
}

/** Finds each of our columns among the table's headers; a missing one is an error naming it. */
export function planColumns<R>(specs: ColumnSpec<R>[], headers: string[]): ColumnPlan<R> {
  const index = new Map<string, number>();
  const missing: ColumnSpec<R>[] = [];
  const lower = headers.map((h) => h.trim().toLowerCase());
  for (const spec of specs) {
    const candidates = [spec.header, ...spec.aliases].map((a) => a.toLowerCase());
    const i = lower.findIndex((h, j) => candidates.includes(h) && ![...index.values()].includes(j));
    if (i < 0) missing.push(spec);
    else index.set(spec.key, i);
  }
  if (missing.length > 0) {
    const list = missing.map((m) => `« ${m.header} »`).join(", ");
    throw new SheetStructureError(
      text(
        `La colonne ${list} du tableau a été renommée ou supprimée : rétablissez-la, ou supprimez le tableau pour que le complément le réécrive.`,
        `The table's column ${list.replace(/[«»]/g, '"')} was renamed or deleted: restore it, or delete the table so that the add-in writes it again.`,
      ),
    );
  }
  const ours = new Set(index.values());
  return {
    index,
    userColumns: headers.map((_, i) => i).filter((i) => !ours.has(i)),
    names: (key) => headers[index.get(key) as number] as string,
    specs,
  };
}

/** A new table's plan: our columns in order, headers in the user's language. */
export function newTablePlan<R>(specs: ColumnSpec<R>[]): ColumnPlan<R> {
  const headers = specs.map((s) => s.header);
  return planColumns(specs, headers);
}

/**
 * The user's cells of an old body, by key: R1C1 formulas stay formulas (their relative references
 * follow the row), text that merely looks like a formula keeps its quote prefix, and each cell keeps
 * its number format.
 */
export function carriedUserCells(
  located: LocatedTable,
  userColumns: number[],
  keyOf: (values: unknown[]) => string | null,
): Map<string, { cells: CellInput[]; formats: string[] }> {
  const out = new Map<string, { cells: CellInput[]; formats: string[] }>();
  const body = located.body;
  if (!body || userColumns.length === 0) return out;
  body.values.forEach((values, r) => {
    const key = keyOf(values);
    if (key === null || out.has(key)) return;
    const formulas = body.formulas[r] ?? [];
    out.set(key, {
      cells: userColumns.map((c) => {
        const f = formulas[c];
        const v = values[c];
        if (typeof f === "string" && f.startsWith("=") && f !== v) return f;
        return typeof v === "string" ? asText(v) : (v as CellInput);
      }),
      formats: userColumns.map((c) => String(body.formats[r]?.[c] ?? "General")),
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface RowsToWrite<R> {
  plan: ColumnPlan<R>;
  rows: R[];
  /** The user's cells for a row, from carriedUserCells. */
  carried?: (row: R) => { cells: CellInput[]; formats: string[] } | undefined;
}

/** Full-width rows (ours and the user's) in R1C1 form; an empty table gets one blank row. */
function bodyCells<R>(
  { plan, rows, carried }: RowsToWrite<R>,
  width: number,
): { cells: CellInput[][]; userFormats: string[][] | null } {
  if (rows.length === 0) return { cells: [Array.from({ length: width }, () => "")], userFormats: null };
  let anyFormats = false;
  const userFormats: string[][] = [];
  const cells = rows.map((row) => {
    const line: CellInput[] = Array.from({ length: width }, () => "");
    for (const spec of plan.specs) line[plan.index.get(spec.key) as number] = spec.cell(row, plan.names);
    const user = carried?.(row);
    plan.userColumns.forEach((c, i) => {
      line[c] = user?.cells[i] ?? "";
    });
    if (user) anyFormats = true;
    userFormats.push(plan.userColumns.map((_, i) => user?.formats[i] ?? "General"));
    return line;
  });
  return { cells, userFormats: anyFormats && plan.userColumns.length > 0 ? userFormats : null };
}

/** Our columns' number formats over `count` data rows from `firstRow` (one uniform value per column). */
function queueFormats<R>(ws: Excel.Worksheet, plan: ColumnPlan<R>, firstRow: number, left: number, count: number): void {
  for (const spec of plan.specs) {
    const range = ws.getRangeByIndexes(firstRow, left + (plan.index.get(spec.key) as number), count, 1);
    // One value for every cell of the range (Office.js copies it, as Microsoft's own samples do).
    (range as unknown as { numberFormat: unknown }).numberFormat = spec.format;
  }
}

/**
 * Replaces the rows of a located table in place (no sync): cells below the table are inserted or
 * deleted (shifted in the table's columns) so what the user put under it stays under it; the table
 * is resized with its header row where it is; formats before values. Returns the new row count.
 */
export function queueRowsInPlace<R>(context: Excel.RequestContext, located: LocatedTable, write: RowsToWrite<R>): number {
  const ws = context.workbook.worksheets.getItem(located.sheet);
  const table = context.workbook.tables.getItem(located.id);
  const { cells, userFormats } = bodyCells(write, located.cols);
  const count = cells.length;
  const first = located.top + 1;
  if (count > located.rows) {
    ws.getRangeByIndexes(first + located.rows, located.left, count - located.rows, located.cols).insert("Down");
    table.resize(ws.getRangeByIndexes(located.top, located.left, 1 + count, located.cols));
  } else if (count < located.rows) {
    ws.getRangeByIndexes(first + count, located.left, located.rows - count, located.cols).delete("Up");
  }
  queueFormats(ws, write.plan, first, located.left, count);
  if (userFormats) {
    write.plan.userColumns.forEach((c, i) => {
      ws.getRangeByIndexes(first, located.left + c, count, 1).numberFormat = userFormats.map((f) => [f[i] as string]);
    });
  }
  ws.getRangeByIndexes(first, located.left, count, located.cols).formulasR1C1 = cells;
  return count;
}

/**
 * Creates a table at (row, col) of a sheet (no sync): header, formats, the table (so that formulas
 * over its columns are valid), then the rows. Returns the table proxy, its id loaded at the next sync.
 */
export function queueNewTable<R>(
  ws: Excel.Worksheet,
  at: { row: number; col: number },
  plan: ColumnPlan<R>,
  rows: R[],
  name: string,
): Excel.Table {
  const width = plan.specs.length;
  const { cells } = bodyCells({ plan, rows }, width);
  ws.getRangeByIndexes(at.row, at.col, 1, width).values = [plan.specs.map((s) => asText(s.header))];
  queueFormats(ws, plan, at.row + 1, at.col, cells.length);
  const table = ws.tables.add(ws.getRangeByIndexes(at.row, at.col, 1 + cells.length, width), true);
  table.name = name;
  table.style = "TableStyleMedium2";
  ws.getRangeByIndexes(at.row + 1, at.col, cells.length, width).formulasR1C1 = cells;
  table.load("id,name");
  return table;
}
