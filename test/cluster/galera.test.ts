import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../server/src/migrations/index.js";
import { type GaleraCluster, startGaleraCluster } from "../support/galera-cluster.js";
import { BIC, IBAN } from "../support/sales.js";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";
import { runWriteLoad, type WriteLoadReport } from "./write-load.js";

/**
 * The proof of issue 17: three server processes, each preferring a different node of a real
 * three-node MariaDB Galera cluster on this machine (test/support/galera-cluster.ts), sharing one
 * database. Run with `npm run test:cluster` (CI runs it after the main suite).
 */

const DATABASE = "contracts";
const ARTIFACT = path.resolve(import.meta.dirname, "../../test-artifacts/cluster-proof.json");

type Answer = {
  status: number;
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
};

async function gql(
  server: ServerProcess,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as Omit<Answer, "status">;
  return { status: response.status, ...body };
}

function ok(answer: Answer): Record<string, any> {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data as Record<string, any>;
}

/** Transactions the servers tried again so far, by reason (their log says each one). */
function retriesLogged(servers: ServerProcess[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const server of servers) {
    for (const match of server.output().matchAll(/"message":"Transaction tried again","reason":"([^"]+)"/g)) {
      counts[match[1] as string] = (counts[match[1] as string] ?? 0) + 1;
    }
  }
  return counts;
}

const LINES = [
  { offerCode: "IP-ACCESS-CELLULAR", quantity: 1, monthlyUnitPriceCents: 3500, setupFeeCents: 5000 },
  { offerCode: "MOBILE-FLEET", quantity: 4, monthlyUnitPriceCents: 1500, setupFeeCents: 0 },
  { offerCode: "IP-ACCESS-WIRED", quantity: 1, monthlyUnitPriceCents: 6900, setupFeeCents: 15000 },
];
const SIGN = "mutation($input: SignQuoteInput!) { signQuote(input: $input) { id status contracts { id } } }";

describe("three servers on a three-node Galera cluster", () => {
  let cluster: GaleraCluster;
  let servers: ServerProcess[] = [];
  let started: PromiseSettledResult<ServerProcess>[] = [];
  let token: string;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    cluster = await startGaleraCluster();
    await cluster.createDatabase(DATABASE);
    // The same moment, the same empty database, each server on its own node first.
    started = await Promise.allSettled(
      cluster.nodes.map((node) =>
        startServerProcess(cluster.urlPreferring(DATABASE, node.index), {
          // A host that failed is tried again soon, so the restarted node gets its server back during the test.
          DATABASE_HOST_RETRY_MS: "2000",
          // Above the time the cluster takes to evict a killed node (commits wait meanwhile), with room
          // for a loaded machine (docs/operations.md "Running on several machines").
          DATABASE_QUERY_TIMEOUT_MS: "8000",
        }),
      ),
    );
    servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster?.destroy();
    fs.mkdirSync(path.dirname(ARTIFACT), { recursive: true });
    fs.writeFileSync(ARTIFACT, `${JSON.stringify(figures, null, 2)}\n`);
  }, 120_000);

  it("starts three servers at once on an empty database: one migrates and seeds, every one serves", async () => {
    for (const result of started) expect(result.status, String((result as PromiseRejectedResult).reason)).toBe("fulfilled");
    const printed = servers.filter((server) => /ctp_/.test(server.output()));
    expect(printed).toHaveLength(1);
    token = await (printed[0] as ServerProcess).firstAdminToken();
    for (const server of servers) expect(ok(await gql(server, token, "{ me { role } }")).me.role).toBe("ADMIN");

    for (const node of cluster.nodes) {
      expect(await node.query("SELECT name FROM migrations", [], DATABASE)).toHaveLength(MIGRATIONS.length);
      expect(await node.query("SELECT id FROM offer", [], DATABASE)).toHaveLength(6);
      expect(await node.query("SELECT id FROM terms_version", [], DATABASE)).toHaveLength(1);
      expect(await node.query("SELECT id FROM migration_lock", [], DATABASE)).toHaveLength(0);
    }
    // Galera replicates InnoDB tables only, and needs a primary key on every table.
    const [node1] = cluster.nodes;
    const tables = await node1!.query<{ name: string; engine: string; keys: number }>(
      `SELECT t.TABLE_NAME AS name, t.ENGINE AS engine,
              (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS c
                WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS \`keys\`
         FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = ?`,
      [DATABASE],
    );
    expect(tables.length).toBeGreaterThan(15);
    expect(tables.filter((t) => t.engine !== "InnoDB" || Number(t.keys) !== 1)).toEqual([]);
  });

  it("signs each quote exactly once under 100 concurrent calls spread over the three servers", async () => {
    const [a] = servers as [ServerProcess];
    const customerId = ok(
      await gql(a, token, "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }", {
        input: { name: "Grappe SA", category: "OTHER", siren: "732829320" },
      }),
    ).createCustomer.id;
    ok(
      await gql(a, token, "mutation($input: SepaMandateInput!) { registerSepaMandate(input: $input) { id } }", {
        input: { customerId, iban: IBAN, bic: BIC, reference: "RUM-GALERA-1", signedOn: "2025-01-15", scheme: "CORE" },
      }),
    );
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < 5; round++) {
      const quoteId = ok(
        await gql(
          servers[round % 3] as ServerProcess,
          token,
          "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }",
          {
            input: { customerId, lines: LINES },
          },
        ),
      ).createQuote.id;
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          gql(servers[i % 3] as ServerProcess, token, SIGN, {
            input: { quoteId, signerName: "Claire Roux", idempotencyKey: `round-${round}-key-${i % 2}` },
          }).then((answer) => ({ key: i % 2, answer })),
        ),
      );
      const outcome = (answer: Answer) =>
        answer.errors ? (answer.errors[0]?.extensions?.code ?? "?") : answer.data?.signQuote.status;
      const tally: Record<string, number> = {};
      for (const { answer } of answers) tally[outcome(answer)] = (tally[outcome(answer)] ?? 0) + 1;
      rounds.push(tally);
      // One key won: its 50 calls all answer the signed quote; the other key's 50 calls are CONFLICT.
      const winner = answers.find(({ answer }) => outcome(answer) === "SIGNED")?.key;
      expect(winner, JSON.stringify(tally)).toBeDefined();
      for (const { key, answer } of answers) {
        expect(outcome(answer), JSON.stringify(answer.errors)).toBe(key === winner ? "SIGNED" : "CONFLICT");
        if (key === winner) expect(answer.data?.signQuote.contracts).toHaveLength(LINES.length);
      }
      for (const node of cluster.nodes) {
        const contracts = await node.query("SELECT id FROM contract WHERE quoteId = ?", [Number(quoteId)], DATABASE);
        expect(contracts).toHaveLength(LINES.length);
        const [quote] = await node.query<{ status: string }>(
          "SELECT status FROM quote WHERE id = ?",
          [Number(quoteId)],
          DATABASE,
        );
        expect(quote?.status).toBe("SIGNED");
      }
    }
    figures.signing = { rounds: rounds.length, callsPerRound: 100, outcomes: rounds, retries: retriesLogged(servers) };
    console.log(`[cluster proof] signing: ${JSON.stringify(figures.signing)}`);
  }, 180_000);

  it("creates one customer, one mandate and one quote for 60 concurrent calls with one key spread over the three servers", async () => {
    const once = async (field: string, inputType: string, input: Record<string, unknown>) => {
      const query = `mutation($input: ${inputType}!) { ${field}(input: $input) { id } }`;
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => gql(servers[i % 3] as ServerProcess, token, query, { input })),
      );
      const ids = answers.map((answer) => answer.data?.[field]?.id ?? JSON.stringify(answer.errors));
      // Every call answered with the one object created: no duplicate-key error, no 500.
      expect(new Set(ids).size, ids.slice(0, 5).join(", ")).toBe(1);
      return Number(ids[0]);
    };
    const name = "Grappe Une Clé SA";
    const customerId = await once("createCustomer", "CustomerInput", {
      name,
      category: "OTHER",
      idempotencyKey: "galera-customer",
    });
    const mandate = { customerId, iban: IBAN, bic: BIC, reference: "RUM-GALERA-KEY", signedOn: "2025-01-15", scheme: "CORE" };
    await once("registerSepaMandate", "SepaMandateInput", { ...mandate, idempotencyKey: "galera-mandate" });
    await once("createQuote", "QuoteInput", { customerId, lines: LINES, idempotencyKey: "galera-quote" });
    for (const node of cluster.nodes) {
      expect(await node.query("SELECT id FROM customer WHERE name = ?", [name], DATABASE)).toHaveLength(1);
      expect(await node.query("SELECT id FROM sepa_mandate WHERE customerId = ?", [customerId], DATABASE)).toHaveLength(1);
      expect(await node.query("SELECT id FROM quote WHERE customerId = ?", [customerId], DATABASE)).toHaveLength(1);
    }
    figures.keyedCreation = { callsPerKey: 60, retriesSinceStart: retriesLogged(servers) };
    console.log(`[cluster proof] keyed creation: ${JSON.stringify(figures.keyedCreation)}`);
  }, 180_000);

  it("keeps every acknowledged write on every node while a node is killed (kill -9) and restarted", async () => {
    const report: WriteLoadReport = await runWriteLoad({
      servers,
      token,
      workersPerServer: 2,
      beforeLossMs: 3_000,
      lossMs: 8_000,
      afterRestartMs: 3_000,
      kill: () => (cluster.nodes[0] as GaleraCluster["nodes"][number]).kill(),
      restart: () => (cluster.nodes[0] as GaleraCluster["nodes"][number]).start(),
    });
    await cluster.waitUntilSynced(3);

    const acknowledged = new Set(report.acknowledged);
    const perNode: { node: number; rows: number; lost: number; duplicates: number }[] = [];
    for (const node of cluster.nodes) {
      const rows = await node.query<{ name: string; copies: number }>(
        "SELECT name, COUNT(*) AS copies FROM customer WHERE name LIKE 'load %' GROUP BY name",
        [],
        DATABASE,
      );
      const stored = new Map(rows.map((r) => [r.name, Number(r.copies)]));
      perNode.push({
        node: node.index,
        rows: [...stored.values()].reduce((a, b) => a + b, 0),
        lost: [...acknowledged].filter((name) => !stored.has(name)).length,
        duplicates: [...stored.values()].filter((copies) => copies > 1).length,
      });
    }
    figures.nodeLoss = { ...report.figures, perNode, retriesSinceStart: retriesLogged(servers) };
    console.log(`[cluster proof] node loss: ${JSON.stringify(figures.nodeLoss)}`);

    expect(report.acknowledged.length).toBeGreaterThan(100);
    for (const node of perNode) {
      expect(node.lost, `acknowledged writes missing on node${node.node}`).toBe(0);
      expect(node.duplicates, `names stored twice on node${node.node}`).toBeLessThanOrEqual(report.figures.maxDuplicates);
      expect(node.rows).toBe((perNode[0] as (typeof perNode)[number]).rows);
    }
    // The servers whose nodes stayed up answered every request; the third one's clients saw only 503s
    // with Retry-After (for the requests in flight when its node died), and it carried on with the others.
    expect(report.figures.byServer[1]?.failed).toBe(0);
    expect(report.figures.byServer[2]?.failed).toBe(0);
    expect(report.figures.unexpected).toEqual([]);
    expect(report.figures.byServer[0]?.acknowledgedAfterLoss).toBeGreaterThan(0);
  }, 240_000);

  it("pages a renewal schedule across the three servers exactly as from one", async () => {
    const SCHEDULE = `query($after: String) { renewalSchedule(from: "2024-01-01", to: "2033-12-31", first: 7, after: $after) {
      totalCount endCursor hasNextPage events { contractId periodIndex periodEnd noticeDeadline contractStatus } } }`;
    const pull = async (pick: (page: number) => ServerProcess) => {
      const events: unknown[] = [];
      let after: string | null = null;
      for (let page = 0; ; page++) {
        const schedule: Record<string, any> = ok(await gql(pick(page), token, SCHEDULE, { after })).renewalSchedule;
        events.push(...schedule.events);
        if (!schedule.hasNextPage) return events;
        after = schedule.endCursor;
      }
    };
    const fromOne = await pull(() => servers[0] as ServerProcess);
    const acrossThree = await pull((page) => servers[page % 3] as ServerProcess);
    expect(fromOne.length).toBeGreaterThan(50);
    expect(acrossThree).toEqual(fromOne);
    figures.schedule = { events: fromOne.length, pages: Math.ceil(fromOne.length / 7) };
  }, 120_000);
});
