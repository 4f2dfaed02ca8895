import "reflect-metadata";
import http from "node:http";
import os from "node:os";
import { type OperationDefinitionNode, parse, validate } from "graphql";
import { openApp } from "../../server/src/bootstrap.js";
import { type GraphQLLimits, loadConfig } from "../../server/src/config.js";
import { todayInParis } from "../../server/src/domain/calendar.js";
import type { Role } from "../../server/src/entities/api-token.entity.js";
import { buildApiSchema } from "../../server/src/graphql/schema.js";
import { graphqlLimits } from "../../server/src/http/graphql-limits.js";
import { estimateOperation } from "../../server/src/http/query-cost.js";
import { FIELD_COSTS } from "../../server/src/http/query-cost-model.js";
import type { BookStatistics } from "../../server/src/services/book-statistics.js";
import { prepareBenchDatabase } from "./bench-database.js";
import { LIMITS_DOCUMENTS, LIMITS_REFUSALS, type LimitsContext } from "./limits-catalogue.js";
import { median } from "./options.js";
import { postRaw } from "./schedule-client.js";
import { buildServer, startScriptNodeFlags, startServerProcess } from "./server-child.js";

export interface LimitsOptions {
  contracts: number;
  customers: number;
  /** Runs of each accepted document (its figure is the median). */
  reps: number;
  /** `mysql://…` or `sqlite:PATH`: kept, and reused when it already holds contracts. Default: a temporary SQLite file. */
  databaseUrl?: string;
  /** Run the compiled server (dist/, as `npm start` does; built first): `npm run bench:limits` does, the smoke test does not. */
  compiled?: boolean;
  log?: (line: string) => void;
}

/** One document of the catalogue as sent. */
export interface LimitsDocumentResult {
  name: string;
  role: Role;
  /** The knob's value sent (e.g. `aliases = 14`) and its range's top. */
  knob: string;
  n: number;
  max: number;
  /** The project's estimate (http/query-cost.ts) on this database's book statistics. */
  cost: number;
  accepted: boolean;
  /** First error's code when not accepted (or when an accepted document answered errors). */
  error: string | null;
  /** Wall time of the request on loopback, client side: median of `reps` runs, and each run. */
  ms: number;
  runsMs: number[];
  /** CPU time the server process used during the request (median; 10 ms resolution). */
  serverCpuMs: number;
  /** Slowest `/healthz` answer while the document ran (max over every run). */
  healthzMaxMs: number;
  responseKb: number;
  /** The next document up the knob (just over GRAPHQL_MAX_COST): must be refused. Null at the knob's top. */
  above: { n: number; cost: number; refused: boolean; ms: number; message: string | null } | null;
  /** `os.loadavg()[0]` when the document was measured: the machine is shared. */
  load1: number;
}

export interface LimitsRefusalResult {
  name: string;
  refused: boolean;
  /** Median of `reps` runs. */
  ms: number;
  message: string | null;
}

/** The JSON line of `npm run bench:limits` (keys only ever get added). */
export interface LimitsResult {
  contracts: number;
  database: "sqlite" | "mysql";
  limits: GraphQLLimits;
  book: BookStatistics;
  documents: LimitsDocumentResult[];
  refusals: LimitsRefusalResult[];
  /** Slowest accepted document (median wall time) and its name. */
  worstAcceptedMs: number;
  worstDocument: string;
  worstHealthzMs: number;
  /** Slowest refusal: the issue's two documents and every "next one up". */
  refusalsMaxMs: number;
  /** Every catalogue document accepted, the issue's refusals and every "next one up" refused. */
  behaviourOk: boolean;
  loadAverage: { start: number[]; end: number[] };
  cpus: number;
  reps: number;
  /** What the server ran: the compiled JavaScript of `npm start`, or the TypeScript loader. */
  server: "dist" | "ts-loader";
}

/** The issue's target for any accepted document at 100,000 contracts (issue 16). */
export const ACCEPTED_TARGET_MS = 2_000;

/**
 * `npm run bench:limits` in one call (also its smoke test): database, server as the other benches
 * start it (compiled, as `npm start` runs it, unless the caller is the smoke test), then each document of the catalogue at the largest size its estimated cost allows,
 * the next size up, and the issue's refusals.
 */
export async function runLimits(options: LimitsOptions): Promise<LimitsResult> {
  const log = options.log ?? (() => {});
  const reps = Math.max(1, options.reps);
  const loadStart = os.loadavg();
  const today = todayInParis();
  const bench = await prepareBenchDatabase({
    ...options,
    today,
    role: "INTEGRATOR",
    roles: ["FINANCE"],
    reuse: true,
    log,
  });
  try {
    const limits = loadConfig(process.env).graphqlLimits;
    const book = await bookStatistics(bench.url);
    const largest = await bench.db.all<{ customerId: number; n: number }>(
      "SELECT customerId, COUNT(*) AS n FROM contract GROUP BY customerId ORDER BY n DESC, customerId LIMIT 1",
    );
    const ids = await bench.db.all<{ id: number }>("SELECT id FROM contract ORDER BY id");
    const step = Math.max(1, Math.floor(ids.length / limits.maxAliases));
    const context: LimitsContext = {
      today,
      largestCustomerId: String(largest[0]?.customerId ?? 1),
      contractIds: ids.filter((_, i) => i % step === 0).map((r) => String(r.id)),
      maxAliases: limits.maxAliases,
    };
    const schema = await buildApiSchema();
    const protections = graphqlLimits(limits, false);
    const estimate = (source: { query: string; variables: Record<string, unknown> }) => {
      const document = parse(source.query, { ...protections.parseOptions, maxTokens: undefined });
      const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
      const { cost, overused } = estimateOperation(schema, document, operation, source.variables, {
        assumedListSize: limits.assumedListSize,
        stopAbove: Number.POSITIVE_INFINITY,
        book,
        fields: FIELD_COSTS,
      });
      return overused ? Number.POSITIVE_INFINITY : cost;
    };
    const passesOtherLimits = (query: string) => {
      try {
        return validate(schema, parse(query, protections.parseOptions), protections.validationRules).length === 0;
      } catch {
        return false;
      }
    };

    if (options.compiled) {
      log("Building the server (npm run build:server)");
      buildServer();
    }
    log("Starting the server");
    const server = await startServerProcess(bench.url, { nodeArgs: startScriptNodeFlags(), compiled: options.compiled });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const tokenOf = (role: Role) => (role === "INTEGRATOR" ? bench.token : (bench.tokens[role] as string));
    const documents: LimitsDocumentResult[] = [];
    const refusals: LimitsRefusalResult[] = [];
    try {
      for (const spec of LIMITS_DOCUMENTS) {
        const max = spec.max(context);
        // The largest n whose estimate is within the limit (the estimate grows with n).
        let low = spec.min - 1;
        let high = max;
        while (low < high) {
          const mid = Math.ceil((low + high) / 2);
          const source = spec.build(mid, context);
          if (estimate(source) <= limits.maxCost && passesOtherLimits(source.query)) low = mid;
          else high = mid - 1;
        }
        if (low < spec.min) {
          log(`${spec.name}: even ${spec.knob} = ${spec.min} is over the limits, skipped`);
          continue;
        }
        const source = spec.build(low, context);
        const cost = estimate(source);
        const token = tokenOf(spec.role);
        const runs: number[] = [];
        const cpu: number[] = [];
        let healthzMaxMs = 0;
        let error: string | null = null;
        let bytes = 0;
        for (let rep = 0; rep < reps; rep++) {
          const health = watchHealth(server.url);
          const cpuBefore = server.cpuMs();
          const started = performance.now();
          const answer = await postRaw(agent, server.url, token, source.query, source.variables);
          runs.push(performance.now() - started);
          cpu.push(server.cpuMs() - cpuBefore);
          healthzMaxMs = Math.max(healthzMaxMs, await health.stop());
          bytes = answer.body.length;
          error ??= firstError(answer.status, answer.body);
        }
        let above: LimitsDocumentResult["above"] = null;
        if (low < max) {
          const next = spec.build(low + 1, context);
          const times: number[] = [];
          let refusal: string | null = null;
          for (let rep = 0; rep < reps; rep++) {
            const started = performance.now();
            const answer = await postRaw(agent, server.url, token, next.query, next.variables);
            times.push(performance.now() - started);
            refusal = refusalMessage(answer.status, answer.body);
          }
          above = { n: low + 1, cost: estimate(next), refused: refusal !== null, ms: median(times), message: refusal };
        }
        const result: LimitsDocumentResult = {
          name: spec.name,
          role: spec.role,
          knob: spec.knob,
          n: low,
          max,
          cost,
          accepted: error === null,
          error,
          ms: median(runs),
          runsMs: runs.map(round),
          serverCpuMs: median(cpu),
          healthzMaxMs: round(healthzMaxMs),
          responseKb: Math.round(bytes / 1024),
          above,
          load1: round(os.loadavg()[0] as number),
        };
        documents.push(result);
        log(
          `  ${spec.name} (${spec.knob} = ${low}): cost ${cost}, ${result.accepted ? "accepted" : `NOT ACCEPTED (${error})`}, ` +
            `${fmt(result.ms)} ms [${result.runsMs.join(", ")}], server CPU ${result.serverCpuMs} ms, /healthz max ${fmt(healthzMaxMs)} ms` +
            (above
              ? `; ${spec.knob} = ${above.n} (cost ${above.cost}) ${above.refused ? "refused" : "NOT REFUSED"} in ${fmt(above.ms)} ms`
              : "") +
            `; load ${result.load1}`,
        );
      }
      for (const spec of LIMITS_REFUSALS) {
        const source = spec.build(context);
        const times: number[] = [];
        let message: string | null = null;
        let refused = true;
        for (let rep = 0; rep < reps; rep++) {
          const started = performance.now();
          const answer = await postRaw(agent, server.url, tokenOf(spec.role), source.query, source.variables);
          times.push(performance.now() - started);
          message = refusalMessage(answer.status, answer.body);
          refused &&= message !== null;
        }
        refusals.push({ name: spec.name, refused, ms: median(times), message });
        log(`  ${spec.name}: ${refused ? "refused" : "NOT REFUSED"} in ${fmt(median(times))} ms (${message})`);
      }
    } finally {
      agent.destroy();
      await server.close();
    }
    const accepted = documents.filter((d) => d.accepted);
    const worst = accepted.reduce<LimitsDocumentResult | null>((w, d) => (w && w.ms >= d.ms ? w : d), null);
    const refusalTimes = [...refusals.map((r) => r.ms), ...documents.flatMap((d) => (d.above ? [d.above.ms] : []))];
    return {
      contracts: bench.dataset.contracts,
      database: bench.target.kind,
      limits,
      book,
      documents,
      refusals,
      worstAcceptedMs: worst ? round(worst.ms) : 0,
      worstDocument: worst?.name ?? "",
      worstHealthzMs: Math.max(0, ...documents.map((d) => d.healthzMaxMs)),
      refusalsMaxMs: round(Math.max(0, ...refusalTimes)),
      behaviourOk:
        documents.length === LIMITS_DOCUMENTS.length &&
        documents.every((d) => d.accepted && (d.above === null || d.above.refused)) &&
        refusals.every((r) => r.refused),
      loadAverage: { start: loadStart.map(round), end: os.loadavg().map(round) },
      cpus: os.cpus().length,
      reps,
      server: options.compiled ? "dist" : "ts-loader",
    };
  } finally {
    await bench.close();
  }
}

/** The book's figures exactly as the server reads them for its estimates (BookStatisticsService). */
async function bookStatistics(url: string): Promise<BookStatistics> {
  const app = await openApp(loadConfig({ ...process.env, NODE_ENV: "production", DATABASE_URL: url, SEED_SAMPLE_DATA: "false" }));
  try {
    return await app.services.bookStatistics.current();
  } finally {
    await app.database.close();
  }
}

/**
 * Polls `/healthz` (one request at a time, on its own connection) until stopped; `stop` waits
 * for the request in flight and answers the slowest latency seen.
 */
function watchHealth(url: string): { stop(): Promise<number> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        http
          .get(`${url}/healthz`, { agent }, (response) => {
            response.resume();
            response.on("end", () => resolve());
            response.on("error", () => resolve());
          })
          .on("error", () => resolve());
      });
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return slowest;
    },
  };
}

function parseBody(body: Buffer): { errors?: { message?: string; extensions?: { code?: string } }[] } | null {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

/** Null when the answer is a 200 without errors, else what went wrong. */
function firstError(status: number, body: Buffer): string | null {
  const parsed = parseBody(body);
  const first = parsed?.errors?.[0];
  if (status === 200 && parsed && !first) return null;
  return `${status} ${first?.extensions?.code ?? ""} ${first?.message ?? body.subarray(0, 200).toString()}`.trim();
}

/**
 * The refusal's message when the answer is a limit's refusal before any work (HTTP 400:
 * GRAPHQL_VALIDATION_FAILED, or GRAPHQL_PARSE_FAILED for GRAPHQL_MAX_TOKENS), else null.
 */
function refusalMessage(status: number, body: Buffer): string | null {
  const first = parseBody(body)?.errors?.[0];
  const code = first?.extensions?.code;
  if (status !== 400 || (code !== "GRAPHQL_VALIDATION_FAILED" && code !== "GRAPHQL_PARSE_FAILED")) return null;
  return first?.message ?? "";
}

const round = (value: number) => Math.round(value * 100) / 100;
const fmt = (value: number) => value.toFixed(0);

/** The readable table of `npm run bench:limits`. */
export function formatLimitsTable(result: LimitsResult): string {
  const lines = [
    `${result.contracts} contracts on ${result.database}, GRAPHQL_MAX_COST ${result.limits.maxCost}, GRAPHQL_MAX_ALIASES ${result.limits.maxAliases}, ${result.cpus} CPUs, server ${result.server === "dist" ? "compiled (dist/, as npm start)" : "under the TypeScript loader"}, load ${result.loadAverage.start.join(" ")} → ${result.loadAverage.end.join(" ")}`,
    "",
    "| document | sent as | est. cost | answer | ms (median) | server CPU ms | /healthz max ms | next one up: cost, answer, ms | load |",
    "|---|---|--:|---|--:|--:|--:|---|--:|",
  ];
  for (const d of result.documents) {
    const above = d.above
      ? `${d.knob} = ${d.above.n}: ${d.above.cost === Number.POSITIVE_INFINITY ? "∞" : d.above.cost}, ${d.above.refused ? "refused" : "**not refused**"}, ${fmt(d.above.ms)}`
      : `— (${d.knob} at its top)`;
    lines.push(
      `| ${d.name} | ${d.role}, ${d.knob} = ${d.n} | ${d.cost} | ${d.accepted ? `accepted, ${d.responseKb} KB` : `**${d.error}**`} | ${fmt(d.ms)} | ${d.serverCpuMs} | ${fmt(d.healthzMaxMs)} | ${above} | ${d.load1} |`,
    );
  }
  for (const r of result.refusals) {
    lines.push(`| ${r.name} | INTEGRATOR | — | ${r.refused ? "refused" : "**not refused**"} | ${fmt(r.ms)} | | | | |`);
  }
  return lines.join("\n");
}
