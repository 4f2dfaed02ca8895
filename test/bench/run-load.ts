import autocannon from "autocannon";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { SERVICE_FAMILIES } from "../../server/src/domain/catalogue.js";
import { prepareBenchDatabase } from "./bench-database.js";
import { seededRandom } from "./options.js";
import { previewInputs } from "./previews.js";
import { fetchSchedule, type ScheduleWindow } from "./schedule-client.js";
import { buildServer, startScriptNodeFlags, startServerProcess } from "./server-child.js";

export interface LoadOptions {
  contracts: number;
  customers: number;
  /** Seconds the mixed workload runs. */
  duration: number;
  /** Connections in all, shared out between the operations. */
  connections: number;
  databaseUrl?: string;
  /** Directory for a CPU profile of the server process (node --cpu-prof), if wanted. */
  cpuProfileDir?: string;
  log?: (line: string) => void;
}

export interface OperationResult {
  operation: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, connection errors and timeouts, and 200 answers carrying GraphQL errors. */
  errors: number;
  firstError: string | null;
}

export interface LoadResult {
  contracts: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  operations: OperationResult[];
  /** The small reads while one client pulls the whole schedule (`runMixed`). */
  mixed: MixedResult;
  /** Their p99: the slowest operation's. */
  mixedP99Ms: number;
}

/** Small reads measured while a whole-schedule pull runs (`runMixed`). */
export interface MixedResult {
  window: ScheduleWindow;
  /** Whole-schedule pulls completed (or begun) during the run. */
  pulls: number;
  pullPageSize: number;
  p99Ms: number;
  operations: OperationResult[];
}

interface Operation {
  name: string;
  /** Share of the connections. */
  weight: number;
  query: string;
  variables: (random: () => number) => Record<string, unknown>;
}

const OFFERS = "query Offers { offers { code family name initialTermMonths renewalTermMonths noticeMonths noticeDays } }";
const PREVIEW = `query Preview($input: CommitmentInput!) { commitmentPreview(input: $input) {
  periodIndex inInitialTerm currentPeriodStart currentPeriodEnd initialTermEnd noticeDeadline nextNoticeDeadline
  earliestEndDate nextRenewalDate remainingCycles earlyTerminationFeeCents } }`;
const CONTRACT = `query Contract($id: ID!) { contract(id: $id) { id status startDate monthlyAmountCents
  customer { id name category } offer { code family }
  commitment { periodIndex currentPeriodEnd noticeDeadline nextNoticeDeadline earliestEndDate remainingCycles earlyTerminationFeeCents } } }`;
const SCHEDULE = `query Schedule($from: LocalDate!, $to: LocalDate!, $customerId: ID, $families: [ServiceFamily!]) {
  renewalSchedule(from: $from, to: $to, customerId: $customerId, families: $families, first: 50) {
    totalCount events { contractId customerName offerCode periodEnd noticeDeadline nextPeriodStart monthlyAmountCents
    reminderRequired reminderWindowStart reminderSentOn contractStatus } endCursor hasNextPage } }`;
const CUSTOMERS = "query Customers($search: String) { customers(first: 20, search: $search) { id name category } }";

/** The small reads of the mixed case: what sales do in the pane while finance pulls the book. */
const SMALL_READS = new Set(["offers", "commitmentPreview", "contract + commitment"]);

function operations(today: string, contractIds: [number, number], customerIds: [number, number]): Operation[] {
  const between = (random: () => number, [low, high]: [number, number]) => low + Math.floor(random() * (high - low + 1));
  const previews = previewInputs(2_000, today, 7);
  let next = 0;
  return [
    { name: "offers", weight: 1, query: OFFERS, variables: () => ({}) },
    {
      name: "commitmentPreview",
      weight: 3,
      query: PREVIEW,
      variables: () => ({ input: previews[next++ % previews.length] }),
    },
    {
      name: "contract + commitment",
      weight: 3,
      query: CONTRACT,
      variables: (random) => ({ id: String(between(random, contractIds)) }),
    },
    {
      name: "renewalSchedule (first: 50)",
      weight: 1,
      query: SCHEDULE,
      variables: (random) => {
        const from = addDays(today, Math.floor(random() * 365));
        const to = addDays(addMonths(from, 1 + Math.floor(random() * 3)), -1);
        const r = random();
        if (r < 1 / 3) return { from, to, customerId: String(between(random, customerIds)) };
        if (r < 2 / 3) return { from, to, families: [SERVICE_FAMILIES[Math.floor(random() * SERVICE_FAMILIES.length)]] };
        return { from, to };
      },
    },
    {
      name: "customers (search)",
      weight: 2,
      query: CUSTOMERS,
      variables: (random) => ({ search: random() < 0.5 ? `customer ${between(random, [1, 300])}` : "MICRO" }),
    },
  ];
}

/** Connections per operation, by weight, at least one each. */
function shareConnections(total: number, ops: Operation[]): number[] {
  const weights = ops.reduce((sum, op) => sum + op.weight, 0);
  return ops.map((op) => Math.max(1, Math.round((total * op.weight) / weights)));
}

/**
 * A mixed read workload on the real server (a child process on loopback, over a generated
 * dataset): every operation runs at once for `duration` seconds, each with its own autocannon
 * instance and share of the connections, so each gets its own throughput and latency. Every
 * answer is checked: a non-2xx status or a GraphQL `errors` entry counts as an error.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const today = todayInParis();
  const bench = await prepareBenchDatabase({ ...options, today, role: "FINANCE", log });
  try {
    const [ids] = await bench.db.all<{ c0: number; c1: number; u0: number; u1: number }>(
      "SELECT (SELECT MIN(id) FROM contract) AS c0, (SELECT MAX(id) FROM contract) AS c1, " +
        "(SELECT MIN(id) FROM customer) AS u0, (SELECT MAX(id) FROM customer) AS u1",
    );
    const ops = operations(today, [Number(ids?.c0), Number(ids?.c1)], [Number(ids?.u0), Number(ids?.u1)]);
    const shares = shareConnections(options.connections, ops);
    log("Building the server (npm run build:server)");
    buildServer();
    log("Starting the server");
    const nodeArgs = [
      ...startScriptNodeFlags(),
      ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ];
    const server = await startServerProcess(bench.url, { nodeArgs, compiled: true });
    try {
      log(
        `Running ${ops.length} operations at once for ${options.duration} s on ${shares.reduce((a, b) => a + b, 0)} connections`,
      );
      const runs = ops.map((op, i) => runOperation(server.url, bench.token, op, shares[i] as number, options.duration));
      const operationResults = await Promise.all(runs);
      const requests = operationResults.reduce((sum, r) => sum + r.requests, 0);
      const durationSeconds = options.duration;
      const window = { from: today, to: addDays(addMonths(today, 12), -1) };
      log(`Small reads while one client pulls the whole schedule ${window.from} .. ${window.to}, ${options.duration} s`);
      const mixed = await runMixed(server.url, bench.token, today, [Number(ids?.c0), Number(ids?.c1)], {
        window,
        duration: options.duration,
        connections: options.connections,
      });
      return {
        contracts: bench.dataset.contracts,
        durationSeconds,
        requests,
        requestsPerSecond: Math.round(requests / durationSeconds),
        p99Ms: Math.max(...operationResults.map((r) => r.p99Ms)),
        errors: [...operationResults, ...mixed.operations].reduce((sum, r) => sum + r.errors, 0),
        operations: operationResults,
        mixed,
        mixedP99Ms: mixed.p99Ms,
      };
    } finally {
      await server.close();
    }
  } finally {
    await bench.close();
  }
}

/**
 * The mixed case: one client pulls the whole schedule of `window` (pages of 5000, every field, the
 * way finance's export does) again and again, while `offers`, `contract(id)` and
 * `commitmentPreview` run at once on `connections` connections for `duration` seconds. A large
 * page or the index of a large window must not hold these small reads up.
 */
export async function runMixed(
  url: string,
  token: string,
  today: string,
  contractIds: [number, number],
  options: { window: ScheduleWindow; duration: number; connections: number; pageSize?: number },
): Promise<MixedResult> {
  const pageSize = options.pageSize ?? 5000;
  const small = operations(today, contractIds, [1, 1]).filter((op) => SMALL_READS.has(op.name));
  const shares = shareConnections(options.connections, small);
  let pulling = true;
  let pulls = 0;
  const puller = (async () => {
    while (pulling) {
      pulls += 1;
      await fetchSchedule(url, token, options.window, pageSize);
    }
  })();
  // Let the first pull reach its first page (the index of the whole window) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 50));
  try {
    const results = await Promise.all(small.map((op, i) => runOperation(url, token, op, shares[i] as number, options.duration)));
    return {
      window: options.window,
      pulls,
      pullPageSize: pageSize,
      p99Ms: Math.max(...results.map((r) => r.p99Ms)),
      operations: results,
    };
  } finally {
    pulling = false;
    await puller;
  }
}

async function runOperation(
  url: string,
  token: string,
  op: Operation,
  connections: number,
  duration: number,
): Promise<OperationResult> {
  const random = seededRandom(op.name.length * 7919);
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const result = await autocannon({
    url,
    title: op.name,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: op.query, variables: op.variables(random) }) }),
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('"errors":')) return;
          if (status === 200) graphqlErrors += 1;
          firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const requests = result.requests.total;
  return {
    operation: op.name,
    connections,
    requests,
    requestsPerSecond: Math.round(requests / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + graphqlErrors,
    firstError,
  };
}

/** The readable table of `npm run load`: the mix, then the small reads during a whole-schedule pull. */
export function formatLoadTable(result: LoadResult): string {
  return [
    formatOperations(result.operations, result.requests, result.requestsPerSecond, result.p99Ms, result.errors),
    "",
    `Small reads while one client pulls the whole schedule (${result.mixed.window.from} .. ${result.mixed.window.to}, ` +
      `pages of ${result.mixed.pullPageSize}, ${result.mixed.pulls} pulls):`,
    formatMixedTable(result.mixed),
  ].join("\n");
}

/** The small reads of the mixed case, and their p99 (target < 50 ms). */
export function formatMixedTable(mixed: MixedResult): string {
  const requests = mixed.operations.reduce((sum, r) => sum + r.requests, 0);
  const perSecond = mixed.operations.reduce((sum, r) => sum + r.requestsPerSecond, 0);
  const errors = mixed.operations.reduce((sum, r) => sum + r.errors, 0);
  return formatOperations(mixed.operations, requests, perSecond, mixed.p99Ms, errors);
}

function formatOperations(
  operations: OperationResult[],
  requests: number,
  requestsPerSecond: number,
  p99Ms: number,
  errors: number,
): string {
  const result = { operations, requests, requestsPerSecond, p99Ms, errors };
  const header = ["operation", "conns", "requests", "req/s", "p50 ms", "p99 ms", "errors"];
  const rows = result.operations.map((r) => [
    r.operation,
    String(r.connections),
    String(r.requests),
    String(r.requestsPerSecond),
    String(r.p50Ms),
    String(r.p99Ms),
    String(r.errors),
  ]);
  rows.push([
    "all (mixed)",
    String(result.operations.reduce((sum, r) => sum + r.connections, 0)),
    String(result.requests),
    String(result.requestsPerSecond),
    "",
    String(result.p99Ms),
    String(result.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
