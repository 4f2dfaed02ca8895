import { describe, expect, it } from "vitest";
import type { RenewalEvent } from "../../../addin/src/api/operations.js";
import {
  type CellValue,
  DEFAULT_CHUNK_BYTES,
  DEFAULT_CHUNK_ROWS,
  estimateRowBytes,
  planChunks,
} from "../../../addin/src/excel/chunks.js";
import {
  HIGHLIGHT_FILL,
  highlightFormula,
  RENEWAL_COLUMNS,
  renewalRowCells,
  writeRenewalSheet,
} from "../../../addin/src/excel/renewal-sheet.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";
import { renewalSheetLabels, translator } from "../../../addin/src/taskpane/i18n.js";
import { ExcelModel } from "./support/excel-mock.js";

const labels = renewalSheetLabels(translator("fr"));
const COLS = RENEWAL_COLUMNS.length;
const col = (c: (typeof RENEWAL_COLUMNS)[number]) => RENEWAL_COLUMNS.indexOf(c);

function event(i: number, overrides: Partial<RenewalEvent> = {}): RenewalEvent {
  return {
    contractId: `C${String(i).padStart(6, "0")}`,
    customerId: `K${i % 50}`,
    customerName: `Client numéro ${i % 50} — Société Anonyme`,
    customerCategory: i % 7 === 0 ? "NON_PROFIT" : "OTHER",
    offerCode: "FIBRE-100",
    offerName: "Accès fibre 100 Mb/s",
    family: "IP_ACCESS_WIRED",
    periodIndex: 1,
    periodEnd: "2026-03-09",
    noticeDeadline: "2025-12-09",
    nextPeriodStart: "2026-03-10",
    monthlyAmountCents: 5900 + i,
    reminderRequired: i % 7 === 0,
    reminderWindowStart: i % 7 === 0 ? "2025-09-09" : null,
    reminderWindowEnd: i % 7 === 0 ? "2025-11-09" : null,
    reminderSentOn: null,
    contractStatus: "ACTIVE",
    ...overrides,
  };
}

const rowsOf = (n: number): CellValue[][] => Array.from({ length: n }, (_, i) => renewalRowCells(event(i)));

describe("renewalRowCells", () => {
  it("turns an event into typed cells: text, date serials, euros, empty for no date", () => {
    const e = event(7, { reminderSentOn: "2025-09-15" });
    expect(renewalRowCells(e, (f) => (f === "IP_ACCESS_WIRED" ? "Accès IP filaire" : f))).toEqual([
      "Client numéro 7 — Société Anonyme",
      "C000007",
      "FIBRE-100",
      "Accès fibre 100 Mb/s",
      "Accès IP filaire",
      isoToSerial("2026-03-09"),
      isoToSerial("2025-12-09"),
      isoToSerial("2026-03-10"),
      59.07,
      isoToSerial("2025-09-09"),
      isoToSerial("2025-11-09"),
      isoToSerial("2025-09-15"),
    ]);
    expect(renewalRowCells(event(1, { nextPeriodStart: null }))[col("nextPeriodStart")]).toBe("");
  });
});

describe("planChunks", () => {
  it("keeps every chunk within the byte budget and the row cap, covering every row once", () => {
    const rows = rowsOf(12_000);
    const chunks = planChunks(rows, 200_000, 3_000);
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(12_000);
    let next = 0;
    for (const chunk of chunks) {
      expect(chunk.start).toBe(next);
      next += chunk.start === next ? chunk.count : 0;
      expect(chunk.bytes).toBeLessThanOrEqual(200_000);
      expect(chunk.count).toBeLessThanOrEqual(3_000);
      // The estimate is an upper bound of the real UTF-8 JSON of the values.
      const json = Buffer.byteLength(JSON.stringify(rows.slice(chunk.start, chunk.start + chunk.count)));
      expect(json).toBeLessThanOrEqual(chunk.bytes + 2 + chunk.count);
    }
  });

  it("estimates multi-byte text and escapes as UTF-8 JSON at most", () => {
    const row: CellValue[] = ['é"\\\n€𝄞', 1.2345678901234567e300, true];
    expect(estimateRowBytes(row)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(row)));
  });

  it("splits by size when rows are big, by rows when they are small; defaults stay far under 5 MB", () => {
    const big: CellValue[][] = Array.from({ length: 10 }, () => ["x".repeat(100_000)]);
    expect(planChunks(big, 250_000).map((c) => c.count)).toEqual([2, 2, 2, 2, 2]);
    const small: CellValue[][] = Array.from({ length: 12_000 }, () => [1]);
    expect(planChunks(small).map((c) => c.count)).toEqual([DEFAULT_CHUNK_ROWS, DEFAULT_CHUNK_ROWS, 2_000]);
    expect(DEFAULT_CHUNK_BYTES).toBeLessThanOrEqual((5 * 1024 * 1024) / 4);
    // One row larger than the budget still goes, alone.
    expect(planChunks([["y".repeat(50)], ["z".repeat(500)], ["w"]], 100).map((c) => c.count)).toEqual([1, 1, 1]);
    expect(planChunks([])).toEqual([]);
  });
});

describe("writeRenewalSheet", () => {
  it("creates the sheet and table: values in byte-sized chunks, one sync each, then table, then formats", async () => {
    const excel = new ExcelModel();
    const rows = rowsOf(1_000);
    const progress: Array<[number, number]> = [];
    const result = await excel.run((ctx) =>
      writeRenewalSheet(ctx, rows, labels, { maxChunkBytes: 60_000, onProgress: (w, t) => progress.push([w, t]) }),
    );

    const expectedChunks = planChunks(rows, 60_000);
    expect(expectedChunks.length).toBeGreaterThan(3);
    expect(result.chunks).toEqual(expectedChunks);
    expect(result).toMatchObject({
      sheetName: "Renouvellements",
      tableName: "ContratsRenouvellements",
      rowsWritten: 1_000,
      cancelled: false,
      refreshed: false,
    });
    // 1 look-up + one per chunk + table + formats.
    expect(result.syncs).toBe(expectedChunks.length + 3);
    expect(excel.syncs).toBe(result.syncs);
    expect(progress.at(-1)).toEqual([1_000, 1_000]);
    expect(progress).toHaveLength(expectedChunks.length);

    // Each chunk is exactly one values write, in its own batch, at the right rows.
    const valueWrites = excel.sets("values").filter((s) => s.range.row > 0);
    expect(valueWrites.map((s) => [s.range.row, s.range.rows, s.range.cols])).toEqual(
      expectedChunks.map((c) => [1 + c.start, c.count, COLS]),
    );
    for (let i = 0; i < expectedChunks.length; i++) {
      const batch = excel.batches[1 + i] ?? [];
      expect(batch.filter((op) => op.kind === "set" && op.prop === "values" && op.range.row > 0)).toHaveLength(1);
    }
    // A suspension lasts until the next sync: each chunk's request suspends calculation again.
    const chunkRequests = excel.requests.filter((r) =>
      r.ops.some((o) => o.op === "set Range.values" && !o.target?.endsWith("!A1:L1")),
    );
    expect(chunkRequests).toHaveLength(expectedChunks.length);
    expect(chunkRequests.every((r) => r.calculationSuspended)).toBe(true);

    // What is in the sheet: header, then the rows as given.
    expect(excel.read("Renouvellements", 0, 0, 1, COLS)[0]).toEqual(RENEWAL_COLUMNS.map((c) => labels[c]));
    expect(excel.read("Renouvellements", 1, 0, 1, COLS)[0]).toEqual(rows[0]);
    expect(excel.read("Renouvellements", 1_000, 0, 1, COLS)[0]).toEqual(rows[999]);

    // Table after the values, over header + rows; frozen header.
    expect(excel.calls("tables.add")).toEqual([[{ sheet: "Renouvellements", row: 0, col: 0, rows: 1_001, cols: COLS }, true]]);
    const tableBatch = excel.batches.findIndex((b) => b.some((op) => op.kind === "call" && op.name === "tables.add"));
    expect(tableBatch).toBe(expectedChunks.length + 1);
    expect(excel.calls("freezeRows")).toEqual([["Renouvellements", 1]]);
  });

  it("writes a schedule of 20 000 rows in requests far under Excel on the web's 5 MB limit", async () => {
    const excel = new ExcelModel();
    const rows = rowsOf(20_000);
    const result = await excel.run((ctx) => writeRenewalSheet(ctx, rows, labels));
    const writes = excel.sets("values").filter((s) => s.range.row > 0);
    expect(writes.length).toBe(result.chunks.length);
    expect(writes.reduce((n, w) => n + w.range.rows, 0)).toBe(20_000);
    for (const w of writes) {
      expect(w.range.rows).toBeLessThanOrEqual(DEFAULT_CHUNK_ROWS);
      expect(Buffer.byteLength(JSON.stringify(w.value))).toBeLessThanOrEqual(DEFAULT_CHUNK_BYTES);
    }
    expect(result.syncs).toBe(result.chunks.length + 3);
    expect(excel.cell("Renouvellements", 20_000, 1)).toBe("C019999");
  });

  it("formats in the last pass: one uniform format per column, highlight rule on notice deadlines, autofit", async () => {
    const excel = new ExcelModel();
    await excel.run((ctx) => writeRenewalSheet(ctx, rowsOf(300), labels));
    const last = excel.batches.at(-1) ?? [];
    const formats = last.flatMap((op) =>
      op.kind === "set" && op.prop === "numberFormat" ? [[op.range.col, op.range.row, op.range.rows, op.value]] : [],
    );
    expect(formats).toEqual(
      expect.arrayContaining([
        [col("periodEnd"), 1, 300, "dd/mm/yyyy"],
        [col("noticeDeadline"), 1, 300, "dd/mm/yyyy"],
        [col("nextPeriodStart"), 1, 300, "dd/mm/yyyy"],
        [col("reminderWindowStart"), 1, 300, "dd/mm/yyyy"],
        [col("reminderWindowEnd"), 1, 300, "dd/mm/yyyy"],
        [col("reminderSentOn"), 1, 300, "dd/mm/yyyy"],
        [col("monthlyAmount"), 1, 300, "#,##0.00 €"],
      ]),
    );
    // Uniform strings, not per-cell arrays: the format pass stays a few hundred bytes.
    expect(formats.every(([, , , v]) => typeof v === "string")).toBe(true);
    // Contract ids are text, formatted before the values are written.
    const text = excel.sets("numberFormat").find((s) => s.value === "@");
    expect(text?.range).toMatchObject({ col: col("contract"), row: 1, rows: 300 });
    expect(excel.batches[1]?.some((op) => op.kind === "set" && op.value === "@")).toBe(true);

    const [rule] = excel.calls("conditionalFormats.add");
    expect(rule?.[0]).toMatchObject({ col: col("noticeDeadline"), row: 1, rows: 300, cols: 1 });
    expect(rule?.[1]).toBe("Custom");
    const cf = rule?.[2] as { custom: { rule: { formula: string }; format: { fill: { color: string } } } };
    expect(cf.custom.rule.formula).toBe("=AND(ISNUMBER($G2),$G2>=TODAY(),$G2<=TODAY()+30)");
    expect(cf.custom.rule.formula).toBe(highlightFormula(30));
    expect(cf.custom.format.fill.color).toBe(HIGHLIGHT_FILL);
    expect(excel.calls("autofitColumns")).toEqual([[{ sheet: "Renouvellements", row: 0, col: 0, rows: 301, cols: COLS }]]);
  });

  it("refreshes the same table in place: old rows and rules cleared, table resized, not re-created", async () => {
    const excel = new ExcelModel();
    await excel.run((ctx) => writeRenewalSheet(ctx, rowsOf(500), labels));
    const syncsBefore = excel.syncs;
    const opsBefore = excel.ops.length;
    const rows = rowsOf(120).map((r) => r.map((v) => (typeof v === "string" ? `${v}*` : v)));
    const result = await excel.run((ctx) => writeRenewalSheet(ctx, rows, labels));

    expect(result.refreshed).toBe(true);
    expect(result.syncs).toBe(4); // look-up, 1 chunk, resize, formats
    expect(excel.syncs - syncsBefore).toBe(4);
    const ops = excel.ops.slice(opsBefore);
    const names = ops.map((op) =>
      op.kind === "call" ? op.name : op.kind === "clear" ? `clear:${op.applyTo}` : `set:${op.prop}`,
    );
    expect(names).not.toContain("tables.add");
    expect(names).not.toContain("worksheets.add");
    expect(names.indexOf("conditionalFormats.clearAll")).toBeLessThan(names.indexOf("set:values"));
    expect(names.indexOf("clear:All")).toBeLessThan(names.indexOf("set:values"));
    const clear = ops.find((op) => op.kind === "clear");
    expect(clear?.kind === "clear" && clear.range).toMatchObject({ row: 1, rows: 500 });
    expect(excel.calls("table.resize")).toEqual([
      ["ContratsRenouvellements", { sheet: "Renouvellements", row: 0, col: 0, rows: 121, cols: COLS }],
    ]);
    expect(excel.read("Renouvellements", 1, 0, 1, 1)[0]?.[0]).toMatch(/\*$/);
    expect(excel.cell("Renouvellements", 121, 0)).toBe(""); // old row 121 cleared
  });

  it("finds its table on a renamed sheet and refreshes it there", async () => {
    const excel = new ExcelModel(["Feuil1", "Échéances 2026"]);
    excel.addTable("Échéances 2026", "ContratsRenouvellements", { row: 0, col: 0, rows: 11, cols: COLS });
    const result = await excel.run((ctx) => writeRenewalSheet(ctx, rowsOf(5), labels));
    expect(result).toMatchObject({ sheetName: "Échéances 2026", refreshed: true, rowsWritten: 5 });
    expect(excel.calls("worksheets.add")).toEqual([]);
    expect(excel.cell("Échéances 2026", 5, 1)).toBe("C000004");
    expect(excel.calls("table.resize")).toEqual([
      ["ContratsRenouvellements", { sheet: "Échéances 2026", row: 0, col: 0, rows: 6, cols: COLS }],
    ]);
  });

  it("stops between chunks on Cancel and leaves an empty table, not half a schedule", async () => {
    const excel = new ExcelModel();
    const controller = new AbortController();
    const rows = rowsOf(400);
    const result = await excel.run((ctx) =>
      writeRenewalSheet(ctx, rows, labels, {
        maxChunkRows: 100,
        signal: controller.signal,
        onProgress: (written) => {
          if (written >= 200) controller.abort();
        },
      }),
    );
    expect(result.cancelled).toBe(true);
    expect(result.rowsWritten).toBe(0);
    expect(excel.sets("values").filter((s) => s.range.row > 0)).toHaveLength(2);
    expect(excel.ops.find((op) => op.kind === "clear")).toMatchObject({ range: { row: 1, rows: 200 }, applyTo: "Contents" });
    expect(excel.cell("Renouvellements", 1, 0)).toBe("");
    expect(excel.calls("tables.add")).toEqual([[{ sheet: "Renouvellements", row: 0, col: 0, rows: 2, cols: COLS }, true]]);
    expect(excel.calls("conditionalFormats.add")).toHaveLength(0);
    expect(result.syncs).toBe(1 + 2 + 2);
  });

  it("writes an empty schedule as a table with one blank row", async () => {
    const excel = new ExcelModel();
    const result = await excel.run((ctx) => writeRenewalSheet(ctx, [], labels));
    expect(result).toMatchObject({ rowsWritten: 0, cancelled: false, syncs: 3 });
    expect(excel.calls("tables.add")).toEqual([[{ sheet: "Renouvellements", row: 0, col: 0, rows: 2, cols: COLS }, true]]);
  });
});
