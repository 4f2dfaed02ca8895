import { type AuditResult, serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * Recommendations we knowingly do not follow:
 * - Apollo answers 400 (not 200) to documents it cannot parse, validate or coerce variables for,
 *   even when the client accepts only application/json (a SHOULD of the spec; Apollo's choice).
 * - GET requests without a content-type or `apollo-require-preflight` header are refused by Apollo's
 *   CSRF prevention, which we keep on (docs/operations.md "Errors"), so the MAY-level plain GETs fail.
 */
const KNOWN_NOT_OK = [
  "SHOULD use 200 status code on document parsing failure when accepting application/json",
  "SHOULD use 200 status code on document validation failure when accepting application/json",
  "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
  "MAY accept application/x-www-form-urlencoded formatted GET requests",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
].sort();

/**
 * The GraphQL-over-HTTP conformance audits of the `graphql-http` package, against the real server.
 * The audits send no credentials, so every request gets a valid token added; everything else is
 * sent as the audit wrote it.
 */
describe(`GraphQL over HTTP audit (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let results: AuditResult[];
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    const token = await server.createToken("INTEGRATOR");
    const fetchFn: typeof fetch = (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    results = [];
    for (const audit of serverAudits({ url: `${server.url}/graphql`, fetchFn })) results.push(await audit.fn());
  });
  afterAll(async () => {
    await server?.close();
  });

  it("passes every MUST audit (no audit in error)", () => {
    const errors = results.flatMap((r) => (r.status === "error" ? [`${r.name}: ${r.reason}`] : []));
    expect(errors).toEqual([]);
    expect(results.filter((r) => r.status === "ok").length).toBeGreaterThanOrEqual(50);
  });

  it("falls short only of the known SHOULD/MAY recommendations", () => {
    const notOk = results.filter((r) => r.status !== "ok").map((r) => r.name);
    expect(notOk.sort()).toEqual(KNOWN_NOT_OK);
  });
});
