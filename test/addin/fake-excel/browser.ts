/**
 * The fake Excel in a browser page (bundled by fake-excel-script.ts and injected before office.js
 * with Playwright's addInitScript): `window.Excel.run` runs the add-in's code against the same
 * object model as the unit tests. Tests look at the workbook through `window.__fake` (the
 * FakeExcel: tables(), values(), requests …) or the summary `window.__excel`, and type into cells
 * as a user with `window.__setCell`.
 *
 * `__excel`, `__readCells` and `__setCell` keep the shape of the earlier recording fake
 * (fake-excel.js): syncs, runs, ops ({kind, prop, name, ref …}), sheets[name].cells["r,c"],
 * tables[name] {name, sheet, ref, style}, active.
 */
import { FakeExcel } from "./index.js";
import { legacyOps } from "./legacy.js";

declare global {
  interface Window {
    __fake: FakeExcel;
    __excel: unknown;
    __readCells: (sheet: string, row: number, col: number, rows: number, cols: number) => unknown[][];
    __setCell: (sheet: string, row: number, col: number, value: unknown) => void;
  }
}

const fake = new FakeExcel();
const today = new URLSearchParams(location.search).get("fakeExcelToday");
if (today) fake.setToday(today);

(window as unknown as { Excel: unknown }).Excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => fake.run(batch),
};
window.__fake = fake;

Object.defineProperty(window, "__excel", {
  get() {
    const sheets: Record<string, { cells: Record<string, unknown> }> = {};
    for (const sheet of fake.workbook.sheets) {
      const cells: Record<string, unknown> = {};
      for (const [row, line] of sheet.rows) {
        line.forEach((cell, col) => {
          if (cell && cell.v !== "") cells[`${row},${col}`] = typeof cell.v === "object" ? String(cell.v) : cell.v;
        });
      }
      sheets[sheet.name] = { cells };
    }
    return {
      syncs: fake.syncs,
      runs: fake.runs,
      requests: fake.requests.map(({ ops, ...r }) => ({
        ...r,
        ops: ops.map((o) => o.op),
        targets: ops.flatMap((o) => (o.target ? [o.target] : [])),
        /** Where values or formulas were written. */
        cellWrites: ops.flatMap((o) => (/^set Range\.(values|formulas|formulasR1C1)$/.test(o.op) && o.target ? [o.target] : [])),
      })),
      ops: legacyOps(fake),
      sheets,
      tables: Object.fromEntries(fake.tables().map((t) => [t.name, { ...t, ref: { sheet: t.sheet, ...t.area } }])),
      settings: fake.settings(),
      active: fake.activeSheet,
    };
  },
});

window.__readCells = (sheet, row, col, rows, cols) =>
  fake.workbook.readValues(fake.workbook.sheetByName(sheet) as never, { row, col, rows, cols });

window.__setCell = (sheet, row, col, value) => {
  const s = fake.workbook.sheetByName(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  fake.workbook.writeContents(s, { row, col, rows: 1, cols: 1 }, [[value]], "formulas");
  fake.workbook.recalculate();
};
