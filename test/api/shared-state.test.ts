import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseRateLimitStore } from "../../server/src/http/rate-limit-stores.js";
import { insertContract, insertCustomer } from "../support/contract-fixtures.js";
import { redisAvailability } from "../support/redis-availability.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * What several server processes on one database share (issue 17): the renewal schedule's snapshots
 * notice a change made through another process, and the per-token rate limit holds across processes
 * (through the database on MySQL, through Redis when REDIS_URL is set; per process on SQLite without
 * Redis). Two servers in one test process, each with its own database connection, stand for two
 * processes: they share nothing but the database (and Redis).
 */

/** Two servers on one database: `b` shares `a`'s database and leaves dropping it to `a`. */
async function twoServers(env: Record<string, string> = {}, seed = false): Promise<[TestServer, TestServer]> {
  const a = await startTestServer({ seed, env });
  const b = await startTestServer({ seed, env, db: { ...a.db, drop: async () => undefined } });
  return [a, b];
}

/** The rate limit counts per wall-clock minute: start a short sequence well inside one. */
async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoMinute));
}

const SCHEDULE = `query($after: String) { renewalSchedule(from: "2024-01-01", to: "2029-12-31", first: 3, after: $after) {
  endCursor hasNextPage events { contractId periodIndex periodEnd contractStatus } } }`;
const NOTICE = `mutation($input: RecordTerminationNoticeInput!) { recordTerminationNotice(input: $input) { id status endDate } }`;

describe(`shared state across server processes (${process.env.TEST_DB})`, () => {
  describe("renewal schedule snapshots", () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      // The seeded catalogue (and its sample contracts, which only add events).
      [a, b] = await twoServers({}, true);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it("a termination notice recorded through one process changes the next pages another process serves", async () => {
      const manager = a.app.database.manager;
      const customer = await insertCustomer(manager, { name: "Deux serveurs" });
      // Periods end every 14 January; the others end later in each year, so X's later years come on later pages.
      const x = await insertContract(manager, {
        customerId: customer.id,
        startDate: "2020-01-15",
        initialTermMonths: 12,
        renewalTermMonths: 12,
        noticeMonths: 1,
      });
      for (const startDate of ["2020-03-01", "2020-05-01", "2020-07-01"]) {
        await insertContract(manager, {
          customerId: customer.id,
          startDate,
          initialTermMonths: 12,
          renewalTermMonths: 12,
          noticeMonths: 1,
        });
      }
      const [reader, admin] = [await a.createToken("FINANCE"), await b.createToken("ADMIN")];

      const first = await a.gql(reader, SCHEDULE, { after: null });
      expect(first.data?.renewalSchedule.hasNextPage).toBe(true);
      // Through the other process: X ends with its period ending 2025-01-14.
      const notice = await b.gql(admin, NOTICE, { input: { contractId: String(x.id), receivedOn: "2024-06-01" } });
      expect(notice.data?.recordTerminationNotice.endDate).toBe("2025-01-14");

      const rest = async (server: TestServer) => {
        const events: { contractId: string; periodEnd: string; contractStatus: string }[] = [];
        let after: string | null = first.data?.renewalSchedule.endCursor;
        for (;;) {
          const page = (await server.gql(reader, SCHEDULE, { after })).data?.renewalSchedule;
          events.push(...page.events);
          if (!page.hasNextPage) return events;
          after = page.endCursor;
        }
      };
      const fromA = await rest(a);
      const ofX = fromA.filter((e) => e.contractId === String(x.id));
      // Without the change counter, A would serve its snapshot: X renewing every year up to 2029.
      expect(ofX.map((e) => e.periodEnd)).toEqual(["2025-01-14"]);
      expect(fromA).toEqual(await rest(b));
    });
  });

  describe("rate limit", () => {
    const onMysql = process.env.TEST_DB === "mariadb";
    // Each database project defines the case that applies to it (no skipped tests in CI).
    const itOnMysql = onMysql ? it : () => undefined;
    const itOnSqlite = onMysql ? () => undefined : it;

    itOnMysql("holds across processes through the MySQL database", async () => {
      const [a, b] = await twoServers({ RATE_LIMIT_PER_MINUTE: "4" });
      try {
        const token = await a.createToken("INTEGRATOR");
        await awayFromMinuteEnd();
        for (const server of [a, b, a, b]) expect((await server.gql(token, "{ me { role } }")).status).toBe(200);
        for (const server of [a, b]) {
          const limited = await server.gql(token, "{ me { role } }");
          expect(limited.status).toBe(429);
          expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
        }
      } finally {
        await b.close();
        await a.close();
      }
    });

    itOnMysql("sums every process's own counter rows per window, and clears old windows whoever wrote them", async () => {
      const [a, b] = await twoServers();
      try {
        const [storeA, storeB] = [new DatabaseRateLimitStore(a.app.database), new DatabaseRateLimitStore(b.app.database)];
        expect(await storeA.hit(7, 1_000)).toBe(1);
        expect(await storeB.hit(7, 1_000)).toBe(2);
        expect(await storeB.hit(8, 1_000)).toBe(1);
        expect(await storeA.hit(7, 1_001)).toBe(1);
        const rows = () =>
          a.app.database.manager.query("SELECT tokenId, windowMinute, writer, hits FROM rate_limit_counter ORDER BY 1, 2, 3");
        expect(await rows()).toHaveLength(4);
        // Moving on two windows: what neither process will write again goes, B's rows too.
        expect(await storeA.hit(7, 1_003)).toBe(1);
        expect((await rows()).map((r: { windowMinute: number }) => Number(r.windowMinute))).toEqual([1_003]);
      } finally {
        await b.close();
        await a.close();
      }
    });

    itOnSqlite("counts per process on SQLite without Redis (the embedded default)", async () => {
      const [a, b] = await twoServers({ RATE_LIMIT_PER_MINUTE: "2" });
      try {
        const token = await a.createToken("INTEGRATOR");
        await awayFromMinuteEnd();
        for (const server of [a, a, b, b]) expect((await server.gql(token, "{ me { role } }")).status).toBe(200);
        expect((await a.gql(token, "{ me { role } }")).status).toBe(429);
      } finally {
        await b.close();
        await a.close();
      }
    });

    it("holds across processes through Redis when REDIS_URL is set", async () => {
      const redis = await redisAvailability();
      if (redis.reason) throw new Error(`${redis.reason} (Redis is required under CI=true)`);
      if (!redis.use) return;
      const [a, b] = await twoServers({ RATE_LIMIT_PER_MINUTE: "4", REDIS_URL: redis.url });
      try {
        const token = await a.createToken("INTEGRATOR");
        await awayFromMinuteEnd();
        for (const server of [a, b, b, a]) expect((await server.gql(token, "{ me { role } }")).status).toBe(200);
        for (const server of [b, a]) expect((await server.gql(token, "{ me { role } }")).status).toBe(429);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
});
