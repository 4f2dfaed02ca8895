/**
 * The renewal schedule against the fake Excel: refreshed where the table is with the user's work
 * kept, never half written (Cancel, failure), calculation suspended for every chunk, the pull
 * remembered, the status and the due L215-1 reminder shown, finance's summary beside it.
 */
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
  REMINDER_FILL,
  RENEWAL_CHUNK_BYTES,
  RENEWAL_CHUNK_ROWS,
  RENEWAL_SETTING,
  type RenewalPull,
  readRenewalPull,
  renewalColumnSpecs,
  writeRenewalSheet,
} from "../../../addin/src/excel/renewal-sheet.js";
import { SheetStructureError } from "../../../addin/src/excel/table-writer.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";
import { renewalSheetLabels, translator } from "../../../addin/src/taskpane/i18n.js";
import { FakeExcel, FakeExcelError, PAYLOAD_LIMIT_BYTES } from "../fake-excel/index.js";

const labels = renewalSheetLabels(translator("fr"));
const en = renewalSheetLabels(translator("en"));
const TODAY = "2026-01-15";
const pull: RenewalPull = { from: "2026-01-01", to: "2026-12-31", families: [], customerId: null, customerName: null };

function event(i: number, overrides: Partial<RenewalEvent> = {}): RenewalEvent {
  const month = String((i % 12) + 1).padStart(2, "0");
  return {
    contractId: `C${String(i).padStart(6, "0")}`,
    customerId: `K${i % 50}`,
    customerName: `Client numéro ${i % 50} — Société Anonyme`,
    customerCategory: i % 7 === 0 ? "NON_PROFIT" : "OTHER",
    offerCode: "FIBRE-100",
    offerName: "Accès fibre 100 Mb/s",
    family: "IP_ACCESS_WIRED",
    periodIndex: 1,
    periodEnd: `2026-${month}-28`,
    noticeDeadline: `2026-${month}-10`,
    nextPeriodStart: "2027-03-10",
    monthlyAmountCents: 5900 + i,
    reminderRequired: false,
    reminderWindowStart: null,
    reminderWindowEnd: null,
    reminderSentOn: null,
    contractStatus: "ACTIVE",
    ...overrides,
  };
}
const events = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => event(i + offset));

async function write(
  excel: FakeExcel,
  list: RenewalEvent[],
  options: Partial<Parameters<typeof writeRenewalSheet>[3]> = {},
  l = labels,
) {
  return excel.run((ctx) => writeRenewalSheet(ctx, list, l, { pull, ...options }));
}

describe("planChunks", () => {
  it("keeps every chunk within the byte budget and the row cap, covering every row once", () => {
    const rows: CellValue[][] = Array.from({ length: 12_000 }, (_, i) => [`Client ${i} — S.A.`, `C${i}`, 45_000 + i, 59.5]);
    const chunks = planChunks(rows, 200_000, 3_000);
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(12_000);
    let next = 0;
    for (const chunk of chunks) {
      expect(chunk.start).toBe(next);
      next += chunk.count;
      expect(chunk.bytes).toBeLessThanOrEqual(200_000);
      expect(chunk.count).toBeLessThanOrEqual(3_000);
      const json = Buffer.byteLength(JSON.stringify(rows.slice(chunk.start, chunk.start + chunk.count)));
      expect(json).toBeLessThanOrEqual(chunk.bytes + 2 + chunk.count);
    }
  });

  it("estimates multi-byte text and escapes as UTF-8 JSON at most, and splits big rows alone", () => {
    const row: CellValue[] = ['é"\\\n€𝄞', 1.2345678901234567e300, true];
    expect(estimateRowBytes(row)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(row)));
    expect(planChunks([["y".repeat(50)], ["z".repeat(500)], ["w"]], 100).map((c) => c.count)).toEqual([1, 1, 1]);
    expect(planChunks([])).toEqual([]);
    expect(DEFAULT_CHUNK_BYTES).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES / 4);
    expect(DEFAULT_CHUNK_ROWS).toBeGreaterThan(0);
  });
});

describe("writeRenewalSheet: a new schedule", () => {
  it("creates the table with a status column, typed cells, highlights, the pull recorded, and finance's summary beside it", async () => {
    const excel = new FakeExcel({ today: TODAY });
    const list = [
      event(0, { contractStatus: "NOTICE_RECEIVED", noticeDeadline: "2026-02-01" }), // within 30 days
      // Due (its window started) and not recorded as sent: flagged.
      event(1, {
        noticeDeadline: "2026-06-10",
        reminderRequired: true,
        reminderWindowStart: "2026-01-01",
        reminderWindowEnd: "2026-03-01",
      }),
      event(2, {
        noticeDeadline: "2026-06-10",
        reminderRequired: true,
        reminderWindowStart: "2026-01-01",
        reminderWindowEnd: "2026-03-01",
        reminderSentOn: "2026-01-05",
      }),
      // Not due yet.
      event(3, {
        noticeDeadline: "2026-09-10",
        reminderRequired: true,
        reminderWindowStart: "2026-06-01",
        reminderWindowEnd: "2026-08-01",
      }),
      event(4, { noticeDeadline: "2026-06-10", contractStatus: "ENDED" }),
    ];
    const result = await write(excel, list);
    expect(result).toMatchObject({
      sheetName: "Renouvellements",
      tableName: "ContratsRenouvellements",
      rowsWritten: 5,
      cancelled: false,
      refreshed: false,
    });
    expect(excel.syncs).toBe(result.syncs);
    expect(excel.table("ContratsRenouvellements")).toMatchObject({ sheet: "Renouvellements", address: "A1:M6" });
    const rows = excel.tableRows("ContratsRenouvellements");
    expect(rows[0]).toEqual({
      Client: "Client numéro 0 — Société Anonyme",
      Contrat: "C000000",
      "Code offre": "FIBRE-100",
      Offre: "Accès fibre 100 Mb/s",
      Famille: "Accès IP filaire",
      "Fin de période": isoToSerial("2026-01-28"),
      "Date limite de préavis": isoToSerial("2026-02-01"),
      "Début période suivante": isoToSerial("2027-03-10"),
      "Mensuel HT": 59,
      "Rappel à partir du": "",
      "Rappel au plus tard le": "",
      "Rappel envoyé le": "",
      Statut: "Résiliation en cours",
    });
    expect(rows.map((r) => r.Statut)).toEqual(["Résiliation en cours", "Actif", "Actif", "Actif", "Terminé"]);
    expect(excel.numberFormats("Renouvellements", "A2:M2")[0]).toEqual([
      "@",
      "@",
      "@",
      "@",
      "@",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
      "#,##0.00 €",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
      "dd/mm/yyyy",
      "@",
    ]);
    const rules = excel.conditionalFormats("Renouvellements");
    const deadline = rules.find((r) => r.fill === HIGHLIGHT_FILL);
    const reminder = rules.find((r) => r.fill === REMINDER_FILL);
    expect(deadline).toMatchObject({
      address: "G2:G6",
      formula: "=AND(ISNUMBER($G2),$G2>=TODAY(),$G2<=TODAY()+30)",
      highlighted: ["G2"],
    });
    // The L215-1 reminder that is due and not recorded: its whole row.
    expect(reminder).toMatchObject({ address: "A2:M6", formula: "=AND(ISNUMBER($J2),$J2<=TODAY(),NOT(ISNUMBER($L2)))" });
    expect(new Set(reminder?.highlighted.map((a) => a.replace(/[A-Z]+/, "")))).toEqual(new Set(["3"]));
    expect(excel.frozenRows("Renouvellements")).toBe(1);
    expect(excel.settings()[RENEWAL_SETTING]).toMatchObject({
      tableId: excel.table("ContratsRenouvellements").id,
      pull,
      rows: 5,
    });
    expect(await excel.run((ctx) => readRenewalPull(ctx))).toEqual(pull);
    // Finance's summary, on the next sheet.
    expect(excel.sheetNames()).toEqual(["Feuil1", "Renouvellements", "Synthèse renouvellements"]);
  });

  it("writes in chunks under 5 MB, each chunk suspending calculation for its own request", async () => {
    const excel = new FakeExcel();
    const list = events(3_000);
    const result = await write(excel, list, { maxChunkBytes: 200_000 });
    expect(result.chunks.length).toBeGreaterThan(3);
    expect(result.rowsWritten).toBe(3_000);
    expect(excel.requests.every((r) => r.bytes < PAYLOAD_LIMIT_BYTES && !r.failed)).toBe(true);
    // Every request that writes rows suspends calculation for itself: one per chunk, not one for all.
    const rowWrites = excel.requests.filter((r) =>
      r.ops.some((o) => o.op === "set Range.values" && o.target?.startsWith("Renouvellements!") && !o.target.endsWith("!A1:M1")),
    );
    expect(rowWrites).toHaveLength(result.chunks.length);
    expect(rowWrites.every((r) => r.calculationSuspended)).toBe(true);
    expect(excel.value("Renouvellements", "B3001")).toBe("C002999");
  });

  it("needs a fixed 4 requests plus one per chunk: 100 000 events fit in at most 25, none over 5 MB", async () => {
    // The real run, on 20 000 events: look up, create, one request per chunk, finish, record the pull.
    const excel = new FakeExcel();
    const result = await write(excel, events(20_000));
    expect(excel.syncs).toBe(4 + result.chunks.length);
    expect(excel.largestRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(excel.table("ContratsRenouvellements").address).toBe("A1:M20001");
    // 100 000 events: the same plan, computed (the benchmark runs them through the fake).
    const specs = renewalColumnSpecs(labels);
    const names = (key: string) => labels.columns[key as keyof typeof labels.columns];
    const rows = events(100_000).map((e) => specs.map((spec) => spec.cell(e, names)) as CellValue[]);
    const chunks = planChunks(rows, RENEWAL_CHUNK_BYTES, RENEWAL_CHUNK_ROWS);
    expect(4 + chunks.length).toBeLessThanOrEqual(25);
    // A chunk's request carries its values and a few small operations: far under 5 MB.
    expect(Math.max(...chunks.map((c) => c.bytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES * 0.6);
  });

  it("writes an empty schedule as a table with one blank row", async () => {
    const excel = new FakeExcel();
    const result = await write(excel, []);
    expect(result).toMatchObject({ rowsWritten: 0, cancelled: false });
    expect(excel.table("ContratsRenouvellements").address).toBe("A1:M2");
    expect(excel.values("Renouvellements", "A2:M2")[0]?.every((v) => v === "")).toBe(true);
  });
});

describe("writeRenewalSheet: refresh in place", () => {
  it("keeps a title row above the table and a user column, carried by (contract, period end), respecting Excel's rules at every step", async () => {
    const excel = new FakeExcel({ today: TODAY });
    await write(excel, events(6));
    // The user: two rows above the table with a title, a column of comments, a note under the table.
    excel.user.insertRows("Renouvellements", 1, 2);
    excel.user.setCell("Renouvellements", "A1", "Échéancier 2026 — à revoir chaque lundi");
    excel.user.addTableColumn("ContratsRenouvellements", "Commentaire finance", [
      "appeler",
      "",
      "=[@[Mensuel HT]]*12",
      "",
      "",
      "relancer",
    ]);
    excel.user.setCell("Renouvellements", "A11", "Note sous le tableau");
    expect(excel.table("ContratsRenouvellements").address).toBe("A3:N9");

    // The refresh: C000000 and C000002 stay, C000001 is gone, C000006..C000009 are new, C000005 stays.
    const next = [event(0), event(2), event(5), ...events(4, 6)];
    const before = excel.requests.length;
    const result = await write(excel, next);
    expect(result).toMatchObject({ refreshed: true, rowsWritten: 7, sheetName: "Renouvellements" });

    expect(excel.value("Renouvellements", "A1")).toBe("Échéancier 2026 — à revoir chaque lundi");
    expect(excel.table("ContratsRenouvellements").address).toBe("A3:N10");
    const rows = excel.tableRows("ContratsRenouvellements");
    expect(rows.map((r) => [r.Contrat, r["Commentaire finance"]])).toEqual([
      ["C000000", "appeler"],
      ["C000002", (5902 / 100) * 12],
      ["C000005", "relancer"],
      ["C000006", ""],
      ["C000007", ""],
      ["C000008", ""],
      ["C000009", ""],
    ]);
    expect(excel.formula("Renouvellements", "N5")).toBe("=[@[Mensuel HT]]*12");
    // The note under the table moved down with it (one more row), nothing overwritten.
    expect(excel.value("Renouvellements", "A12")).toBe("Note sous le tableau");

    // Every request of the refresh went through; the header row never moved; calculation was
    // suspended for every request that wrote rows.
    const refresh = excel.requests.slice(before);
    expect(refresh.filter((r) => r.failed)).toEqual([]);
    for (const op of excel.journal().filter((o) => o.request > before && o.op === "Table.resize")) {
      expect(String(op.value)).toMatch(/!A3:/);
    }
    for (const r of refresh) {
      const writesRows = r.ops.some(
        (o) => /^set Range\.(values|formulasR1C1)$/.test(o.op) && o.target?.startsWith("Renouvellements!"),
      );
      if (writesRows) expect(r.calculationSuspended, `request ${r.index}`).toBe(true);
    }
    // The old rows' highlights went with them: two rules, on the new rows.
    expect(
      excel
        .conditionalFormats("Renouvellements")
        .map((r) => r.address)
        .sort(),
    ).toEqual(["A4:N10", "G4:G10"]);
  });

  it("is found again on a renamed sheet, by a colleague with English Office, and its headers stay the user's", async () => {
    const excel = new FakeExcel();
    await write(excel, events(3));
    excel.user.renameSheet("Renouvellements", "Échéances 2026");
    excel.user.renameTable("ContratsRenouvellements", "Echeances");
    const result = await write(excel, events(2), {}, en);
    expect(result).toMatchObject({ sheetName: "Échéances 2026", tableName: "Echeances", refreshed: true, rowsWritten: 2 });
    expect(excel.tables().map((t) => t.name)).toEqual(["Echeances", "ContratsEcheancesParMois"]);
    expect(excel.table("Echeances").columns[0]).toBe("Client");
    expect(excel.tableRows("Echeances").map((r) => r.Statut)).toEqual(["Active", "Active"]);
  });

  it("leaves the previous rows exactly as they were when the refresh is cancelled between chunks", async () => {
    const excel = new FakeExcel();
    await write(excel, events(50));
    excel.user.setCell("Renouvellements", "A60", "Note");
    const before = excel.values("Renouvellements", "A1:M51");
    const controller = new AbortController();
    const result = await write(excel, events(400, 1000), {
      maxChunkRows: 100,
      signal: controller.signal,
      onProgress: (written) => {
        if (written >= 200) controller.abort();
      },
    });
    expect(result).toMatchObject({ cancelled: true, rowsWritten: 0 });
    expect(excel.table("ContratsRenouvellements").address).toBe("A1:M51");
    expect(excel.values("Renouvellements", "A1:M51")).toEqual(before);
    expect(excel.value("Renouvellements", "A60")).toBe("Note");
    expect(excel.settings()[RENEWAL_SETTING]).toMatchObject({ rows: 50 });
  });

  it("leaves the previous rows as they were when a request fails midway, and reports the failure", async () => {
    const excel = new FakeExcel();
    await write(excel, events(50));
    const before = excel.values("Renouvellements", "A1:M51");
    let chunkRequests = 0;
    // The third chunk's request never reaches Excel (the connection drops).
    const original = excel.execute.bind(excel);
    excel.execute = async (context, actions, loads) => {
      if (actions.some((a) => a.op === "suspendApiCalculationUntilNextSync") && ++chunkRequests === 3) {
        throw new FakeExcelError("NotModelled", "connection lost");
      }
      return original(context, actions, loads);
    };
    const error = await write(excel, events(500, 1000), { maxChunkRows: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeExcelError);
    expect(excel.table("ContratsRenouvellements").address).toBe("A1:M51");
    expect(excel.values("Renouvellements", "A1:M51")).toEqual(before);
  });

  it("names a column the user renamed instead of rewriting blindly", async () => {
    const excel = new FakeExcel();
    await write(excel, events(3));
    excel.user.setCell("Renouvellements", "B1", "N° contrat");
    const error = await write(excel, events(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetStructureError);
    expect((error as SheetStructureError).messageText.fr).toContain("« Contrat »");
  });
});

describe("finance's summary", () => {
  it("shows per month the contracts reaching a notice deadline and the monthly amount at stake, as a table and a column chart, refreshed with the schedule", async () => {
    const excel = new FakeExcel();
    const list = [
      event(0, { noticeDeadline: "2026-01-10", monthlyAmountCents: 5900 }),
      event(1, { noticeDeadline: "2026-01-20", monthlyAmountCents: 12000 }),
      event(2, { noticeDeadline: "2026-03-05", monthlyAmountCents: 1999 }),
      event(3, { noticeDeadline: "2026-03-06", contractStatus: "ENDED" }),
    ];
    await write(excel, list, { pull: { ...pull, to: "2026-04-30" } });
    const summary = excel.tableRows("ContratsEcheancesParMois");
    expect(summary).toEqual([
      { Mois: isoToSerial("2026-01-01"), Contrats: 2, "Montant mensuel HT en jeu": 179 },
      { Mois: isoToSerial("2026-02-01"), Contrats: 0, "Montant mensuel HT en jeu": 0 },
      { Mois: isoToSerial("2026-03-01"), Contrats: 1, "Montant mensuel HT en jeu": 19.99 },
      { Mois: isoToSerial("2026-04-01"), Contrats: 0, "Montant mensuel HT en jeu": 0 },
    ]);
    expect(excel.numberFormats("Synthèse renouvellements", "A4:C4")[0]).toEqual(["mmm yyyy", "0", "#,##0.00 €"]);
    const [chart] = excel.charts("Synthèse renouvellements");
    expect(chart).toMatchObject({
      type: "ColumnClustered",
      title: "Échéances de préavis par mois",
      categories: summary.map((r) => r.Mois),
      series: [
        { name: "Contrats", values: [2, 0, 1, 0], chartType: "Line", axisGroup: "Secondary" },
        { name: "Montant mensuel HT en jeu", values: [179, 0, 19.99, 0], chartType: "ColumnClustered", axisGroup: "Primary" },
      ],
    });

    // The next refresh rewrites the same table and chart: two months only now.
    await write(excel, [event(5, { noticeDeadline: "2026-02-10", monthlyAmountCents: 1000 })], {
      pull: { ...pull, to: "2026-02-28" },
    });
    expect(excel.tables().map((t) => t.name)).toEqual(["ContratsRenouvellements", "ContratsEcheancesParMois"]);
    expect(excel.charts("Synthèse renouvellements")).toHaveLength(1);
    expect(excel.charts("Synthèse renouvellements")[0]?.series[1]?.values).toEqual([0, 10]);
  });
});
