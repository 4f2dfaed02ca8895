import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const CREATE = `mutation($role: Role!, $name: String!, $days: Int) {
  createApiToken(role: $role, name: $name, expiresInDays: $days) { token apiToken { id name role prefix expiresAt revokedAt } }
}`;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (done(value) || attempt >= 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`API tokens (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    admin = await server.createToken("ADMIN");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses an expired token with 401", async () => {
    const { token } = await server.app.services.tokens.create({
      role: "ADMIN",
      name: "expired",
      expiresAt: new Date(Date.now() - 60_000),
    });
    const response = await server.gql(token, "{ me { role } }");
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets an ADMIN create a token, shown once, listed without it, revocable at once, all audited", async () => {
    const created = await server.gql(admin, CREATE, { role: "SALES", name: "Excel add-in, Lyon", days: 30 });
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data?.createApiToken ?? {};
    expect(token).toMatch(/^ctp_/);
    expect(apiToken).toMatchObject({ name: "Excel add-in, Lyon", role: "SALES", prefix: token.slice(0, 10), revokedAt: null });
    const days = (Date.parse(apiToken.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
    expect((await server.gql(token, "{ me { id name role } }")).data?.me).toEqual({
      id: apiToken.id,
      name: "Excel add-in, Lyon",
      role: "SALES",
    });

    const list = await server.gql(admin, "{ apiTokens { id name role prefix createdAt revokedAt } }");
    expect(list.data?.apiTokens.map((t: { id: string }) => t.id)).toContain(apiToken.id);
    expect(JSON.stringify(list)).not.toContain(token.slice(10));

    const revoked = await server.gql(admin, "mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }", {
      id: apiToken.id,
    });
    expect(revoked.data?.revokeApiToken.revokedAt).toEqual(expect.any(String));
    expect((await server.gql(token, "{ me { role } }")).status).toBe(401);

    const audit = await server.gql(
      admin,
      'query($id: ID) { auditLog(entity: "ApiToken", entityId: $id) { action actor after requestId } }',
      {
        id: apiToken.id,
      },
    );
    expect(audit.data?.auditLog.map((e: { action: string }) => e.action)).toEqual(["revokeApiToken", "createApiToken"]);
    expect(audit.data?.auditLog[1].after).toMatchObject({ role: "SALES", name: "Excel add-in, Lyon" });
    expect(audit.data?.auditLog[1].actor).toBe("test ADMIN");
    expect(JSON.stringify(audit)).not.toContain(token.slice(10));
  });

  it("lets only ADMIN manage tokens, and ADMIN and FINANCE read the audit trail", async () => {
    const before = (await server.app.services.tokens.list()).length;
    for (const role of ["SALES", "FINANCE", "TECHNICIAN", "INTEGRATOR"] as const) {
      const token = await server.createToken(role);
      const create = await server.gql(token, CREATE, { role: "ADMIN", name: "escalation" });
      expect(create.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await server.gql(token, "{ apiTokens { id } }")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const audit = await server.gql(token, "{ auditLog { id } }");
      if (role === "FINANCE") expect(audit.errors).toBeUndefined();
      else expect(audit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await server.app.services.tokens.list()).length).toBe(before + 4);
  });

  it("refuses a lifetime out of range and an unknown token id", async () => {
    const tooLong = await server.gql(admin, CREATE, { role: "SALES", name: "x", days: 100_000 });
    expect(tooLong.errors?.[0]?.extensions?.fields).toEqual([{ field: "expiresInDays", message: expect.any(String) }]);
    const missing = await server.gql(admin, "mutation { revokeApiToken(id: 999999) { id } }");
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("records lastUsedAt off the request path, at most once a minute", async () => {
    const { token, record } = await server.app.services.tokens.create({ role: "INTEGRATOR", name: "last used" });
    expect(record.lastUsedAt).toBeNull();
    await server.gql(token, "{ me { role } }");
    const first = await waitFor(
      () => server.app.services.tokens.get(record.id),
      (t) => t.lastUsedAt !== null,
    );
    expect(first.lastUsedAt).not.toBeNull();
    await server.gql(token, "{ me { role } }");
    await server.gql(token, "{ me { role } }");
    // No second write is due within the minute; the empty transaction waits for SQLite's write queue.
    await server.app.database.transaction(async () => undefined);
    expect((await server.app.services.tokens.get(record.id)).lastUsedAt?.getTime()).toBe(first.lastUsedAt?.getTime());
  });
});
