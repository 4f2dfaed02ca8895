/**
 * A small Excel workbook model built on office-addin-mock's OfficeMockObject: every object handed
 * to the code under test is an OfficeMockObject, so properties read without `load` + `sync` come
 * back as office-addin-mock's "not loaded" errors, as they would in Excel. On top of that the model
 * records, in order, every write (values, number formats), format, table and name operation, counts
 * the syncs, and applies queued writes to a cell grid at each sync, so a sheet written by one
 * Excel.run can be read back by another.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Cell = string | number | boolean;

export interface RangeRef {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type Op =
  | { kind: "set"; range: RangeRef; prop: string; value: unknown }
  | { kind: "clear"; range: RangeRef; applyTo: string }
  | { kind: "call"; name: string; args: unknown[] };

export interface TableState {
  name: string;
  sheet: string;
  range: RangeRef;
  style?: string;
  deleted: boolean;
  mock: Record<string, unknown>;
}

interface SheetState {
  name: string;
  grid: Map<string, Cell>;
  names: Map<string, RangeRef>;
  mock: Record<string, unknown>;
}

// The mock is untyped by nature.
type AnyMock = any;

function parseA1(address: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  while (i < address.length && /[A-Z]/i.test(address[i] as string)) {
    col = col * 26 + (address.toUpperCase().charCodeAt(i) - 64);
    i++;
  }
  return { row: Number(address.slice(i)) - 1, col: col - 1 };
}

export class ExcelModel {
  syncs = 0;
  /** Every operation in the order the code queued it. */
  readonly ops: Op[] = [];
  /** Operations queued since the last sync (applied to the grids at the next one). */
  private pending: Op[] = [];
  /** Operations applied, per sync (index 0 = first sync). */
  readonly batches: Op[][] = [];
  readonly sheets = new Map<string, SheetState>();
  readonly tables = new Map<string, TableState>();
  activeSheet: string | null = null;
  private readonly mocks: OfficeMockObject[] = [];
  readonly context: AnyMock;

  constructor(sheetNames: string[] = ["Feuil1"]) {
    const model = this;
    for (const name of sheetNames) this.createSheet(name);
    this.activeSheet = sheetNames[0] ?? null;
    const worksheets = this.track({
      getItemOrNullObject(name: string) {
        const sheet = model.sheets.get(name);
        return sheet ? sheet.mock : model.track({ isNullObject: true });
      },
      getItem(name: string) {
        const sheet = model.sheets.get(name);
        if (!sheet) throw new Error(`ItemNotFound: sheet ${name}`);
        return sheet.mock;
      },
      getActiveWorksheet() {
        if (!model.activeSheet) throw new Error("no active sheet");
        return (model.sheets.get(model.activeSheet) as SheetState).mock;
      },
      add(name: string) {
        if (model.sheets.has(name)) throw new Error(`sheet ${name} exists`);
        model.queue({ kind: "call", name: "worksheets.add", args: [name] });
        return model.createSheet(name).mock;
      },
    });
    const tables = this.track({
      getItemOrNullObject(name: string) {
        const table = model.tables.get(name);
        return table && !table.deleted ? table.mock : model.track({ isNullObject: true });
      },
      load() {
        return this;
      },
    });
    Object.defineProperty(tables, "items", {
      get: () => [...model.tables.values()].filter((t) => !t.deleted).map((t) => t.mock),
    });
    this.context = this.track({
      workbook: {},
      application: {
        suspendApiCalculationUntilNextSync() {
          model.queue({ kind: "call", name: "suspendApiCalculationUntilNextSync", args: [] });
        },
      },
    });
    // Collections and sync are attached after construction: they are not plain data.
    this.context.workbook.worksheets = worksheets;
    this.context.workbook.tables = tables;
    this.context.sync = async () => model.sync();
  }

  /** Excel.run for the code under test. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return batch(this.context as Excel.RequestContext);
  }

  private track(data: Record<string, unknown>): AnyMock {
    const mock = new OfficeMockObject(data) as AnyMock;
    this.mocks.push(mock);
    return mock;
  }

  private queue(op: Op): void {
    this.ops.push(op);
    this.pending.push(op);
  }

  async sync(): Promise<void> {
    this.syncs++;
    for (const op of this.pending) this.apply(op);
    this.batches.push(this.pending);
    this.pending = [];
    for (const mock of this.mocks) await OfficeMockObject.prototype.sync.call(mock);
  }

  private apply(op: Op): void {
    if (op.kind === "set" && op.prop === "values") {
      const sheet = this.sheets.get(op.range.sheet) as SheetState;
      const values = op.value as Cell[][];
      if (values.length !== op.range.rows || values.some((r) => r.length !== op.range.cols)) {
        throw new Error(`values ${values.length}x${values[0]?.length} do not fit range ${JSON.stringify(op.range)}`);
      }
      values.forEach((r, i) => {
        r.forEach((v, j) => {
          sheet.grid.set(`${op.range.row + i},${op.range.col + j}`, v);
        });
      });
    } else if (op.kind === "clear" && op.applyTo !== "Formats") {
      const sheet = this.sheets.get(op.range.sheet) as SheetState;
      for (const key of [...sheet.grid.keys()]) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        const { row, col, rows, cols } = op.range;
        if (r >= row && r < row + rows && c >= col && c < col + cols) sheet.grid.delete(key);
      }
    }
  }

  /** The current value of a cell ("" when empty). */
  cell(sheet: string, row: number, col: number): Cell {
    return this.sheets.get(sheet)?.grid.get(`${row},${col}`) ?? "";
  }

  /** Rows × cols of current values from (row, col). */
  read(sheet: string, row: number, col: number, rows: number, cols: number): Cell[][] {
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => this.cell(sheet, row + i, col + j)));
  }

  setCell(sheet: string, row: number, col: number, value: Cell): void {
    this.sheets.get(sheet)?.grid.set(`${row},${col}`, value);
  }

  /** Every `set` of a property, in order. */
  sets(prop: string): Array<{ range: RangeRef; value: unknown }> {
    return this.ops.flatMap((op) => (op.kind === "set" && op.prop === prop ? [{ range: op.range, value: op.value }] : []));
  }

  calls(name: string): unknown[][] {
    return this.ops.flatMap((op) => (op.kind === "call" && op.name === name ? [op.args] : []));
  }

  /** Puts an existing table (e.g. from an earlier refresh) on a sheet. */
  addTable(sheet: string, name: string, range: Omit<RangeRef, "sheet">): TableState {
    return this.createTable({ sheet, ...range }, name);
  }

  private createSheet(name: string): SheetState {
    const model = this;
    const state: SheetState = { name, grid: new Map(), names: new Map(), mock: {} };
    const mock = this.track({
      isNullObject: false,
      name,
      getRange(address?: string) {
        if (address === undefined) return model.range({ sheet: name, row: 0, col: 0, rows: 1048576, cols: 16384 });
        const { row, col } = parseA1(address);
        return model.range({ sheet: name, row, col, rows: 1, cols: 1 });
      },
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        if (rows < 1 || cols < 1) throw new Error(`empty range ${rows}x${cols}`);
        return model.range({ sheet: name, row, col, rows, cols });
      },
      activate() {
        model.queue({ kind: "call", name: "activate", args: [name] });
        model.activeSheet = name;
      },
      freezePanes: {
        freezeRows(count: number) {
          model.queue({ kind: "call", name: "freezeRows", args: [name, count] });
        },
      },
    });
    const tables = this.track({
      add(range: AnyMock, hasHeaders: boolean) {
        const ref = range.__ref as RangeRef;
        model.queue({ kind: "call", name: "tables.add", args: [ref, hasHeaders] });
        return model.createTable(ref, `Table${model.tables.size + 1}`).mock;
      },
      load() {
        return this;
      },
    });
    Object.defineProperty(tables, "items", {
      get: () => [...model.tables.values()].filter((t) => t.sheet === name && !t.deleted).map((t) => t.mock),
    });
    const names = this.track({
      add(nameToAdd: string, reference: AnyMock, comment?: string) {
        if (state.names.has(nameToAdd)) throw new Error(`name ${nameToAdd} exists`);
        const ref = reference.__ref as RangeRef;
        model.queue({ kind: "call", name: "names.add", args: [nameToAdd, ref, comment] });
        state.names.set(nameToAdd, ref);
      },
      getItemOrNullObject(lookup: string) {
        const ref = state.names.get(lookup);
        if (!ref) return model.track({ isNullObject: true });
        return model.track({
          isNullObject: false,
          name: lookup,
          getRange: () => model.range(ref),
        });
      },
      load() {
        return this;
      },
    });
    Object.defineProperty(names, "items", {
      get: () =>
        [...state.names.keys()].map((n) => {
          const item = model.track({
            delete() {
              model.queue({ kind: "call", name: "names.delete", args: [n] });
              state.names.delete(n);
            },
          });
          item.name = n; // as after names.load("items/name")
          return item;
        }),
    });
    mock.tables = tables;
    mock.names = names;
    state.mock = mock;
    this.sheets.set(name, state);
    return state;
  }

  private createTable(ref: RangeRef, name: string): TableState {
    const model = this;
    const state: TableState = { name, sheet: ref.sheet, range: ref, deleted: false, mock: {} };
    const mock = this.track({
      isNullObject: false,
      delete() {
        model.queue({ kind: "call", name: "table.delete", args: [state.name] });
        state.deleted = true;
        model.tables.delete(state.name);
      },
      resize(range: AnyMock) {
        const newRef = range.__ref as RangeRef;
        model.queue({ kind: "call", name: "table.resize", args: [state.name, newRef] });
        state.range = newRef;
      },
      getDataBodyRange() {
        const r = state.range;
        return model.range({ sheet: r.sheet, row: r.row + 1, col: r.col, rows: r.rows - 1, cols: r.cols });
      },
      getRange() {
        return model.range(state.range);
      },
    });
    // As after tables.load("items/worksheet/name").
    mock.worksheet = { name: ref.sheet };
    // name and style are written by the code; keep the model in step through accessors.
    Object.defineProperty(mock, "name", {
      get: () => state.name,
      set: (v: string) => {
        model.queue({ kind: "call", name: "table.name", args: [state.name, v] });
        model.tables.delete(state.name);
        state.name = v;
        model.tables.set(v, state);
      },
    });
    Object.defineProperty(mock, "style", {
      get: () => state.style,
      set: (v: string) => {
        state.style = v;
      },
    });
    state.mock = mock;
    this.tables.set(name, state);
    return state;
  }

  /** A range: an OfficeMockObject behind a Proxy that records property writes in order. */
  private range(ref: RangeRef): AnyMock {
    const model = this;
    const conditionalFormats = {
      add(type: string) {
        const rule = model.track({ type, custom: { rule: {}, format: { fill: {}, font: {} } } });
        model.queue({ kind: "call", name: "conditionalFormats.add", args: [ref, type, rule] });
        return rule;
      },
      clearAll() {
        model.queue({ kind: "call", name: "conditionalFormats.clearAll", args: [ref] });
      },
    };
    const mock = this.track({
      // Current cell values, so `load("values")` + sync reads what earlier syncs wrote.
      values: ref.rows * ref.cols <= 1_000_000 ? this.read(ref.sheet, ref.row, ref.col, ref.rows, ref.cols) : [],
      format: {
        font: {},
        fill: {},
        autofitColumns() {
          model.queue({ kind: "call", name: "autofitColumns", args: [ref] });
        },
      },
      conditionalFormats,
      clear(applyTo = "All") {
        model.queue({ kind: "clear", range: ref, applyTo });
      },
    });
    const proxy: AnyMock = new Proxy(mock, {
      get(target, prop, receiver) {
        if (prop === "__ref") return ref;
        return Reflect.get(target, prop, receiver);
      },
      set(target, prop, value) {
        // office-addin-mock's own load() writes its "not synced" marker through here: not a write.
        const internal = typeof value === "string" && value.startsWith("Error, ");
        if (!internal && (prop === "values" || prop === "numberFormat" || prop === "formulas")) {
          model.queue({ kind: "set", range: ref, prop, value });
        }
        return Reflect.set(target, prop, value);
      },
    });
    // Format writes (font, fill) are read from the sub-objects after the run; record the range on them.
    mock.format.__ref = ref;
    return proxy;
  }
}
