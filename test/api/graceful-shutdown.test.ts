import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

/** Sends a POST whose body arrives in two parts; `between` runs after the first part is on the wire. */
function postInTwoParts(url: string, token: string, body: string, between: () => Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    const half = Math.floor(body.length / 2);
    request.write(body.slice(0, half), () => {
      between().then(
        () => request.end(body.slice(half)),
        (error) => reject(error),
      );
    });
  });
}

describe(`graceful shutdown (${process.env.TEST_DB})`, () => {
  let db: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServerProcess(db.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("finishes a request in flight after SIGTERM, refuses new connections, and exits 0", async () => {
    const token = await server.firstAdminToken();
    const body = JSON.stringify({ query: "{ me { role } offers { code } }", variables: { padding: "x".repeat(2000) } });
    const answer = await postInTwoParts(server.url, token, body, async () => {
      // "On the wire" is our side: give the server time to read the headers, so the connection
      // carries a request in flight (a connection without one is idle, and rightly closed at once).
      await new Promise((resolve) => setTimeout(resolve, 500));
      server.child.kill("SIGTERM");
      await server.waitForOutput(/Shutting down/);
      // The listener is closed: a new request cannot get in any more.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    });
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.body) as { data: { me: { role: string }; offers: unknown[] } };
    expect(result.data.me.role).toBe("ADMIN");
    expect(result.data.offers.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
  });
});
