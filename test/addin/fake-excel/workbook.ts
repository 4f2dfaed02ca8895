/**
 * The workbook the fake holds: sheets of cells (values, formulas, number formats, a little
 * formatting), tables, defined names, the add-in's settings, conditional formats and charts. The
 * request layer (api.ts) applies queued operations here at `sync()`; every rule Excel enforces that
 * the add-in could break is checked here, with the documentation it comes from.
 */
import {
  type Area,
  areaAddress,
  contains,
  intersects,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  parseCell,
  qualifiedAddress,
} from "./addresses.js";
import { FakeExcelError, notModelled } from "./errors.js";
import { type EvalHost, Evaluator, type RangeValue, type Scalar, XlError } from "./evaluate.js";
import {
  a1ToR1C1,
  type Expr,
  FormulaSyntaxError,
  parseFormula,
  r1c1ToA1,
  refArea,
  rewrite,
  type StructuredSpec,
  type Token,
  tokenize,
} from "./formula.js";

/** What `Range.values` gives for a cell: errors come back as their text ("#REF!"). */
export type CellValue = number | string | boolean;

export interface Style {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  horizontalAlignment?: string;
}

export interface Cell {
  /** The value ("" when empty); for a formula cell, its value at the last calculation. */
  v: Scalar;
  /** The formula in A1 form, "=…". */
  f?: string;
  ast?: Expr;
  /** Number format; absent = "General". */
  nf?: string;
  st?: Style;
  /** Recalculation bookkeeping. */
  pass?: number;
}

export interface CfRule {
  id: string;
  sheet: Sheet;
  area: Area;
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface ChartState {
  id: string;
  name: string;
  sheet: Sheet;
  type: string;
  source: { sheet: Sheet; area: Area };
  seriesBy: string;
  title: string | null;
  /** Per series index: chart type and axis group set on that series. */
  series: Map<number, { chartType?: string; axisGroup?: string }>;
  position: { start: string; end: string | null } | null;
  deleted: boolean;
}

export class Sheet {
  readonly rows = new Map<number, (Cell | undefined)[]>();
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  readonly conditionalFormats: CfRule[] = [];
  readonly charts: ChartState[] = [];
  autofitCount = 0;
  deleted = false;
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(row: number, col: number): Cell | undefined {
    return this.rows.get(row)?.[col];
  }

  /** The cells of a row, created when missing (callers that touch many cells fetch it once per row). */
  row(row: number): (Cell | undefined)[] {
    let r = this.rows.get(row);
    if (!r) {
      r = [];
      this.rows.set(row, r);
    }
    return r;
  }

  ensure(row: number, col: number, line: (Cell | undefined)[] = this.row(row)): Cell {
    const r = line;
    let cell = r[col];
    if (!cell) {
      cell = { v: "" };
      r[col] = cell;
    }
    return cell;
  }

  /** Every existing cell of an area (sparse: missing cells are skipped). */
  *cellsIn(area: Area): Generator<{ row: number; col: number; cell: Cell }> {
    const lastRow = area.row + area.rows;
    const lastCol = area.col + area.cols;
    // Walk whichever is smaller: the area's rows or the rows that exist.
    if (area.rows < this.rows.size) {
      for (let row = area.row; row < lastRow; row++) {
        const r = this.rows.get(row);
        if (!r) continue;
        for (let col = area.col; col < Math.min(lastCol, r.length); col++) {
          const cell = r[col];
          if (cell) yield { row, col, cell };
        }
      }
    } else {
      for (const [row, r] of this.rows) {
        if (row < area.row || row >= lastRow) continue;
        for (let col = area.col; col < Math.min(lastCol, r.length); col++) {
          const cell = r[col];
          if (cell) yield { row, col, cell };
        }
      }
    }
  }
}

export class Table {
  /** Column names, from the header row (kept unique by Excel). */
  columns: string[] = [];
  style = "TableStyleMedium2";
  deleted = false;
  constructor(
    readonly id: string,
    public name: string,
    public sheet: Sheet,
    /** Header row and data body (no totals row: the fake does not model it). */
    public area: Area,
  ) {}

  get body(): Area {
    return { row: this.area.row + 1, col: this.area.col, rows: this.area.rows - 1, cols: this.area.cols };
  }
  get header(): Area {
    return { row: this.area.row, col: this.area.col, rows: 1, cols: this.area.cols };
  }
}

export interface DefinedName {
  name: string;
  /** The sheet a sheet-scoped name belongs to; null for a workbook-scoped name. */
  scope: Sheet | null;
  sheet: Sheet;
  area: Area;
  comment: string;
}

export interface RecalcStats {
  formulas: number;
}

/** Largest cell count a read may cover (Resource limits, "Excel add-ins": "A range is limited to 5,000,000 cells for read operations."). */
export const MAX_READ_CELLS = 5_000_000;

const NUMBER_INPUT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel serial of a calendar date (1900 system, after 1900-02-28). */
export function serialOf(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export class Workbook {
  readonly sheets: Sheet[] = [];
  readonly tables: Table[] = [];
  readonly names: DefinedName[] = [];
  readonly settings = new Map<string, unknown>();
  activeSheet: Sheet;
  /** Today, as TODAY() sees it. */
  today = serialOf(2026, 1, 15);
  private ids = 0;
  private pass = 0;
  /** Set when content changed since the last calculation. */
  dirty = false;
  /** Number of full recalculations (for tests of suspended calculation). */
  recalculations = 0;

  constructor(sheetNames: string[] = ["Feuil1"]) {
    for (const name of sheetNames) this.addSheet(name);
    this.activeSheet = this.sheets[0] as Sheet;
  }

  nextId(prefix: string): string {
    this.ids++;
    return `${prefix}${this.ids}`;
  }

  // -------------------------------------------------------------------------------------------
  // Look-ups
  // -------------------------------------------------------------------------------------------

  sheetByName(name: string): Sheet | null {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key) ?? null;
  }

  sheetByKey(key: string): Sheet | null {
    return this.sheets.find((s) => s.id === key) ?? this.sheetByName(key);
  }

  /** Tables.getItem: "Gets a table by name or ID." */
  tableByKey(key: string): Table | null {
    const lower = key.toLowerCase();
    return this.tables.find((t) => t.id === key) ?? this.tables.find((t) => t.name.toLowerCase() === lower) ?? null;
  }

  tableAt(sheet: Sheet, row: number, col: number): Table | null {
    return this.tables.find((t) => t.sheet === sheet && intersects(t.area, { row, col, rows: 1, cols: 1 })) ?? null;
  }

  tablesIntersecting(sheet: Sheet, area: Area): Table[] {
    return this.tables.filter((t) => t.sheet === sheet && intersects(t.area, area));
  }

  // -------------------------------------------------------------------------------------------
  // Sheets
  // -------------------------------------------------------------------------------------------

  /**
   * Worksheet names (Microsoft support, "Rename a worksheet"): not blank, at most 31 characters,
   * none of / \ ? * : [ ], not beginning or ending with an apostrophe, not "History" (reserved),
   * unique in the workbook regardless of case.
   */
  checkSheetName(name: string, except: Sheet | null = null): void {
    if (typeof name !== "string" || name.length === 0 || name.length > 31) {
      throw new FakeExcelError("InvalidArgument", `sheet name "${name}" must have 1 to 31 characters`);
    }
    if (/[\\/?*:[\]]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid sheet name`);
    }
    const other = this.sheetByName(name);
    if (other && other !== except) throw new FakeExcelError("ItemAlreadyExists", `a sheet named "${name}" exists`);
  }

  addSheet(name?: string): Sheet {
    let finalName = name;
    if (finalName === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheetByName(`Feuil${n}`)) n++;
      finalName = `Feuil${n}`;
    }
    this.checkSheetName(finalName);
    const sheet = new Sheet(this.nextId("{sheet-"), finalName);
    this.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: Sheet, name: string): void {
    this.checkSheetName(name, sheet);
    const old = sheet.name;
    sheet.name = name;
    this.rewriteAllFormulas((tok) =>
      tok.t === "ref" && tok.sheet !== null && tok.sheet.toLowerCase() === old.toLowerCase() ? { ...tok, sheet: name } : null,
    );
  }

  /** Deleting a sheet breaks every reference to it (#REF!), and its tables go with it. */
  deleteSheet(sheet: Sheet): void {
    if (this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
      throw new FakeExcelError("InvalidOperation", "a workbook must keep at least one visible sheet");
    }
    for (const table of this.tables.filter((t) => t.sheet === sheet)) this.dropTable(table);
    sheet.deleted = true;
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (const name of this.names.filter((n) => n.sheet === sheet || n.scope === sheet))
      this.names.splice(this.names.indexOf(name), 1);
    this.rewriteAllFormulas((tok) =>
      tok.t === "ref" && tok.sheet !== null && tok.sheet.toLowerCase() === sheet.name.toLowerCase()
        ? { t: "err", text: "#REF!" }
        : null,
    );
    if (this.activeSheet === sheet) this.activeSheet = this.sheets.find((s) => s.visibility === "Visible") as Sheet;
    this.dirty = true;
  }

  activate(sheet: Sheet): void {
    if (sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "a hidden sheet cannot be activated");
    this.activeSheet = sheet;
  }

  // -------------------------------------------------------------------------------------------
  // Cells
  // -------------------------------------------------------------------------------------------

  private checkArea(area: Area): void {
    if (
      !Number.isInteger(area.row) ||
      !Number.isInteger(area.col) ||
      area.row < 0 ||
      area.col < 0 ||
      area.rows < 1 ||
      area.cols < 1 ||
      area.row + area.rows > MAX_ROWS ||
      area.col + area.cols > MAX_COLS
    ) {
      throw new FakeExcelError("InvalidArgument", `the range ${JSON.stringify(area)} is outside the grid`);
    }
  }

  /**
   * The 2-D array a range property is set to, or one value for every cell (Microsoft's own
   * snippet sets `getRange("A1:C3").formulas = "=RAND()*17"`). "Blank and null values in Excel
   * add-ins": `null` inside the array leaves that cell unchanged, but `null` for the whole
   * property is invalid.
   */
  private grid(area: Area, data: unknown): (r: number, c: number) => unknown {
    if (data === null || data === undefined)
      throw new FakeExcelError("InvalidArgument", "null is not a valid value for the whole property");
    if (!Array.isArray(data)) return () => data;
    if (data.length !== area.rows || data.some((row) => !Array.isArray(row) || row.length !== area.cols)) {
      const first = data[0] as unknown[] | undefined;
      throw new FakeExcelError(
        "InvalidArgument",
        `the array is ${data.length}×${Array.isArray(first) ? first.length : "?"} but the range is ${area.rows}×${area.cols}`,
      );
    }
    return (r, c) => (data[r] as unknown[])[c];
  }

  /**
   * What Excel stores for a value written to a cell. `Range.values` (office-js reference): "If the
   * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this
   * value as a formula", and strings are parsed as typed input: numbers become numbers, ISO dates
   * become dates, "TRUE"/"FALSE" booleans; a leading apostrophe keeps the rest as text. A cell
   * formatted as text ("@") keeps strings as they are, so "0042" stays "0042".
   */
  private interpret(input: unknown, cell: Cell | undefined): { v: Scalar; f?: string; nf?: string } {
    if (typeof input === "number") {
      if (!Number.isFinite(input)) throw new FakeExcelError("InvalidArgument", `${input} is not a value Excel can hold`);
      return { v: input };
    }
    if (typeof input === "boolean") return { v: input };
    if (typeof input !== "string") throw new FakeExcelError("InvalidArgument", `${typeof input} is not a cell value`);
    // The quote prefix is read first, whatever the cell's format.
    if (input.startsWith("'")) return { v: input.slice(1) };
    if (cell?.nf === "@") return { v: input };
    if (input.length > 1 && input.startsWith("=")) return { v: "", f: this.checkFormula(input) };
    const trimmed = input.trim();
    if (NUMBER_INPUT.test(trimmed)) return { v: Number(trimmed) };
    if (/^(true|false)$/i.test(trimmed)) return { v: trimmed.toLowerCase() === "true" };
    const iso = ISO_DATE_INPUT.exec(trimmed);
    if (iso) {
      const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
      const date = new Date(Date.UTC(y, m - 1, d));
      if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900) {
        return { v: serialOf(y, m, d), nf: cell?.nf && cell.nf !== "General" ? cell.nf : "yyyy-mm-dd" };
      }
    }
    if (input.length > 1 && (input.startsWith("+") || input.startsWith("-"))) {
      return { v: "", f: this.checkFormula(`=${input}`) };
    }
    return { v: input };
  }

  /** A formula Excel would accept: it parses, and every table, column and sheet it names exists. */
  checkFormula(formula: string, at?: { sheet: Sheet; row: number; col: number }): string {
    let tokens: Token[];
    try {
      tokens = tokenize(formula.slice(1), "A1");
      parseFormula(formula);
    } catch (error) {
      throw new FakeExcelError("InvalidArgument", `Excel refuses the formula ${formula}: ${(error as Error).message}`);
    }
    for (const tok of tokens) {
      if (tok.t === "sref") {
        const table = tok.table ? this.tableByName(tok.table) : at ? this.tableAt(at.sheet, at.row, at.col) : null;
        if (tok.table && !table) throw new FakeExcelError("InvalidArgument", `${formula}: no table named ${tok.table}`);
        if (!tok.table && at && !table) {
          throw new FakeExcelError("InvalidArgument", `${formula}: a reference without a table name must be inside a table`);
        }
        if (table) {
          for (const col of [tok.spec.from, tok.spec.to]) {
            if (col !== null && !table.columns.some((c) => c.toLowerCase() === col.toLowerCase())) {
              throw new FakeExcelError("InvalidArgument", `${formula}: table ${table.name} has no column "${col}"`);
            }
          }
        }
      }
      if (tok.t === "ref" && tok.sheet !== null && !this.sheetByName(tok.sheet)) {
        throw new FakeExcelError("InvalidArgument", `${formula}: no sheet named ${tok.sheet}`);
      }
    }
    return formula;
  }

  private tableByName(name: string): Table | null {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower) ?? null;
  }

  private setCell(sheet: Sheet, row: number, col: number, stored: { v: Scalar; f?: string; nf?: string }): void {
    const cell = sheet.ensure(row, col);
    cell.v = stored.v;
    if (stored.f !== undefined) {
      this.checkFormula(stored.f, { sheet, row, col });
      cell.f = stored.f;
      cell.ast = undefined;
    } else {
      delete cell.f;
      delete cell.ast;
    }
    if (stored.nf !== undefined) cell.nf = stored.nf;
  }

  private clearContent(sheet: Sheet, row: number, col: number): void {
    const cell = sheet.get(row, col);
    if (!cell) return;
    cell.v = "";
    delete cell.f;
    delete cell.ast;
  }

  /** Range.values / formulas / formulasR1C1 set: each value is written as if typed (see interpret). */
  writeContents(sheet: Sheet, area: Area, data: unknown, mode: "values" | "formulas" | "formulasR1C1"): void {
    this.checkArea(area);
    const at = this.grid(area, data);
    const headerTables = this.tablesIntersecting(sheet, area).filter((t) => intersects(t.header, area));
    for (let r = 0; r < area.rows; r++) {
      for (let c = 0; c < area.cols; c++) {
        const input = at(r, c);
        if (input === null) continue;
        const row = area.row + r;
        const col = area.col + c;
        if (input === "") {
          this.clearContent(sheet, row, col);
          continue;
        }
        const inHeader = headerTables.some((t) => t.area.row === row && col >= t.area.col && col < t.area.col + t.area.cols);
        if (inHeader) {
          // Header cells hold the column names, always as text.
          this.setCell(sheet, row, col, { v: String(input) });
          continue;
        }
        const cell = sheet.get(row, col);
        let value = input;
        if (mode === "formulasR1C1" && typeof input === "string" && input.startsWith("=") && input.length > 1) {
          try {
            value = r1c1ToA1(input, row, col);
          } catch (error) {
            if (error instanceof FormulaSyntaxError)
              throw new FakeExcelError("InvalidArgument", `Excel refuses the formula ${input}: ${error.message}`);
            throw error;
          }
        }
        this.setCell(sheet, row, col, this.interpret(value, cell));
      }
    }
    for (const table of headerTables) this.normalizeHeaders(table);
    this.dirty = true;
  }

  /** Range.numberFormat set; "" resets the format to General ("Blank and null values"). */
  writeNumberFormat(sheet: Sheet, area: Area, data: unknown): void {
    this.checkArea(area);
    const at = this.grid(area, data);
    for (let r = 0; r < area.rows; r++) {
      const line = sheet.row(area.row + r);
      for (let c = 0; c < area.cols; c++) {
        const format = at(r, c);
        if (format === null) continue;
        if (typeof format !== "string") throw new FakeExcelError("InvalidArgument", "a number format is text");
        const cell = sheet.ensure(area.row + r, area.col + c, line);
        if (format === "" || format === "General") delete cell.nf;
        else cell.nf = format;
      }
    }
  }

  writeStyle(sheet: Sheet, area: Area, key: keyof Style, value: unknown): void {
    this.checkArea(area);
    if (value === null || value === undefined) throw new FakeExcelError("InvalidArgument", `null is not a valid ${key}`);
    for (let r = 0; r < area.rows; r++)
      for (let c = 0; c < area.cols; c++) {
        const cell = sheet.ensure(area.row + r, area.col + c);
        cell.st = { ...cell.st, [key]: value };
      }
  }

  private checkReadSize(area: Area): void {
    if (area.rows * area.cols > MAX_READ_CELLS) {
      throw new FakeExcelError(
        "RangeExceedsLimit",
        `a read of ${area.rows * area.cols} cells is over Excel's 5,000,000-cell limit`,
      );
    }
  }

  readValues(sheet: Sheet, area: Area): CellValue[][] {
    this.checkReadSize(area);
    return this.map(sheet, area, (cell) => {
      const v = cell?.v ?? "";
      return v instanceof XlError ? v.code : v;
    });
  }

  readFormulas(sheet: Sheet, area: Area, mode: "A1" | "R1C1"): CellValue[][] {
    this.checkReadSize(area);
    return this.map(sheet, area, (cell, row, col) => {
      if (cell?.f) return mode === "A1" ? cell.f : a1ToR1C1(cell.f, row, col);
      const v = cell?.v ?? "";
      return v instanceof XlError ? v.code : v;
    });
  }

  readNumberFormat(sheet: Sheet, area: Area): string[][] {
    this.checkReadSize(area);
    return this.map(sheet, area, (cell) => cell?.nf ?? "General");
  }

  /** One style property over an area: null when the cells differ ("Blank and null values"). */
  readStyle(sheet: Sheet, area: Area, key: keyof Style): unknown {
    let first: unknown;
    let seen = false;
    for (let r = 0; r < area.rows; r++)
      for (let c = 0; c < area.cols; c++) {
        const v = sheet.get(area.row + r, area.col + c)?.st?.[key] ?? null;
        if (!seen) {
          first = v;
          seen = true;
        } else if (v !== first) return null;
      }
    return first;
  }

  private map<T>(sheet: Sheet, area: Area, f: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
    const out: T[][] = new Array(area.rows);
    for (let r = 0; r < area.rows; r++) {
      const rowCells = sheet.rows.get(area.row + r);
      const line: T[] = new Array(area.cols);
      for (let c = 0; c < area.cols; c++) line[c] = f(rowCells?.[area.col + c], area.row + r, area.col + c);
      out[r] = line;
    }
    return out;
  }

  /**
   * Range.clear(applyTo): "Contents" (values and formulas), "Formats", or "All". Clearing All over a
   * whole table also removes the table, as Excel's Clear All does: formulas that used it become #REF!.
   */
  clear(sheet: Sheet, area: Area, applyTo: string): void {
    this.checkArea(area);
    if (!["All", "Contents", "Formats", "ResetContents"].includes(applyTo)) throw notModelled(`Range.clear("${applyTo}")`);
    if (applyTo === "All")
      for (const table of this.tables.filter((t) => t.sheet === sheet && contains(area, t.area))) this.dropTable(table);
    for (const { cell } of sheet.cellsIn(area)) {
      if (applyTo !== "Formats") {
        cell.v = "";
        delete cell.f;
        delete cell.ast;
      }
      if (applyTo === "All" || applyTo === "Formats") {
        delete cell.nf;
        delete cell.st;
      }
    }
    if (applyTo !== "Formats") for (const table of this.tablesIntersecting(sheet, area)) this.normalizeHeaders(table);
    this.dirty = true;
  }

  /** Bounding box of the cells holding something (values only, or formats too). */
  usedArea(sheet: Sheet, valuesOnly: boolean, within?: Area): Area | null {
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = -1;
    let right = -1;
    const scope = within ?? { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
    for (const { row, col, cell } of sheet.cellsIn(scope)) {
      const used = cell.v !== "" || cell.f !== undefined || (!valuesOnly && (cell.nf !== undefined || cell.st !== undefined));
      if (!used) continue;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    if (!valuesOnly) {
      for (const t of this.tables.filter((t) => t.sheet === sheet && intersects(t.area, scope))) {
        top = Math.min(top, t.area.row);
        left = Math.min(left, t.area.col);
        bottom = Math.max(bottom, t.area.row + t.area.rows - 1);
        right = Math.max(right, t.area.col + t.area.cols - 1);
      }
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  // -------------------------------------------------------------------------------------------
  // Inserting and deleting cells (rows shift down or up inside a column span)
  // -------------------------------------------------------------------------------------------

  /**
   * Range.insert("Down"): the cells at and below the range, in its columns, move down by its
   * height. Tables below move with them; a table that the shift would cut across is refused, as
   * Excel refuses to "shift cells in a table"; inserting a whole-width block inside a table's body
   * adds rows to the table. Non-blank cells pushed off the sheet: NonBlankCellOffSheet.
   */
  insertDown(sheet: Sheet, area: Area): void {
    this.checkArea(area);
    const span = { col: area.col, cols: area.cols };
    const moves: Table[] = [];
    const grows: Table[] = [];
    for (const t of this.tables.filter((x) => x.sheet === sheet && x.area.row + x.area.rows > area.row)) {
      const inSpan = t.area.col >= span.col && t.area.col + t.area.cols <= span.col + span.cols;
      const overlapsSpan = t.area.col < span.col + span.cols && span.col < t.area.col + t.area.cols;
      if (!overlapsSpan) continue;
      if (t.area.row >= area.row && inSpan) moves.push(t);
      else if (t.area.row < area.row && t.area.col === span.col && t.area.cols === span.cols) grows.push(t);
      else {
        throw new FakeExcelError(
          "InvalidOperation",
          `this operation would shift cells in table ${t.name}: Excel refuses to shift part of a table`,
        );
      }
    }
    const usedBelow = this.usedArea(sheet, false, { row: MAX_ROWS - area.rows, col: span.col, rows: area.rows, cols: span.cols });
    if (usedBelow) throw new FakeExcelError("NonBlankCellOffSheet", "the insert would push non-empty cells off the sheet");
    this.shiftRows(sheet, area.row, span, area.rows);
    for (const t of moves) t.area = { ...t.area, row: t.area.row + area.rows };
    for (const t of grows) t.area = { ...t.area, rows: t.area.rows + area.rows };
    this.dirty = true;
  }

  /**
   * Range.delete("Up"): the range's cells go, the cells below in its columns move up. Deleting
   * whole-width rows of a table's body removes those rows from the table; a table inside the range
   * is deleted; anything that would cut a table (or delete its header alone) is refused.
   */
  deleteUp(sheet: Sheet, area: Area): void {
    this.checkArea(area);
    const span = { col: area.col, cols: area.cols };
    const end = area.row + area.rows;
    const moves: Table[] = [];
    const shrinks: Table[] = [];
    const drops: Table[] = [];
    for (const t of this.tables.filter((x) => x.sheet === sheet && x.area.row + x.area.rows > area.row)) {
      const overlapsSpan = t.area.col < span.col + span.cols && span.col < t.area.col + t.area.cols;
      if (!overlapsSpan) continue;
      const inSpan = t.area.col >= span.col && t.area.col + t.area.cols <= span.col + span.cols;
      if (inSpan && contains(area, t.area)) drops.push(t);
      else if (inSpan && t.area.row >= end) moves.push(t);
      else if (t.area.col === span.col && t.area.cols === span.cols && area.row > t.area.row && end <= t.area.row + t.area.rows) {
        if (area.rows >= t.area.rows - 1) {
          throw notModelled(`deleting every data row of table ${t.name} (Excel keeps one empty row)`);
        }
        shrinks.push(t);
      } else {
        throw new FakeExcelError(
          "InvalidOperation",
          `this operation would shift cells in table ${t.name}: Excel refuses to shift part of a table`,
        );
      }
    }
    for (const t of drops) this.dropTable(t);
    this.shiftRows(sheet, end, span, -area.rows, area.row);
    for (const t of moves) t.area = { ...t.area, row: t.area.row - area.rows };
    for (const t of shrinks) t.area = { ...t.area, rows: t.area.rows - area.rows };
    this.dirty = true;
  }

  /**
   * Moves the cells of rows >= fromRow inside the column span by `delta` rows (rows deleted first
   * when delta < 0: [deletedFrom, fromRow)), and adjusts every reference to them as Excel does.
   */
  private shiftRows(
    sheet: Sheet,
    fromRow: number,
    span: { col: number; cols: number },
    delta: number,
    deletedFrom?: number,
  ): void {
    const lastCol = span.col + span.cols;
    const moved = new Map<number, (Cell | undefined)[]>();
    const rowsToVisit = [...sheet.rows.keys()].filter((r) => r >= (deletedFrom ?? fromRow));
    for (const row of rowsToVisit) {
      const cells = sheet.rows.get(row) as (Cell | undefined)[];
      const part: (Cell | undefined)[] = [];
      let any = false;
      for (let col = span.col; col < Math.min(lastCol, cells.length); col++) {
        if (cells[col]) {
          part[col] = cells[col];
          any = true;
        }
        cells[col] = undefined;
      }
      if (any && row >= fromRow) moved.set(row + delta, part);
    }
    for (const [row, part] of moved) {
      let cells = sheet.rows.get(row);
      if (!cells) {
        cells = [];
        sheet.rows.set(row, cells);
      }
      for (let col = span.col; col < lastCol; col++) if (part[col]) cells[col] = part[col];
    }
    const inSpan = (a: Area) => a.col >= span.col && a.col + a.cols <= lastCol;
    const deleted = deletedFrom === undefined ? null : { from: deletedFrom, to: fromRow };
    const moveArea = (a: Area): Area | null => {
      if (!inSpan(a)) return a;
      let top = a.row;
      let bottom = a.row + a.rows - 1;
      if (deleted) {
        if (top >= deleted.from && bottom < deleted.to) return null;
        if (top >= deleted.from && top < deleted.to) top = deleted.to;
        if (bottom >= deleted.from && bottom < deleted.to) bottom = deleted.from - 1;
      }
      if (top >= fromRow) top += delta;
      if (bottom >= fromRow) bottom += delta;
      return { ...a, row: top, rows: bottom - top + 1 };
    };
    this.rewriteAllFormulas((tok, where) => {
      if (tok.t !== "ref") return null;
      const target = tok.sheet === null ? where : this.sheetByName(tok.sheet);
      if (target !== sheet) return null;
      const area = refArea(tok);
      const next = moveArea(area);
      if (next === null) return { t: "err", text: "#REF!" };
      if (next === area) return null;
      const a = { ...tok.a, row: next.row };
      const b = tok.b ? { ...tok.b, row: next.row + next.rows - 1 } : null;
      return { ...tok, a, b };
    });
    for (const rule of [...sheet.conditionalFormats]) {
      const next = moveArea(rule.area);
      if (next) rule.area = next;
      else sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(rule), 1);
    }
    for (const name of this.names.filter((n) => n.sheet === sheet)) name.area = moveArea(name.area) ?? name.area;
    for (const s of this.sheets)
      for (const chart of s.charts)
        if (chart.source.sheet === sheet) chart.source.area = moveArea(chart.source.area) ?? chart.source.area;
  }

  // -------------------------------------------------------------------------------------------
  // Tables
  // -------------------------------------------------------------------------------------------

  /**
   * Table names (office-js `Table.name`: "must follow the guidelines specified in the Rename an
   * Excel table article"): start with a letter, an underscore or a backslash; then letters, digits,
   * periods and underscores; not "C", "c", "R" or "r"; not a cell reference (Z$100, R1C1); no spaces;
   * at most 255 characters; and "Use unique table names: duplicate names aren't allowed", in the
   * whole workbook, tables and defined names alike, regardless of case.
   */
  checkTableName(name: string, except: Table | null): void {
    if (typeof name !== "string" || name.length === 0 || name.length > 255) {
      throw new FakeExcelError("InvalidArgument", `table name "${name}" must have 1 to 255 characters`);
    }
    if (!/^[\p{L}_\\][\p{L}\p{N}._\\]*$/u.test(name) || /^[CcRr]$/.test(name)) {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid table name`);
    }
    if (parseCell(name) || /^R\d*C\d*$/i.test(name)) {
      throw new FakeExcelError("InvalidArgument", `"${name}" looks like a cell reference and cannot name a table`);
    }
    const lower = name.toLowerCase();
    const clash =
      this.tables.find((t) => t !== except && t.name.toLowerCase() === lower) ??
      this.names.find((n) => n.scope === null && n.name.toLowerCase() === lower);
    if (clash) throw new FakeExcelError("ItemAlreadyExists", `the name "${name}" is already used in this workbook`);
  }

  /**
   * TableCollection.add: "If the table cannot be added (e.g., because the address is invalid, or the
   * table would overlap with another table), an error will be thrown." The first row becomes the
   * header (a table always has one data row, so a header-only range takes the row below).
   */
  addTable(sheet: Sheet, area: Area, hasHeaders: boolean): Table {
    this.checkArea(area);
    if (!hasHeaders) throw notModelled("TableCollection.add(…, hasHeaders: false) (Excel inserts a header row)");
    const full = area.rows === 1 ? { ...area, rows: 2 } : area;
    const other = this.tablesIntersecting(sheet, full)[0];
    if (other) throw new FakeExcelError("InvalidOperation", `a table can't overlap another table (${other.name})`);
    let n = this.tables.length + 1;
    while (this.tableByName(`Table${n}`) || this.names.some((x) => x.name.toLowerCase() === `table${n}`)) n++;
    const table = new Table(this.nextId(""), `Table${n}`, sheet, full);
    this.tables.push(table);
    this.normalizeHeaders(table);
    this.dirty = true;
    return table;
  }

  renameTable(table: Table, name: string): void {
    if (name === table.name) return;
    this.checkTableName(name, table);
    const old = table.name.toLowerCase();
    table.name = name;
    // Excel rewrites the formulas that name the table.
    this.rewriteAllFormulas((tok) => (tok.t === "sref" && tok.table?.toLowerCase() === old ? { ...tok, table: name } : null));
  }

  /**
   * Table.resize (ExcelApi 1.13): "The new range must overlap with the original table range and the
   * headers (or the top of the table) must be in the same row." No cells are inserted or moved.
   */
  resizeTable(table: Table, sheet: Sheet, area: Area): void {
    this.checkArea(area);
    if (sheet !== table.sheet) throw new FakeExcelError("InvalidArgument", "a table is resized on its own sheet");
    if (!intersects(area, table.area)) throw new FakeExcelError("InvalidArgument", "the new range must overlap the table");
    if (area.row !== table.area.row) {
      throw new FakeExcelError(
        "InvalidArgument",
        `the header row must stay where it is (row ${table.area.row + 1}); the new range starts on row ${area.row + 1}`,
      );
    }
    if (area.rows < 2) throw new FakeExcelError("InvalidArgument", "a table keeps at least one data row");
    const other = this.tablesIntersecting(sheet, area).find((t) => t !== table);
    if (other) throw new FakeExcelError("InvalidOperation", `a table can't overlap another table (${other.name})`);
    table.area = { ...area };
    this.normalizeHeaders(table);
    this.dirty = true;
  }

  /** Table.delete: the table and its cells go; formulas that used it become #REF!. */
  deleteTable(table: Table): void {
    this.dropTable(table);
    for (const { cell } of table.sheet.cellsIn(table.area)) {
      cell.v = "";
      delete cell.f;
      delete cell.ast;
      delete cell.nf;
      delete cell.st;
    }
    this.dirty = true;
  }

  private dropTable(table: Table): void {
    table.deleted = true;
    this.tables.splice(this.tables.indexOf(table), 1);
    const lower = table.name.toLowerCase();
    this.rewriteAllFormulas((tok, where, row, col) => {
      if (tok.t !== "sref") return null;
      if (tok.table?.toLowerCase() === lower) return { t: "err", text: "#REF!" };
      if (tok.table === null && where === table.sheet && intersects(table.area, { row, col, rows: 1, cols: 1 })) {
        return { t: "err", text: "#REF!" };
      }
      return null;
    });
    this.dirty = true;
  }

  /**
   * Excel keeps a table's column names unique and non-empty, and always text: an empty header
   * becomes "ColumnN", a duplicate gets a number. A header changed by a write renames the column
   * and Excel rewrites the formulas that use it.
   */
  normalizeHeaders(table: Table): void {
    const names: string[] = [];
    for (let c = 0; c < table.area.cols; c++) {
      const cell = table.sheet.get(table.area.row, table.area.col + c);
      let name = cell && cell.v !== "" ? String(cell.v instanceof XlError ? cell.v.code : cell.v) : "";
      if (name === "") {
        let n = c + 1;
        while (names.some((x) => x.toLowerCase() === `column${n}`)) n++;
        name = `Column${n}`;
      }
      if (names.some((x) => x.toLowerCase() === name.toLowerCase())) {
        let n = 2;
        while (names.some((x) => x.toLowerCase() === `${name}${n}`.toLowerCase())) n++;
        name = `${name}${n}`;
      }
      names.push(name);
      const target = table.sheet.ensure(table.area.row, table.area.col + c);
      target.v = name;
      delete target.f;
    }
    const old = table.columns;
    table.columns = names;
    if (old.length === names.length) {
      const renames = new Map<string, string>();
      old.forEach((o, i) => {
        if (o !== names[i] && !names.includes(o)) renames.set(o.toLowerCase(), names[i] as string);
      });
      if (renames.size > 0) {
        const lower = table.name.toLowerCase();
        this.rewriteAllFormulas((tok, where, row, col) => {
          if (tok.t !== "sref") return null;
          const mine =
            tok.table?.toLowerCase() === lower ||
            (tok.table === null && where === table.sheet && intersects(table.area, { row, col, rows: 1, cols: 1 }));
          if (!mine) return null;
          const rename = (n: string | null) => (n === null ? null : (renames.get(n.toLowerCase()) ?? n));
          return { ...tok, spec: { ...tok.spec, from: rename(tok.spec.from), to: rename(tok.spec.to) } };
        });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Defined names, settings
  // -------------------------------------------------------------------------------------------

  /** Defined names follow the same rules as table names; a name is unique in its scope, and never a table's. */
  addName(name: string, sheet: Sheet, area: Area, comment: string, scope: Sheet | null = null): DefinedName {
    if (!/^[\p{L}_\\][\p{L}\p{N}._\\]*$/u.test(name) || parseCell(name) || /^[CcRr]$/.test(name)) {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid name`);
    }
    const lower = name.toLowerCase();
    if (this.names.some((n) => n.scope === scope && n.name.toLowerCase() === lower) || this.tableByName(name)) {
      throw new FakeExcelError("ItemAlreadyExists", `the name "${name}" is already used in this workbook`);
    }
    const item = { name, scope, sheet, area, comment };
    this.names.push(item);
    return item;
  }

  /** SettingCollection.add: the value is kept as JSON ("any JSON-serializable value"). */
  setSetting(key: string, value: unknown): void {
    if (typeof key !== "string" || key === "") throw new FakeExcelError("InvalidArgument", "a setting needs a key");
    if (value === undefined) throw new FakeExcelError("InvalidArgument", "a setting needs a value");
    this.settings.set(key, JSON.parse(JSON.stringify(value)));
  }

  // -------------------------------------------------------------------------------------------
  // Conditional formats, charts
  // -------------------------------------------------------------------------------------------

  /**
   * A custom conditional format's formula is checked when it is set. Excel refuses structured
   * references in conditional formatting formulas ("This type of reference cannot be used in a
   * Conditional Formatting formula"): they must use A1 references.
   */
  checkConditionalFormula(formula: string): string {
    this.checkFormula(formula);
    if (tokenize(formula.slice(1)).some((t) => t.t === "sref")) {
      throw new FakeExcelError("InvalidArgument", `${formula}: structured references cannot be used in conditional formatting`);
    }
    return formula;
  }

  // -------------------------------------------------------------------------------------------
  // Formulas: rewriting and calculation
  // -------------------------------------------------------------------------------------------

  private rewriteAllFormulas(edit: (tok: Token, sheet: Sheet, row: number, col: number) => Token | null): void {
    for (const sheet of this.sheets) {
      for (const [row, cells] of sheet.rows) {
        for (let col = 0; col < cells.length; col++) {
          const cell = cells[col];
          if (!cell?.f) continue;
          const next = rewrite(cell.f, (tok) => edit(tok, sheet, row, col));
          if (next !== cell.f) {
            cell.f = next;
            cell.ast = undefined;
            this.dirty = true;
          }
        }
      }
      for (const rule of sheet.conditionalFormats) {
        if (!rule.formula) continue;
        rule.formula = rewrite(rule.formula, (tok) => edit(tok, sheet, rule.area.row, rule.area.col));
      }
    }
  }

  /** Recalculates every formula (Excel's automatic calculation after a request). */
  recalculate(): RecalcStats {
    this.pass++;
    this.recalculations++;
    let formulas = 0;
    for (const sheet of this.sheets) {
      for (const [row, cells] of sheet.rows) {
        for (let col = 0; col < cells.length; col++) {
          const cell = cells[col];
          if (!cell?.f) continue;
          formulas++;
          this.evaluateCell(sheet, row, col, cell);
        }
      }
    }
    this.dirty = false;
    return { formulas };
  }

  private evaluateCell(sheet: Sheet, row: number, col: number, cell: Cell): Scalar {
    if (!cell.f) return cell.v;
    if (cell.pass === this.pass) return cell.v;
    if (cell.pass === -this.pass) return 0; // a circular reference: Excel shows 0 and warns
    cell.pass = -this.pass;
    cell.ast ??= parseFormula(cell.f);
    const v = new Evaluator(this.host(), { sheet: sheet.name, row, col }).run(cell.ast);
    // Excel keeps 15 significant digits of a result (7 × 19.99 is 139.93, not 139.92999999999998).
    cell.v = typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(15)) : v;
    cell.pass = this.pass;
    return cell.v;
  }

  /** Evaluates a formula as if it were in (sheet, row, col), without storing it (conditional formats). */
  evaluateAt(formula: string, sheet: Sheet, row: number, col: number): Scalar {
    this.pass++;
    return new Evaluator(this.host(), { sheet: sheet.name, row, col }).run(parseFormula(formula));
  }

  private host(): EvalHost {
    return {
      cell: (sheetName, row, col) => {
        const sheet = this.sheetByName(sheetName);
        const cell = sheet?.get(row, col);
        if (!sheet || !cell) return "";
        return cell.f ? this.evaluateCell(sheet, row, col, cell) : cell.v;
      },
      structured: (tableName, spec, at) => this.resolveStructured(tableName, spec, at),
      hasSheet: (name) => this.sheetByName(name)?.name ?? null,
      today: () => this.today,
    };
  }

  private resolveStructured(
    tableName: string | null,
    spec: StructuredSpec,
    at: { sheet: string; row: number; col: number },
  ): RangeValue | XlError {
    const sheet = this.sheetByName(at.sheet) as Sheet;
    const table = tableName ? this.tableByName(tableName) : this.tableAt(sheet, at.row, at.col);
    if (!table) return new XlError("#REF!");
    let rows: { row: number; rows: number };
    switch (spec.area) {
      case "data":
        rows = { row: table.body.row, rows: table.body.rows };
        break;
      case "all":
        rows = { row: table.area.row, rows: table.area.rows };
        break;
      case "headers":
        rows = { row: table.area.row, rows: 1 };
        break;
      case "thisRow":
        if (table.sheet !== sheet || at.row < table.body.row || at.row >= table.body.row + table.body.rows)
          return new XlError("#VALUE!");
        rows = { row: at.row, rows: 1 };
        break;
      default:
        return new XlError("#REF!");
    }
    let col = table.area.col;
    let cols = table.area.cols;
    if (spec.from !== null) {
      const index = (n: string) => table.columns.findIndex((c) => c.toLowerCase() === n.toLowerCase());
      const a = index(spec.from);
      const b = index(spec.to ?? spec.from);
      if (a < 0 || b < 0) return new XlError("#REF!");
      col = table.area.col + Math.min(a, b);
      cols = Math.abs(b - a) + 1;
    }
    return { sheet: table.sheet.name, area: { ...rows, col, cols } };
  }

  // -------------------------------------------------------------------------------------------
  // For tests: addresses
  // -------------------------------------------------------------------------------------------

  address(sheet: Sheet, area: Area): string {
    return qualifiedAddress(sheet.name, area);
  }

  /** "Sheet1!A1:B2" or "A1:B2" (on `base`) → sheet and area. */
  resolveAddress(text: string, base: Sheet): { sheet: Sheet; area: Area } {
    const parsed = parseAddress(text);
    if (!parsed) {
      const name = this.names.find((n) => n.name.toLowerCase() === text.toLowerCase());
      if (name) return { sheet: name.sheet, area: name.area };
      throw new FakeExcelError("InvalidArgument", `"${text}" is not an address`);
    }
    const sheet = parsed.sheet === null ? base : this.sheetByName(parsed.sheet);
    if (!sheet) throw new FakeExcelError("ItemNotFound", `no sheet in "${text}"`);
    return { sheet, area: parsed.area };
  }
}

export { areaAddress };
