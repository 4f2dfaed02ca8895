/**
 * A fake Excel that refuses what Excel refuses: one TypeScript object model for the add-in's unit
 * tests (Node) and, bundled by esbuild (browser.ts), for the task pane in headless Chromium.
 *
 *   const excel = new FakeExcel();
 *   await excel.run((context) => writeRenewalSheet(context, …));   // like Excel.run
 *   excel.requests                 // every request: operations, bytes, whether calculation was suspended
 *   excel.values("Renouvellements", "A1:C3"), excel.table("ContratsRenouvellements"), excel.user.setCell(…)
 *
 * The rules and where they come from are documented where they are enforced: api.ts (load/sync,
 * PropertyNotLoaded, payload limits, suspended calculation), workbook.ts (table names and resize,
 * sheet names, formulas kept and rewritten, #REF! on deletion, shifting cells around tables).
 * Counting syncs and bytes is cheap: a request's size is computed once, when it is sent.
 */
import { type Area, parseAddress } from "./addresses.js";
import { type Action, FakeRequestContext, type Host, type LoadAction } from "./api.js";
import { FakeExcelError } from "./errors.js";
import { type Scalar, XlError } from "./evaluate.js";
import { a1ToR1C1, r1c1ToA1 } from "./formula.js";
import { PAYLOAD_LIMIT_BYTES } from "./payload.js";
import { type CellValue, type Sheet, serialOf, type Table, Workbook } from "./workbook.js";

export { FakeExcelError } from "./errors.js";
export { PAYLOAD_LIMIT_BYTES } from "./payload.js";
export type { CellValue } from "./workbook.js";

/** One request sent to Excel (the operations queued between two syncs). */
export interface RequestRecord {
  /** 1-based, in the order they were sent. */
  index: number;
  /** Which Excel.run it belongs to (1-based). */
  run: number;
  ops: Array<{ op: string; target?: string; value?: unknown }>;
  bytes: number;
  responseBytes: number;
  /** Whether suspendApiCalculationUntilNextSync was queued in this request. */
  calculationSuspended: boolean;
  /** Whether it changed cell contents (values or formulas). */
  wroteCells: boolean;
  /** The error code it failed with, if it did. */
  failed?: string;
}

export interface TableInfo {
  name: string;
  id: string;
  sheet: string;
  /** "B3:M10": header row and data body. */
  address: string;
  area: Area;
  columns: string[];
  style: string;
}

export interface ChartInfo {
  name: string;
  type: string;
  title: string | null;
  categories: CellValue[];
  series: Array<{ name: string; values: CellValue[]; chartType: string; axisGroup: string }>;
  position: { start: string; end: string | null } | null;
}

const CELL_WRITES = new Set([
  "set Range.values",
  "set Range.formulas",
  "set Range.formulasR1C1",
  "Range.clear",
  "Range.insert",
  "Range.delete",
]);

export class FakeExcel implements Host {
  readonly workbook: Workbook;
  readonly requests: RequestRecord[] = [];
  runs = 0;
  /** Called before each request is applied (tests use it to interleave a user's edit). */
  beforeRequest: ((request: RequestRecord) => void) | null = null;

  constructor(options: { sheets?: string[]; today?: string } = {}) {
    this.workbook = new Workbook(options.sheets ?? ["Feuil1"]);
    if (options.today) this.setToday(options.today);
  }

  setToday(iso: string): void {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    this.workbook.today = serialOf(y, m, d);
  }

  /** Excel.run: a fresh request context; what is still queued when the batch returns is sent. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs++;
    const context = new FakeRequestContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context._actions.length > 0) await context.sync();
    return result;
  }

  get syncs(): number {
    return this.requests.length;
  }

  /** The largest request, in bytes. */
  get largestRequestBytes(): number {
    return this.requests.reduce((max, r) => Math.max(max, r.bytes), 0);
  }

  async execute(context: FakeRequestContext, actions: Action[], loads: LoadAction[]): Promise<void> {
    const record: RequestRecord = {
      index: this.requests.length + 1,
      run: this.runs,
      ops: [],
      bytes: actions.reduce((n, a) => n + a.bytes, 0),
      responseBytes: 0,
      calculationSuspended: false,
      wroteCells: false,
    };
    this.requests.push(record);
    // Like Excel, hand control back to the page between requests.
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.beforeRequest?.(record);
    if (record.bytes > PAYLOAD_LIMIT_BYTES) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw new FakeExcelError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${record.bytes} bytes > ${PAYLOAD_LIMIT_BYTES}).`,
      );
    }
    context._suspend = false;
    try {
      const reads = new Set<Action>(loads);
      for (const action of actions) {
        record.ops.push({ op: action.op, target: action.target, value: action.value });
        // In automatic mode Excel has calculated before anything is read, unless calculation is suspended.
        if (reads.has(action) && !context._suspend && this.workbook.dirty) this.workbook.recalculate();
        action.run();
        const last = record.ops[record.ops.length - 1];
        if (last) {
          last.target = action.target;
          last.value = action.value;
        }
        if (CELL_WRITES.has(action.op)) record.wroteCells = true;
      }
    } catch (error) {
      record.failed = error instanceof FakeExcelError ? error.code : "Error";
      throw error;
    } finally {
      record.calculationSuspended = context._suspend;
      // Excel calculates after each request unless calculation was suspended for it.
      if (!context._suspend && this.workbook.dirty) this.workbook.recalculate();
      context._suspend = false;
    }
    record.responseBytes = loads.reduce((n, l) => n + l.responseBytes, 0);
    if (record.responseBytes > PAYLOAD_LIMIT_BYTES) {
      record.failed = "ResponsePayloadSizeLimitExceeded";
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
      );
    }
    for (const load of loads) load.deliver();
  }

  // -------------------------------------------------------------------------------------------
  // Looking at the workbook (tests)
  // -------------------------------------------------------------------------------------------

  private sheet(name: string): Sheet {
    const sheet = this.workbook.sheetByName(name);
    if (!sheet) throw new Error(`no sheet "${name}" (sheets: ${this.sheetNames().join(", ")})`);
    return sheet;
  }

  private area(address: string): Area {
    const parsed = parseAddress(address);
    if (!parsed) throw new Error(`not an address: ${address}`);
    return parsed.area;
  }

  sheetNames(): string[] {
    return this.workbook.sheets.map((s) => s.name);
  }

  get activeSheet(): string {
    return this.workbook.activeSheet.name;
  }

  /** Values as Range.values gives them (formulas show their last calculated value). */
  values(sheet: string, address: string): CellValue[][] {
    return this.workbook.readValues(this.sheet(sheet), this.area(address));
  }

  value(sheet: string, address: string): CellValue {
    return this.values(sheet, address)[0]?.[0] as CellValue;
  }

  formulas(sheet: string, address: string): CellValue[][] {
    return this.workbook.readFormulas(this.sheet(sheet), this.area(address), "A1");
  }

  formula(sheet: string, address: string): CellValue {
    return this.formulas(sheet, address)[0]?.[0] as CellValue;
  }

  numberFormats(sheet: string, address: string): string[][] {
    return this.workbook.readNumberFormat(this.sheet(sheet), this.area(address));
  }

  style(sheet: string, address: string, key: "bold" | "size" | "fill" | "color"): unknown {
    return this.workbook.readStyle(this.sheet(sheet), this.area(address), key);
  }

  frozenRows(sheet: string): number {
    return this.sheet(sheet).frozenRows;
  }

  tables(): TableInfo[] {
    return this.workbook.tables.map((t) => this.tableInfo(t));
  }

  table(name: string): TableInfo {
    const t = this.workbook.tableByKey(name);
    if (!t) throw new Error(`no table "${name}" (tables: ${this.workbook.tables.map((x) => x.name).join(", ")})`);
    return this.tableInfo(t);
  }

  private tableInfo(t: Table): TableInfo {
    return {
      name: t.name,
      id: t.id,
      sheet: t.sheet.name,
      address: this.workbook.address(t.sheet, t.area).split("!")[1] as string,
      area: { ...t.area },
      columns: [...t.columns],
      style: t.style,
    };
  }

  /** The data body's values, one array per row, with the column names as keys. */
  tableRows(name: string): Array<Record<string, CellValue>> {
    const t = this.workbook.tableByKey(name);
    if (!t) throw new Error(`no table "${name}"`);
    return this.workbook
      .readValues(t.sheet, t.body)
      .map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i] as CellValue])));
  }

  settings(): Record<string, unknown> {
    return Object.fromEntries(this.workbook.settings);
  }

  /** The custom conditional formats of a sheet, and the cells each one highlights now. */
  conditionalFormats(sheet: string): Array<{
    id: string;
    address: string;
    formula: string | null;
    fill: string | null;
    fontColor: string | null;
    highlighted: string[];
  }> {
    const s = this.sheet(sheet);
    return s.conditionalFormats.map((rule) => {
      const highlighted: string[] = [];
      if (rule.formula) {
        for (let r = 0; r < rule.area.rows; r++) {
          for (let c = 0; c < rule.area.cols; c++) {
            // A conditional format's relative references are relative to the top-left cell of its range.
            const moved = r1c1ToA1(a1ToR1C1(rule.formula, rule.area.row, rule.area.col), rule.area.row + r, rule.area.col + c);
            const v = this.workbook.evaluateAt(moved, s, rule.area.row + r, rule.area.col + c);
            if (v === true || (typeof v === "number" && v !== 0)) {
              highlighted.push(
                this.workbook
                  .address(s, { row: rule.area.row + r, col: rule.area.col + c, rows: 1, cols: 1 })
                  .split("!")[1] as string,
              );
            }
          }
        }
      }
      return {
        id: rule.id,
        address: this.workbook.address(s, rule.area).split("!")[1] as string,
        formula: rule.formula,
        fill: rule.fill,
        fontColor: rule.fontColor,
        highlighted,
      };
    });
  }

  charts(sheet: string): ChartInfo[] {
    return this.sheet(sheet).charts.map((c) => {
      const data = this.workbook.readValues(c.source.sheet, c.source.area);
      // Series in columns: first row = names, first column = categories.
      const categories = data.slice(1).map((r) => r[0] as CellValue);
      const series = (data[0] ?? []).slice(1).map((name, i) => ({
        name: String(name),
        values: data.slice(1).map((r) => r[i + 1] as CellValue),
        chartType: c.series.get(i)?.chartType ?? c.type,
        axisGroup: c.series.get(i)?.axisGroup ?? "Primary",
      }));
      return { name: c.name, type: c.type, title: c.title, categories, series, position: c.position };
    });
  }

  /** Every operation of every request, in order. */
  journal(): Array<{ request: number; op: string; target?: string; value?: unknown }> {
    return this.requests.flatMap((r) => r.ops.map((o) => ({ request: r.index, ...o })));
  }

  /** Requests that changed cells while calculation was running (each should suspend it). */
  requestsWritingWithCalculation(): RequestRecord[] {
    return this.requests.filter((r) => r.wroteCells && !r.calculationSuspended);
  }

  // -------------------------------------------------------------------------------------------
  // A user at the keyboard (tests): edits are typed input, Excel recalculates at once
  // -------------------------------------------------------------------------------------------

  readonly user = {
    /** Types `input` into a cell, as a user would ("=A1*2", "12,5" stays text, 42 …). */
    setCell: (sheet: string, address: string, input: CellValue): void => {
      const s = this.sheet(sheet);
      this.workbook.writeContents(s, this.area(address), [[input]], "formulas");
      this.workbook.recalculate();
    },
    setCells: (sheet: string, address: string, rows: CellValue[][]): void => {
      this.workbook.writeContents(this.sheet(sheet), this.area(address), rows, "formulas");
      this.workbook.recalculate();
    },
    setNumberFormat: (sheet: string, address: string, format: string): void => {
      this.workbook.writeNumberFormat(this.sheet(sheet), this.area(address), format);
    },
    addSheet: (name: string): void => {
      this.workbook.addSheet(name);
    },
    /** Inserts whole rows above `row` (1-based, as Excel counts), as Home > Insert > Insert Sheet Rows. */
    insertRows: (sheet: string, row: number, count: number): void => {
      this.workbook.insertDown(this.sheet(sheet), { row: row - 1, col: 0, rows: count, cols: 16_384 });
      this.workbook.recalculate();
    },
    renameSheet: (from: string, to: string): void => {
      this.workbook.renameSheet(this.sheet(from), to);
    },
    activate: (sheet: string): void => {
      this.workbook.activate(this.sheet(sheet));
    },
    /** Creates a table over an address (header row first), as Insert > Table does. */
    addTable: (sheet: string, address: string, name?: string): string => {
      const t = this.workbook.addTable(this.sheet(sheet), this.area(address), true);
      if (name) this.workbook.renameTable(t, name);
      this.workbook.recalculate();
      return t.name;
    },
    renameTable: (from: string, to: string): void => {
      const t = this.workbook.tableByKey(from);
      if (!t) throw new Error(`no table ${from}`);
      this.workbook.renameTable(t, to);
    },
    /**
     * Types a header in the cell right of a table's last column and values below it: Excel's
     * AutoCorrect widens the table by that column.
     */
    addTableColumn: (table: string, header: string, cells: CellValue[] = []): void => {
      const t = this.workbook.tableByKey(table);
      if (!t) throw new Error(`no table ${table}`);
      const col = t.area.col + t.area.cols;
      this.workbook.resizeTable(t, t.sheet, { ...t.area, cols: t.area.cols + 1 });
      this.workbook.writeContents(t.sheet, { row: t.area.row, col, rows: 1, cols: 1 }, [[header]], "values");
      if (cells.length > 0) {
        this.workbook.writeContents(
          t.sheet,
          { row: t.area.row + 1, col, rows: cells.length, cols: 1 },
          cells.map((c) => [c]),
          "formulas",
        );
      }
      this.workbook.recalculate();
    },
    deleteTable: (table: string): void => {
      const t = this.workbook.tableByKey(table);
      if (!t) throw new Error(`no table ${table}`);
      this.workbook.deleteTable(t);
      this.workbook.recalculate();
    },
    deleteSheet: (sheet: string): void => {
      this.workbook.deleteSheet(this.sheet(sheet));
      this.workbook.recalculate();
    },
  };
}

/** A cell value as a test reads it: errors as their code. */
export function shown(v: Scalar): CellValue {
  return v instanceof XlError ? v.code : v;
}
