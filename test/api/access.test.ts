import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const OFFERS = `{ offers { code family name initialTermMonths renewalTermMonths noticeMonths noticeDays
  sepaRequired portingBilledPerGrid termsVersion { code effectiveDate } } }`;

describe(`access and catalogue (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses a request without a token, with a bad token, and a revoked token", async () => {
    const none = await server.gql(null, OFFERS);
    expect(none.status).toBe(401);
    expect(none.data).toBeUndefined();
    expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const bad = await server.gql("ctp_not-a-real-token", OFFERS);
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const token = await server.createToken("INTEGRATOR");
    const { record } = await server.app.services.tokens.create({ role: "SALES", name: "to revoke" });
    expect((await server.gql(token, "{ me { role } }")).data).toEqual({ me: { role: "INTEGRATOR" } });
    const revokedToken = (await server.app.services.tokens.create({ role: "SALES", name: "revoked" })).token;
    await server.app.services.tokens.revoke(record.id + 1);
    const revoked = await server.gql(revokedToken, OFFERS);
    expect(revoked.status).toBe(401);
  });

  it("refuses introspection without a token", async () => {
    const response = await server.gql(null, "{ __schema { queryType { name } } }");
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
  });

  it("serves the catalogue of the source terms to any valid token", async () => {
    const token = await server.createToken("INTEGRATOR");
    const response = await server.gql(token, OFFERS);
    expect(response.errors).toBeUndefined();
    const offers = response.data?.offers as Record<string, unknown>[];
    const byFamily = Object.fromEntries(offers.map((o) => [o.family, o]));
    expect(Object.keys(byFamily).sort()).toEqual(
      ["BACKUP", "IP_ACCESS_CELLULAR", "IP_ACCESS_WIRED", "IP_TELEPHONY", "MAINTENANCE", "MOBILE_FLEET"].sort(),
    );
    const terms = (family: string) => {
      const o = byFamily[family] as Record<string, unknown>;
      return [o.initialTermMonths, o.renewalTermMonths];
    };
    expect(terms("IP_ACCESS_WIRED")).toEqual([36, 12]);
    expect(terms("IP_ACCESS_CELLULAR")).toEqual([3, 1]);
    expect(terms("IP_TELEPHONY")).toEqual([24, 12]);
    expect(terms("MOBILE_FLEET")).toEqual([3, 1]);
    expect(terms("BACKUP")).toEqual([null, null]);
    for (const offer of offers) {
      expect(offer.sepaRequired).toBe(true);
      expect(offer.termsVersion).toEqual({ code: "CGV-2020-02-01", effectiveDate: "2020-02-01" });
      expect(offer.portingBilledPerGrid).toBe(offer.family === "IP_TELEPHONY");
    }
    expect((byFamily.IP_ACCESS_WIRED as Record<string, unknown>).noticeMonths).toBe(3);
    expect((byFamily.MOBILE_FLEET as Record<string, unknown>).noticeMonths).toBe(1);
  });

  it("answers /healthz without a token", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up" });
  });

  it("hides internals: an unknown field is a validation error without stack traces", async () => {
    const token = await server.createToken("INTEGRATOR");
    const response = await server.gql(token, "{ offers { nope } }");
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|node_modules|\.ts:/);
  });
});
