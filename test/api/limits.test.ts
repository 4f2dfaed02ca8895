import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/** A server with small limits, so each limit is reachable with the schema's shallow queries. */
const SMALL_LIMITS = {
  GRAPHQL_MAX_DEPTH: "2",
  GRAPHQL_MAX_COST: "30",
  GRAPHQL_MAX_ALIASES: "3",
  GRAPHQL_MAX_TOKENS: "100",
  GRAPHQL_MAX_DIRECTIVES: "2",
  MAX_BODY_BYTES: "2000",
  RATE_LIMIT_PER_MINUTE: "5",
};

const aliases = (count: number, field = "me { role }") =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

describe(`limits (${process.env.TEST_DB})`, () => {
  let small: TestServer;
  let defaults: TestServer;
  beforeAll(async () => {
    [small, defaults] = await Promise.all([
      startTestServer({ seed: false, env: SMALL_LIMITS }),
      startTestServer({ seed: false }),
    ]);
  });
  afterAll(async () => {
    await small?.close();
    await defaults?.close();
  });

  const refusedByLimit = (response: {
    status: number;
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  }) => {
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    // Production mode: the limit's value is not given away.
    expect(response.errors?.[0]?.message).not.toMatch(/\b(2|30|3|100)\b/);
  };

  it("refuses a document deeper than GRAPHQL_MAX_DEPTH", async () => {
    const token = await small.createToken("ADMIN");
    expect((await small.gql(token, "{ me { role } }")).status).toBe(200);
    refusedByLimit(await small.gql(token, "{ offers { termsVersion { code } } }"));
  });

  it("refuses a document costlier than GRAPHQL_MAX_COST, counting the rows a list reads and `first`", async () => {
    const token = await small.createToken("ADMIN");
    // auditLog(first: n): n rows read (25 each) of 2 fields, plus the list itself.
    const audit = "query($n: Int) { auditLog(first: $n) { id action } }";
    expect((await small.gql(token, audit, { n: 1 })).status).toBe(200);
    refusedByLimit(await small.gql(token, audit, { n: 2 }));
  });

  it("names the limit that refused a document, in the reader's language, without its value", async () => {
    const token = await small.createToken("ADMIN");
    const ask = async (query: string, language: string) => {
      const response = await fetch(`${small.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "accept-language": language },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { errors: { message: string }[] }).errors[0]?.message;
    };
    const costly = "{ auditLog(first: 2) { id action } }";
    expect(await ask(costly, "en")).toMatch(
      /^Query refused: its estimated cost exceeds this server's limit \(GRAPHQL_MAX_COST\)/,
    );
    expect(await ask(costly, "fr")).toMatch(
      /^Requête refusée : son coût estimé dépasse la limite de ce serveur \(GRAPHQL_MAX_COST\)/,
    );
    expect(await ask("{ offers { termsVersion { code } } }", "fr")).toContain("GRAPHQL_MAX_DEPTH");
    expect(await ask(aliases(4), "en")).toContain("GRAPHQL_MAX_ALIASES");
    expect(await ask(`{ ${"__typename ".repeat(120)} }`, "fr")).toBe("Requête refusée : elle dépasse une limite de ce serveur.");
  });

  it("refuses more aliases than GRAPHQL_MAX_ALIASES", async () => {
    const token = await small.createToken("ADMIN");
    expect((await small.gql(token, aliases(3))).status).toBe(200);
    refusedByLimit(await small.gql(token, aliases(4)));
  });

  it("refuses more tokens than GRAPHQL_MAX_TOKENS", async () => {
    const token = await small.createToken("ADMIN");
    const padded = `{ ${"__typename ".repeat(120)} }`;
    refusedByLimit(await small.gql(token, padded));
  });

  it("refuses more directives than GRAPHQL_MAX_DIRECTIVES", async () => {
    const token = await small.createToken("ADMIN");
    expect((await small.gql(token, "{ me { role @include(if: true) name @include(if: true) } }")).status).toBe(200);
    refusedByLimit(await small.gql(token, "{ me { role @include(if: true) name @include(if: true) id @skip(if: false) } }"));
  });

  it("answers 413 past MAX_BODY_BYTES, in the GraphQL error shape", async () => {
    const token = await small.createToken("ADMIN");
    const response = await fetch(`${small.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ me { role } }", variables: { padding: "x".repeat(3000) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string; requestId: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.errors[0]?.extensions.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("limits requests per token per minute with 429 and Retry-After, each token on its own", async () => {
    const first = await small.createToken("INTEGRATOR");
    const second = await small.createToken("INTEGRATOR");
    for (let i = 0; i < 5; i++) expect((await small.gql(first, "{ me { role } }")).status).toBe(200);
    const limited = await small.gql(first, "{ me { role } }");
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
    expect((await small.gql(second, "{ me { role } }")).status).toBe(200);
  });

  it("keeps introspection available to any token, whatever the depth limit", async () => {
    const token = await small.createToken("INTEGRATOR");
    const deep = "{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }";
    const response = await small.gql(token, deep);
    expect(response.status).toBe(200);
    expect(response.data?.__schema.types.length).toBeGreaterThan(5);
  });

  it("by default accepts the add-in's batches of 100 aliases and refuses 101", async () => {
    const token = await defaults.createToken("INTEGRATOR");
    const batch = await defaults.gql(token, aliases(100, "offers { code }"));
    expect(batch.status).toBe(200);
    expect(Object.keys(batch.data ?? {})).toHaveLength(100);
    const tooMany = await defaults.gql(token, aliases(101, "offers { code }"));
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("keeps serving after refusing abusive documents", async () => {
    const token = await defaults.createToken("INTEGRATOR");
    const abusive = `{ ${"a: __typename ".repeat(3000)} }`;
    expect((await defaults.gql(token, abusive)).status).toBe(400);
    expect((await defaults.gql(token, "{ me { role } }")).data).toEqual({ me: { role: "INTEGRATOR" } });
  });
});

describe(`limits on expensive fields (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    token = await server.createToken("INTEGRATOR");
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = async (query: string, language = "en") => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "accept-language": language },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: response.status, ...body };
  };
  const refused = (response: Awaited<ReturnType<typeof post>>) => {
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    return response.errors?.[0]?.message ?? "";
  };
  const schedule = 'renewalSchedule(from: "2026-01-01", to: "2035-12-31", first: 0) { totalCount }';
  const fullSchema = "__schema { types { name fields { name args { name } type { name ofType { name } } } } }";

  it("accepts one renewal schedule per document and refuses 100 aliases of it, naming the rule", async () => {
    expect((await post(`{ ${schedule} }`)).status).toBe(200);
    const message = refused(await post(aliases(100, schedule)));
    expect(message).toContain("renewalSchedule");
    expect(message).toMatch(/only once per document/);
  });

  it("refuses a second renewal schedule however it is spelled (aliases, fragments)", async () => {
    refused(await post(aliases(2, schedule)));
    refused(await post(`{ ...A ...B } fragment A on Query { a: ${schedule} } fragment B on Query { b: ${schedule} }`));
  });

  it("answers introspection once per document and refuses 90 __schema aliases", async () => {
    const once = await post(`{ ${fullSchema} }`);
    expect(once.status).toBe(200);
    expect((once.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
    const message = refused(await post(aliases(90, fullSchema)));
    expect(message).toContain("__schema");
  });

  it("says why in the reader's language (French for fr)", async () => {
    const french = refused(await post(aliases(2, schedule), "fr-FR,fr;q=0.9"));
    expect(french).toMatch(/^Requête refusée : renewalSchedule ne peut être demandé qu'une fois par document/);
    const english = refused(await post(aliases(2, schedule), "en-GB"));
    expect(english).toMatch(/^Query refused: renewalSchedule may be asked for only once per document/);
  });
});
