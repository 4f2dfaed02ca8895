import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

describe(`health (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 200 with the database up and 503 once it is gone, without a token and uncached", async () => {
    const up = await fetch(`${server.url}/healthz`);
    expect(up.status).toBe(200);
    expect(up.headers.get("cache-control")).toBe("no-store");
    expect(await up.json()).toEqual({ status: "ok", database: "up" });

    await server.app.database.close();
    const down = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", database: "down" });
  });
});
