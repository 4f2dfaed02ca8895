import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../server/src/config.js";
import { captureLogger } from "../support/capture-logger.js";
import { type MariadbInstance, startPrivateMariadb } from "../support/mariadb-instance.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** A request that does not answer within this is hanging: the test fails instead of waiting. */
const HANG = 10_000;

/**
 * Stops the database under a running server and starts it again: a private MariaDB instance on its
 * own port and data directory (the shared one stays up for the other suites). MariaDB only: the
 * embedded SQLite file cannot go away like a server.
 */
describe("database outage (mariadb)", () => {
  const logger = captureLogger();
  let mariadb: MariadbInstance;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    mariadb = await startPrivateMariadb();
    const url = await mariadb.createDatabase("contracts_outage");
    const db = { kind: "mariadb" as const, url, target: parseDatabaseUrl(url), drop: async () => undefined };
    server = await startTestServer({
      db,
      logger,
      env: { DATABASE_QUERY_TIMEOUT_MS: "1500", DATABASE_CONNECT_TIMEOUT_MS: "1000", DATABASE_HOST_RETRY_MS: "500" },
    });
    token = await server.createToken("ADMIN");
  }, 180_000);
  afterAll(async () => {
    await server?.close().catch(() => undefined);
    await mariadb?.destroy();
  });

  const health = () => fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(HANG) });
  const post = (query: string) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(HANG),
    });

  it("answers 503 DATABASE_UNAVAILABLE during an outage and recovers by itself when the database returns", async () => {
    expect((await health()).status).toBe(200);
    expect((await post("{ me { role } }")).status).toBe(200);

    await mariadb.stop();

    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", database: "down" });

    const requests = [
      "{ me { role } }",
      "{ offers { code } }",
      'mutation { createCustomer(input: { name: "Pendant la panne", category: OTHER }) { id } }',
    ];
    const answers = await Promise.all([...requests, ...requests, ...requests].map(post));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      const body = (await answer.json()) as { errors: { message: string; extensions: { code: string; requestId: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe("DATABASE_UNAVAILABLE");
      expect(body.errors[0]?.extensions.requestId).toBe(answer.headers.get("x-request-id"));
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|mysql|stack/i);
    }
    expect(logger.entries.some((e) => e.level === "warn" && /Database unavailable/.test(e.message))).toBe(true);

    await mariadb.start();

    let healthy = await health();
    for (let attempt = 0; healthy.status !== 200 && attempt < 60; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      healthy = await health();
    }
    expect(healthy.status).toBe(200);
    const me = await post("{ me { role } }");
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ data: { me: { role: "ADMIN" } } });
    const created = await post('mutation { createCustomer(input: { name: "Après la panne", category: OTHER }) { name } }');
    expect(await created.json()).toEqual({ data: { createCustomer: { name: "Après la panne" } } });
  });

  it("is 503 again on a second outage, with connections the pool had reopened", async () => {
    // Fill the pool with live connections first, so the outage hits established connections too.
    await Promise.all(Array.from({ length: 10 }, () => post("{ offers { code } }")));
    await mariadb.stop();
    const answer = await post("{ offers { code } }");
    expect(answer.status).toBe(503);
    await mariadb.start();
    let status = 0;
    for (let attempt = 0; status !== 200 && attempt < 60; attempt++) {
      status = (await post("{ offers { code } }")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });

  it("answers 503 within a few seconds when the database accepts connections but never answers, and recovers", async () => {
    // Live pooled connections first: the statements go out on them and get no answer.
    await Promise.all(Array.from({ length: 4 }, () => post("{ offers { code } }")));
    await mariadb.freeze();
    try {
      const started = performance.now();
      const answers = await Promise.all([
        post("{ offers { code } }"),
        post('mutation { createCustomer(input: { name: "Base figée", category: OTHER }) { id } }'),
        health(),
      ]);
      const elapsed = performance.now() - started;
      expect(
        answers.map((a) => a.status),
        `health said ${await answers[2]?.clone().text()}`,
      ).toEqual([503, 503, 503]);
      expect(answers[0]?.headers.get("retry-after")).toBe("5");
      // DATABASE_QUERY_TIMEOUT_MS is 1.5 s here (5 s by default): generous bound.
      expect(elapsed).toBeLessThan(HANG / 2);
    } finally {
      mariadb.resume();
    }
    let status = 0;
    for (let attempt = 0; status !== 200 && attempt < 60; attempt++) {
      status = (await post("{ offers { code } }")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
