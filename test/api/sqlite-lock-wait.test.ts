import { monitorEventLoopDelay } from "node:perf_hooks";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const CREATE = 'mutation { createCustomer(input: { name: "Attente du verrou", category: OTHER }) { id name } }';

/**
 * SQLite only (issue 16): while another connection holds the file's write lock, a write waits for
 * it without stopping the process. better-sqlite3 waits synchronously, so a long busy timeout froze
 * /healthz and every read for as long as the write waited (9 s and 13 s for a 10 s wait).
 */
describe("a write waiting for SQLite's lock (sqlite)", () => {
  /** How long the server waits for the lock before its 503 here: a blocking wait would stop the loop for all of it. */
  const LOCK_WAIT_MS = 4_000;
  let server: TestServer;
  let token: string;
  let blocker: BetterSqlite3.Database;

  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { SQLITE_LOCK_WAIT_MS: String(LOCK_WAIT_MS) } });
    token = await server.createToken("ADMIN");
    if (server.db.target.kind !== "sqlite") throw new Error("expected SQLite");
    // Another connection to the same file, as another process would hold it.
    blocker = new BetterSqlite3(server.db.target.file);
  });
  afterAll(async () => {
    blocker?.close();
    await server?.close();
  });

  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };
  const customers = () => server.app.database.manager.query("SELECT COUNT(*) AS n FROM customer") as Promise<{ n: number }[]>;

  it("keeps /healthz and reads answering while a write waits, then commits the write once the lock is free", async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    blocker.exec("BEGIN IMMEDIATE");
    loop.enable();
    let settled = false;
    const creating = server.gql(token, CREATE).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const health = await timed(() => fetch(`${server.url}/healthz`));
    expect(health.value.status).toBe(200);
    const read = await timed(() => server.gql(token, "{ offers { code } me { role } }"));
    expect(read.value.data?.me).toEqual({ role: "ADMIN" });
    // Both answered while the write was still waiting for the lock: nothing waited behind it.
    expect(settled).toBe(false);

    // Hold the lock a while longer: with a blocking wait, this timer could not even fire before the
    // driver gave up, and the loop would have stood still for the whole wait.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(settled).toBe(false);
    blocker.exec("COMMIT");
    const created = await creating;
    loop.disable();
    expect(created.data?.createCustomer.name).toBe("Attente du verrou");
    // Bounds relative to the wait they replace (a loaded machine alone can stall a process for a
    // second or more): with the driver's blocking wait, each of these was the whole wait.
    expect(health.ms).toBeLessThan(LOCK_WAIT_MS / 2);
    expect(read.ms).toBeLessThan(LOCK_WAIT_MS / 2);
    expect(loop.max / 1e6).toBeLessThan(LOCK_WAIT_MS / 2);
  });

  it("answers 503 with Retry-After when the lock is held past SQLITE_LOCK_WAIT_MS, writes nothing, and serves meanwhile", async () => {
    const before = (await customers())[0]?.n;
    blocker.exec("BEGIN IMMEDIATE");
    try {
      let settled = false;
      const creating = server.gql(token, CREATE).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(settled).toBe(false);
      const refused = await creating;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(refused.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    } finally {
      blocker.exec("ROLLBACK");
    }
    expect((await customers())[0]?.n).toBe(before);
    expect((await server.gql(token, CREATE)).data?.createCustomer.name).toBe("Attente du verrou");
  });
});
