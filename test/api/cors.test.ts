import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const ALLOWED = "https://addin.example.com";
const OTHER = "https://evil.example.net";

describe(`CORS (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { CORS_ORIGINS: `${ALLOWED}, https://localhost:3000` } });
    token = await server.createToken("INTEGRATOR");
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (origin: string, auth: string | null = token) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ query: "{ me { role } }" }),
    });
  const preflight = (origin: string) =>
    fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it("lets a configured origin read responses, refusals included", async () => {
    const ok = await post(ALLOWED);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(ok.headers.get("vary")).toMatch(/Origin/i);
    expect(ok.headers.get("access-control-expose-headers")).toMatch(/X-Request-Id/i);
    const refused = await post(ALLOWED, null);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("gives no CORS header to another origin", async () => {
    const response = await post(OTHER);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight from a configured origin (no token needed) and refuses another", async () => {
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
    const other = await preflight(OTHER);
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
