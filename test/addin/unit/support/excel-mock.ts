/**
 * The earlier unit-test workbook model (ExcelModel: calls, sets, batches, read, cell …) as a thin
 * view over the faithful fake (test/addin/fake-excel): the same assertions now run against an
 * object model that refuses what Excel refuses. New tests use FakeExcel directly.
 */
import { type CellValue, FakeExcel } from "../../fake-excel/index.js";
import { type LegacyOp, type LegacyRef, legacyOps } from "../../fake-excel/legacy.js";

export type Cell = CellValue;
export type RangeRef = LegacyRef;
/** One operation, in the earlier shape ("call" ops carry `args`). */
export type Op =
  | { kind: "set"; range: RangeRef; prop: string; value: unknown }
  | { kind: "clear"; range: RangeRef; applyTo: string }
  | { kind: "call"; name: string; args: unknown[] };

function toOp(o: LegacyOp): Op {
  if (o.kind === "set") return { kind: "set", range: o.ref, prop: o.prop, value: o.value };
  if (o.kind === "clear") return { kind: "clear", range: o.ref, applyTo: o.applyTo };
  return { kind: "call", name: o.name, args: o.args };
}

export class ExcelModel extends FakeExcel {
  constructor(sheetNames: string[] = ["Feuil1"]) {
    super({ sheets: sheetNames });
  }

  /** Every operation in the order the code queued it. */
  get ops(): Op[] {
    return legacyOps(this).map(toOp);
  }

  /** Operations, per request (index 0 = first request). */
  get batches(): Op[][] {
    const all = legacyOps(this);
    return this.requests.map((r) => all.filter((o) => o.request === r.index).map(toOp));
  }

  sets(prop: string): Array<{ range: RangeRef; value: unknown }> {
    return this.ops.flatMap((op) => (op.kind === "set" && op.prop === prop ? [{ range: op.range, value: op.value }] : []));
  }

  calls(name: string): unknown[][] {
    return this.ops.flatMap((op) => (op.kind === "call" && op.name === name ? [op.args] : []));
  }

  cell(sheet: string, row: number, col: number): Cell {
    return this.workbook.readValues(this.workbook.sheetByName(sheet) as never, { row, col, rows: 1, cols: 1 })[0]?.[0] as Cell;
  }

  read(sheet: string, row: number, col: number, rows: number, cols: number): Cell[][] {
    return this.workbook.readValues(this.workbook.sheetByName(sheet) as never, { row, col, rows, cols });
  }

  /** A user typing into a cell. */
  setCell(sheet: string, row: number, col: number, value: Cell): void {
    const s = this.workbook.sheetByName(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    this.workbook.writeContents(s, { row, col, rows: 1, cols: 1 }, [[value]], "formulas");
    this.workbook.recalculate();
  }

  /** Puts an existing table (e.g. from an earlier refresh) on a sheet, with its header row as written. */
  addTable(sheet: string, name: string, range: Omit<RangeRef, "sheet">): void {
    const s = this.workbook.sheetByName(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const t = this.workbook.addTable(s, range, true);
    this.workbook.renameTable(t, name);
  }

  /** Tables by name, with their style. */
  get tablesByName(): Map<string, { name: string; style: string }> {
    return new Map(this.tables().map((t) => [t.name, { name: t.name, style: t.style }]));
  }
}
