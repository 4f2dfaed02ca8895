/**
 * The fake Excel refuses what Excel refuses (each rule cites its source in the fake's code) and
 * models what the sheet writers rely on: formulas kept and recalculated, references rewritten or
 * broken (#REF!) as Excel does, cells shifted around tables.
 */
import { describe, expect, it } from "vitest";
import { FakeExcel, FakeExcelError, PAYLOAD_LIMIT_BYTES } from "../fake-excel/index.js";

type Ctx = Excel.RequestContext;

async function fails(excel: FakeExcel, batch: (ctx: Ctx) => Promise<unknown>): Promise<FakeExcelError> {
  try {
    await excel.run(batch);
  } catch (error) {
    expect(error).toBeInstanceOf(FakeExcelError);
    return error as FakeExcelError;
  }
  throw new Error("expected the request to fail");
}

/** A 3-column table "T" at B3:D5 on Feuil1: Nom, Qté, Prix. */
async function withTable(excel = new FakeExcel()): Promise<FakeExcel> {
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Feuil1");
    ws.getRange("B3:D5").values = [
      ["Nom", "Qté", "Prix"],
      ["a", 2, 10],
      ["b", 3, 1.5],
    ];
    const t = ws.tables.add(ws.getRange("B3:D5"), true);
    t.name = "T";
    await ctx.sync();
  });
  return excel;
}

describe("load and sync", () => {
  it("refuses to read a property before load + sync (PropertyNotLoaded), and reads it after", async () => {
    const excel = await withTable();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Feuil1").getRange("C4:D5");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load("values");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(range.values).toEqual([
        [2, 10],
        [3, 1.5],
      ]);
      const tables = ctx.workbook.tables;
      expect(() => tables.items).toThrow(/PropertyNotLoaded/);
      tables.load("items/name,items/worksheet/name");
      await ctx.sync();
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([["T", "Feuil1"]]);
      expect(() => tables.items[0]?.id).toThrow(/PropertyNotLoaded/);
    });
  });

  it("needs a sync before isNullObject, and resolves look-ups when the request runs", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
    // getItem of a missing sheet fails at sync, after the operations queued before it ran.
    const error = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("A1").values = [["before"]];
      ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [["x"]];
      ctx.workbook.worksheets.getItem("Feuil1").getRange("A2").values = [["after"]];
      await ctx.sync();
    });
    expect(error.code).toBe("ItemNotFound");
    expect(excel.values("Feuil1", "A1:A2")).toEqual([["before"], [""]]);
  });

  it("throws on any member it does not model instead of accepting it silently", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Feuil1").getRange("A1");
      expect(() => (range as unknown as { valuesAsJson: unknown }).valuesAsJson).toThrow(/does not model Range.valuesAsJson/);
      expect(() => {
        (range as unknown as { hyperlink: unknown }).hyperlink = {};
      }).toThrow(/does not model/);
      expect(() => {
        (range as unknown as { address: string }).address = "B2";
      }).toThrow(/read-only/);
    });
  });
});

describe("request size", () => {
  it("refuses a request over 5 MB whole (RequestPayloadSizeLimitExceeded) and counts every request's bytes", async () => {
    const excel = new FakeExcel();
    const big = Array.from({ length: 60_000 }, (_, i) => [`ligne ${i} ${"x".repeat(80)}`]);
    const error = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("A1:A60000").values = big;
      await ctx.sync();
    });
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(excel.requests.at(-1)?.bytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(excel.value("Feuil1", "A1")).toBe(""); // nothing of it was applied
    // Half of it, twice, goes through.
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:A30000").values = big.slice(0, 30_000);
      await ctx.sync();
      ws.getRange("A30001:A60000").values = big.slice(30_000);
      await ctx.sync();
    });
    expect(excel.value("Feuil1", "A60000")).toBe(big[59_999]?.[0]);
    expect(excel.requests.slice(-2).every((r) => r.bytes < PAYLOAD_LIMIT_BYTES && r.bytes > 2_000_000)).toBe(true);
  });

  it("refuses to read more than 5,000,000 cells at once", async () => {
    const excel = new FakeExcel();
    const error = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange().load("values");
      await ctx.sync();
    });
    expect(error.code).toBe("RangeExceedsLimit");
  });
});

describe("tables", () => {
  it("keeps table names unique in the whole workbook, case-insensitively, and checks the name rules", async () => {
    const excel = await withTable();
    const dup = await fails(excel, async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Autre");
      const t = ws.tables.add("A1:B2", true);
      t.name = "t";
      await ctx.sync();
    });
    expect(dup.code).toBe("ItemAlreadyExists");
    for (const bad of ["1abc", "a b", "R", "c", "A1", "R1C1", "x-y", "x".repeat(256)]) {
      const error = await fails(excel, async (ctx) => {
        ctx.workbook.tables.getItem("T").name = bad;
        await ctx.sync();
      });
      expect(error.code, bad).toBe("InvalidArgument");
    }
    await excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("T").name = "_Devis.42\\b";
      await ctx.sync();
    });
    expect(excel.table("_Devis.42\\b").address).toBe("B3:D5");
  });

  it("refuses a table over another table", async () => {
    const excel = await withTable();
    const error = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").tables.add("D5:F8", true);
      await ctx.sync();
    });
    expect(error.code).toBe("InvalidOperation");
  });

  it("resizes a table only with its header row in place (ExcelApi 1.13) and moves no cell", async () => {
    const excel = await withTable();
    const moved = await fails(excel, async (ctx) => {
      ctx.workbook.tables.getItem("T").resize("B2:D9");
      await ctx.sync();
    });
    expect(moved.code).toBe("InvalidArgument");
    expect(moved.message).toMatch(/header row must stay/);
    const apart = await fails(excel, async (ctx) => {
      ctx.workbook.tables.getItem("T").resize("H3:J9");
      await ctx.sync();
    });
    expect(apart.code).toBe("InvalidArgument");
    await excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("T").resize("B3:E4");
      await ctx.sync();
    });
    expect(excel.table("T")).toMatchObject({ address: "B3:E4", columns: ["Nom", "Qté", "Prix", "Column4"] });
    expect(excel.values("Feuil1", "B5:D5")).toEqual([["b", 3, 1.5]]); // left where it was
  });

  it("keeps column names unique and text: Excel renames a duplicate header", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:C2").values = [
        ["Client", "Client", 2026],
        [1, 2, 3],
      ];
      ws.tables.add("A1:C2", true);
      await ctx.sync();
    });
    expect(excel.table("Table1").columns).toEqual(["Client", "Client2", "2026"]);
  });
});

describe("formulas", () => {
  it("keeps formulas as formulas, evaluates them (structured references, SUM, ROUND) and recalculates after an edit", async () => {
    const excel = await withTable();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ctx.workbook.tables.getItem("T").resize("B3:E5");
      ws.getRange("E3").values = [["Total"]];
      ws.getRange("E4:E5").formulas = [["=[@Qté]*[@Prix]"], ["=[@[Qté]]*[@[Prix]]"]];
      ws.getRange("G1").formulas = [["=SUM(T[Total])"]];
      ws.getRange("G2").formulas = [["=ROUND(G1*0.2,2)"]];
      await ctx.sync();
      const g = ws.getRange("G1:G2").load("values,formulas");
      await ctx.sync();
      expect(g.values).toEqual([[24.5], [4.9]]);
      expect(g.formulas).toEqual([["=SUM(T[Total])"], ["=ROUND(G1*0.2,2)"]]);
    });
    excel.user.setCell("Feuil1", "C4", 4);
    expect(excel.values("Feuil1", "E4:E5")).toEqual([[40], [4.5]]);
    expect(excel.values("Feuil1", "G1:G2")).toEqual([[44.5], [8.9]]);
  });

  it("refuses a formula it cannot parse, an unknown table or column, and [@…] outside a table", async () => {
    const excel = await withTable();
    for (const formula of ["=SUM(", "=T[Nope]", "=Nope[Qté]", "=[@Qté]*2", "=1+"]) {
      const error = await fails(excel, async (ctx) => {
        ctx.workbook.worksheets.getItem("Feuil1").getRange("H1").formulas = [[formula]];
        await ctx.sync();
      });
      expect(error.code, formula).toBe("InvalidArgument");
    }
  });

  it("reads a string starting with = as a formula, digits as a number, unless the cell is text", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("B1:B2").numberFormat = [["@"], ["@"]];
      ws.getRange("A1:B2").values = [
        ["0612345678", "0612345678"],
        ["'=1+1", "=1+1"],
      ];
      ws.getRange("C1").values = [["=1+1"]];
      await ctx.sync();
    });
    expect(excel.values("Feuil1", "A1:C2")).toEqual([
      [612345678, "0612345678", 2],
      ["=1+1", "=1+1", ""],
    ]);
    expect(excel.formula("Feuil1", "C1")).toBe("=1+1");
  });

  it("treats null as 'leave this cell' and '' as 'clear it'; a whole-property null is invalid", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:C1").values = [[1, 2, 3]];
      await ctx.sync();
      ws.getRange("A1:C1").values = [[null, "", 9]];
      await ctx.sync();
    });
    expect(excel.values("Feuil1", "A1:C1")).toEqual([[1, "", 9]]);
    const error = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("A1").values = null as never;
      await ctx.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("writes and reads R1C1 formulas relative to their cell", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:A2").values = [[5], [7]];
      ws.getRange("B2").formulasR1C1 = [["=R[-1]C[-1]+RC[-1]+R1C1"]];
      await ctx.sync();
      const r = ws.getRange("B2").load("formulas,formulasR1C1,values");
      await ctx.sync();
      expect(r.formulas).toEqual([["=A1+A2+$A$1"]]);
      expect(r.formulasR1C1).toEqual([["=R[-1]C[-1]+RC[-1]+R1C1"]]);
      expect(r.values).toEqual([[17]]);
    });
  });

  it("rewrites references when a table or a sheet is renamed, and breaks them (#REF!) when it is deleted", async () => {
    const excel = await withTable();
    excel.user.addSheet("Synthèse");
    excel.user.setCell("Synthèse", "A1", "=SUM(T[Qté])");
    excel.user.setCell("Synthèse", "A2", "=Feuil1!C4*2");
    excel.user.renameTable("T", "Lignes");
    excel.user.renameSheet("Feuil1", "Données");
    expect(excel.formulas("Synthèse", "A1:A2")).toEqual([["=SUM(Lignes[Qté])"], ["=Données!C4*2"]]);
    expect(excel.values("Synthèse", "A1:A2")).toEqual([[5], [4]]);
    excel.user.deleteTable("Lignes");
    expect(excel.formula("Synthèse", "A1")).toBe("=SUM(#REF!)");
    expect(excel.value("Synthèse", "A1")).toBe("#REF!");
    excel.user.deleteSheet("Données");
    expect(excel.formula("Synthèse", "A2")).toBe("=#REF!*2");
    expect(excel.value("Synthèse", "A2")).toBe("#REF!");
  });

  it("clearing everything over a whole table removes the table, and formulas using it break", async () => {
    const excel = await withTable();
    excel.user.setCell("Feuil1", "H1", "=SUM(T[Prix])");
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("A1:F20").clear("All");
      await ctx.sync();
    });
    expect(excel.tables()).toEqual([]);
    expect(excel.value("Feuil1", "H1")).toBe("#REF!");
  });
});

describe("suspended calculation", () => {
  it("covers the one request it is queued in", async () => {
    const excel = await withTable();
    excel.user.setCell("Feuil1", "H1", "=SUM(T[Qté])");
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ctx.application.suspendApiCalculationUntilNextSync();
      ws.getRange("C4").values = [[10]];
      await ctx.sync();
      const h = ws.getRange("H1").load("values");
      await ctx.sync();
      // The second request did not suspend calculation: Excel calculated after it.
      expect(h.values).toEqual([[13]]);
    });
    const [first, second] = excel.requests.slice(-2);
    expect(first?.calculationSuspended).toBe(true);
    expect(second?.calculationSuspended).toBe(false);

    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ctx.application.suspendApiCalculationUntilNextSync();
      ws.getRange("C4").values = [[1]];
      const h = ws.getRange("H1").load("values");
      await ctx.sync();
      // Read in the suspended request: the old result.
      expect(h.values).toEqual([[13]]);
    });
    expect(excel.requestsWritingWithCalculation().map((r) => r.index)).not.toContain(excel.requests.at(-1)?.index);
  });
});

describe("shifting cells", () => {
  it("inserts cells below a table: what is below moves down with its references; a cut through a table is refused", async () => {
    const excel = await withTable();
    excel.user.setCell("Feuil1", "B8", "note");
    excel.user.setCell("Feuil1", "A1", "=B8");
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("B6:D7").insert("Down");
      await ctx.sync();
    });
    expect(excel.value("Feuil1", "B10")).toBe("note");
    expect(excel.formula("Feuil1", "A1")).toBe("=B10");
    const cut = await fails(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("C2:C2").insert("Down");
      await ctx.sync();
    });
    expect(cut.code).toBe("InvalidOperation");
  });

  it("deletes whole-width rows of a table: the table shrinks and what is below moves up", async () => {
    const excel = await withTable();
    excel.user.setCell("Feuil1", "B7", "note");
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Feuil1").getRange("B4:D4").delete("Up");
      await ctx.sync();
    });
    expect(excel.table("T").address).toBe("B3:D4");
    expect(excel.values("Feuil1", "B4:D4")).toEqual([["b", 3, 1.5]]);
    expect(excel.value("Feuil1", "B6")).toBe("note");
  });
});

describe("settings, conditional formats, charts", () => {
  it("keeps settings as JSON", async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      ctx.workbook.settings.add("k", { a: [1, "x"] });
      await ctx.sync();
      const s = ctx.workbook.settings.getItemOrNullObject("k").load("value");
      const none = ctx.workbook.settings.getItemOrNullObject("none");
      await ctx.sync();
      expect(s.value).toEqual({ a: [1, "x"] });
      expect(none.isNullObject).toBe(true);
    });
  });

  it("evaluates custom conditional formats relative to their range, and refuses structured references in them", async () => {
    const excel = await withTable();
    await excel.run(async (ctx) => {
      const rule = ctx.workbook.worksheets.getItem("Feuil1").getRange("B4:D5").conditionalFormats.add("Custom");
      rule.custom.rule.formula = "=$C4>2";
      rule.custom.format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    expect(excel.conditionalFormats("Feuil1")).toMatchObject([
      { address: "B4:D5", highlighted: ["B5", "C5", "D5"], fill: "#FFC7CE" },
    ]);
    const error = await fails(excel, async (ctx) => {
      const rule = ctx.workbook.worksheets.getItem("Feuil1").getRange("B4:D5").conditionalFormats.add("Custom");
      rule.custom.rule.formula = "=[@Qté]>2";
      await ctx.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("builds a chart from a range: categories from the first column, one series per column", async () => {
    const excel = await withTable();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      const chart = ws.charts.add("ColumnClustered", ws.getRange("B3:D5"), "Columns");
      chart.name = "Graphique";
      chart.title.text = "Titre";
      chart.series.getItemAt(1).axisGroup = "Secondary";
      await ctx.sync();
    });
    expect(excel.charts("Feuil1")).toEqual([
      expect.objectContaining({
        name: "Graphique",
        type: "ColumnClustered",
        title: "Titre",
        categories: ["a", "b"],
        series: [
          { name: "Qté", values: [2, 3], chartType: "ColumnClustered", axisGroup: "Primary" },
          { name: "Prix", values: [10, 1.5], chartType: "ColumnClustered", axisGroup: "Secondary" },
        ],
      }),
    ]);
  });
});
