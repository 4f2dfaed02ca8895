import type { RenewalEvent } from "../../addin/src/api/operations.js";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { prepareBenchDatabase } from "./bench-database.js";
import { type ExcelSheetResult, excelSheetBench } from "./excel-sheet.js";
import { median } from "./options.js";
import { previewInputs, previewRates, previewsPerSecond } from "./previews.js";
import { rawSchedule } from "./raw-schedule.js";
import { formatMixedTable, type MixedResult, runMixed } from "./run-load.js";
import { EventDigest, fetchSchedule, largestAcceptedPage, type ScheduleEvent, type ScheduleWindow } from "./schedule-client.js";
import { buildServer, startScriptNodeFlags, startServerProcess } from "./server-child.js";

export interface BenchOptions {
  contracts: number;
  customers: number;
  reps: number;
  /** A `mysql://…` URL (or, for tests, `sqlite:PATH`); default: a fresh SQLite file in a temp dir. */
  databaseUrl?: string;
  /** Largest page asked for with `renewalSchedule(first:)` (the API's cap); less if the server refuses it. */
  pageSize?: number;
  /** Directory for a CPU profile of the server process (node --cpu-prof), if wanted. */
  cpuProfileDir?: string;
  /** Node flags for the server process besides those of `npm start`, e.g. `--max-semi-space-size=64`. */
  serverNodeFlags?: string[];
  /**
   * Run the compiled server (dist/, as `npm start` does; built first) instead of the TypeScript
   * loader, whose own ~140 MB would hide the server's memory. `npm run bench` does; the smoke test
   * does not (no build).
   */
  compiled?: boolean;
  /** Schedule events (from the GraphQL pull) written to the Excel fake by the add-in's writer (0: not measured). */
  excelRows?: number;
  /** Seconds of small reads measured while one client pulls the whole schedule (0: not measured). */
  mixedSeconds?: number;
  /** Milliseconds of in-process commitment previews per repetition (default 1000; the smoke test's figures are not read). */
  previewMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** The JSON line of `npm run bench` (API of the benchmark: keys only ever get added). */
export interface BenchResult {
  contracts: number;
  customers: number;
  database: "sqlite" | "mysql";
  window: ScheduleWindow;
  /** Events of the schedule in the window: what both sides produce (one row per period end). */
  rows: number;
  pages: number;
  pageSize: number;
  responseMb: number;
  graphqlMs: number;
  rawSqlMs: number;
  ratio: number;
  /** CPU time of the server process during the GraphQL schedule (the client's is not counted). */
  graphqlServerCpuMs: number;
  /** CPU time of the floor (query, events, JSON): with the above, a comparison less sensitive to a busy machine. */
  rawSqlCpuMs: number;
  previewsPerSecond: number;
  /** The same per second of CPU time (less sensitive to a busy machine). */
  previewsPerCpuSecond: number;
  peakRssMb: number;
  /** RSS after the first pull (kept index, grown heap): what the timed pulls start from. */
  baselineRssMb: number;
  /** RSS of the server just started, before any request. */
  idleRssMb: number;
  sameEvents: boolean;
  generateMs: number;
  reps: number;
  serverNodeFlags: string[];
  /** What the server ran: the compiled JavaScript of `npm start`, or the TypeScript loader. */
  server: "dist" | "ts-loader";
  /** p99 of the small reads (offers, contract, commitmentPreview) while one client pulls the whole schedule; null when not measured. */
  mixedP99Ms: number | null;
  /** The add-in writing the first `excelRows` events into the Excel fake: requests, largest and total MB (null: not measured). */
  excelRows: number | null;
  excelSyncs: number | null;
  excelMaxPayloadMb: number | null;
  excelTotalMb: number | null;
}

export const DEFAULT_PAGE_SIZE = 5000;

/**
 * The whole benchmark in one call (used by `npm run bench` and its smoke test): dataset, server,
 * then each figure as the median of `reps` runs. Cleans up the temporary SQLite file it made;
 * a MySQL database it was given must hold no contracts yet, and keeps the generated data.
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const maxPageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const reps = Math.max(1, options.reps);
  const today = todayInParis();
  const window: ScheduleWindow = { from: today, to: addDays(addMonths(today, 12), -1) };
  const bench = await prepareBenchDatabase({ ...options, today, role: "FINANCE", log });
  const { db, token, dataset } = bench;
  try {
    log("Measuring commitment previews in process");
    const inputs = previewInputs(10_000, today);
    const previewMs = options.previewMs ?? 1000;
    previewsPerSecond(inputs, Math.min(300, previewMs)); // warm-up: let the JIT settle
    const rates = Array.from({ length: reps }, () => previewRates(inputs, previewMs));
    const previews = median(rates.map((r) => r.perSecond));
    const previewsCpu = median(rates.map((r) => r.perCpuSecond));

    log("Starting the server");
    const serverNodeFlags = [...startScriptNodeFlags(), ...(options.serverNodeFlags ?? [])];
    const nodeArgs = [
      ...serverNodeFlags,
      ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ];
    if (options.compiled) {
      log("Building the server (npm run build:server)");
      buildServer();
    }
    const server = await startServerProcess(bench.url, { nodeArgs, compiled: options.compiled });
    try {
      const idleRssMb = server.rssMb();
      log(`  server RSS when idle after start: ${fmt(idleRssMb)} MB`);
      const pageSize = await largestAcceptedPage(server.url, token, maxPageSize);
      log(`  pages of ${pageSize} events (the largest the server accepts with every field, up to ${maxPageSize})`);
      // Warm-up pass of both sides, which also checks they compute the very same events.
      log(`Checking both sides agree on the window ${window.from} .. ${window.to}`);
      const graphqlDigest = new EventDigest();
      const rawDigest = new EventDigest();
      const excelRows = options.excelRows ?? 0;
      const excelEvents: ScheduleEvent[] = [];
      const checked = await fetchSchedule(server.url, token, window, pageSize, (events) => {
        graphqlDigest.add(events);
        for (const event of events) if (excelEvents.length < excelRows) excelEvents.push(event);
      });
      await rawSchedule(db, window, pageSize, today, (events) => rawDigest.add(events));
      const sameEvents = graphqlDigest.equals(rawDigest);
      if (!sameEvents) {
        log(`  MISMATCH: GraphQL ${graphqlDigest.count} events, raw SQL ${rawDigest.count} events (or different contents)`);
      }
      const baselineRssMb = server.rssMb();

      const graphqlTimes: number[] = [];
      const rawTimes: number[] = [];
      const graphqlCpu: number[] = [];
      const rawCpu: number[] = [];
      const peaks: number[] = [];
      let responseBytes = checked.bytes;
      for (let rep = 1; rep <= reps; rep++) {
        let started = performance.now();
        const cpu = process.cpuUsage();
        await rawSchedule(db, window, pageSize, today);
        rawTimes.push(performance.now() - started);
        const rawCpuUsage = process.cpuUsage(cpu);
        rawCpu.push((rawCpuUsage.user + rawCpuUsage.system) / 1000);

        const watch = server.startMemoryWatch();
        const serverCpu = server.cpuMs();
        started = performance.now();
        const run = await fetchSchedule(server.url, token, window, pageSize);
        graphqlTimes.push(performance.now() - started);
        graphqlCpu.push(server.cpuMs() - serverCpu);
        peaks.push(watch.stop());
        responseBytes = run.bytes;
        log(
          `  rep ${rep}/${reps}: GraphQL ${fmt(graphqlTimes.at(-1) as number)} ms (${run.pages} pages), ` +
            `raw SQL ${fmt(rawTimes.at(-1) as number)} ms, peak RSS ${fmt(peaks.at(-1) as number)} MB ` +
            `(CPU: server ${fmt(graphqlCpu.at(-1) as number)} ms, floor ${fmt(rawCpu.at(-1) as number)} ms)`,
        );
      }
      let mixed: MixedResult | null = null;
      if (options.mixedSeconds) {
        log(`Small reads while one client pulls the whole schedule, ${options.mixedSeconds} s`);
        const [ids] = await db.all<{ c0: number; c1: number }>(
          "SELECT (SELECT MIN(id) FROM contract) AS c0, (SELECT MAX(id) FROM contract) AS c1",
        );
        mixed = await runMixed(server.url, token, today, [Number(ids?.c0), Number(ids?.c1)], {
          window,
          duration: options.mixedSeconds,
          connections: 6,
          pageSize,
        });
        for (const line of formatMixedTable(mixed).split("\n")) log(`  ${line}`);
      }
      let excel: ExcelSheetResult | null = null;
      if (excelEvents.length > 0) {
        log(`Writing ${excelEvents.length} events into the Excel fake with the add-in's renewal-sheet writer`);
        excel = await excelSheetBench(excelEvents as unknown as RenewalEvent[], {
          ...window,
          families: [],
          customerId: null,
          customerName: null,
        });
        log(`  ${excel.syncs} syncs, largest request ${excel.maxPayloadMb} MB, ${excel.totalMb} MB in all (${excel.ms} ms)`);
      }
      const graphqlMs = median(graphqlTimes);
      const rawSqlMs = median(rawTimes);
      return {
        contracts: dataset.contracts,
        customers: dataset.customers,
        database: bench.target.kind,
        window,
        rows: checked.rows,
        pages: checked.pages,
        pageSize,
        responseMb: round(responseBytes / 1e6, 1),
        graphqlMs: round(graphqlMs, 1),
        rawSqlMs: round(rawSqlMs, 1),
        ratio: round(graphqlMs / rawSqlMs, 2),
        graphqlServerCpuMs: round(median(graphqlCpu), 0),
        rawSqlCpuMs: round(median(rawCpu), 0),
        previewsPerSecond: Math.round(previews),
        previewsPerCpuSecond: Math.round(previewsCpu),
        peakRssMb: round(median(peaks), 1),
        baselineRssMb: round(baselineRssMb, 1),
        idleRssMb: round(idleRssMb, 1),
        sameEvents,
        generateMs: round(dataset.ms, 0),
        reps,
        serverNodeFlags,
        server: options.compiled ? "dist" : "ts-loader",
        mixedP99Ms: mixed ? mixed.p99Ms : null,
        excelRows: excel ? excel.rows : null,
        excelSyncs: excel ? excel.syncs : null,
        excelMaxPayloadMb: excel ? excel.maxPayloadMb : null,
        excelTotalMb: excel ? excel.totalMb : null,
      };
    } finally {
      await server.close();
    }
  } finally {
    await bench.close();
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** The readable table of `npm run bench`. */
export function formatBenchTable(result: BenchResult): string {
  const lines: [string, string][] = [
    ["database", result.database],
    ["contracts / customers", `${result.contracts} / ${result.customers}`],
    ["window", `${result.window.from} .. ${result.window.to}`],
    ["schedule events (rows)", `${result.rows} in ${result.pages} pages of ${result.pageSize}, ${result.responseMb} MB of JSON`],
    ["same events on both sides", result.sameEvents ? "yes" : "NO"],
    ["renewal schedule, GraphQL over HTTP", `${fmt(result.graphqlMs)} ms`],
    ["renewal schedule, raw SQL + JSON (floor)", `${fmt(result.rawSqlMs)} ms`],
    ["ratio GraphQL / floor (target <= 1.3)", result.ratio.toFixed(2)],
    ["CPU: server during GraphQL / floor", `${result.graphqlServerCpuMs} ms / ${result.rawSqlCpuMs} ms`],
    [
      "commitment previews per second (>= 1,000,000)",
      `${result.previewsPerSecond.toLocaleString("en-US")} (per CPU second: ${result.previewsPerCpuSecond.toLocaleString("en-US")})`,
    ],
    [
      "server peak RSS during the schedule",
      `${result.peakRssMb} MB (before: ${result.baselineRssMb} MB, idle after start: ${result.idleRssMb} MB)`,
    ],
    ["dataset generation", `${result.generateMs} ms`],
    ["repetitions (figures are medians)", String(result.reps)],
    ["server node flags", result.serverNodeFlags.join(" ") || "(none: as npm start)"],
    ["small reads' p99 during a whole pull (< 50)", result.mixedP99Ms === null ? "not measured" : `${result.mixedP99Ms} ms`],
    [
      "Excel: add-in writing the sheet (fake)",
      result.excelSyncs === null
        ? "not measured"
        : `${result.excelRows} rows, ${result.excelSyncs} syncs (<= 25), largest request ${result.excelMaxPayloadMb} MB (< 5), ${result.excelTotalMb} MB in all`,
    ],
    ["server run as", result.server === "dist" ? "dist/ (compiled, as npm start)" : "TypeScript loader"],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
