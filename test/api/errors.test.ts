import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogger } from "../support/capture-logger.js";
import { type GraphQLResponse, startTestServer, type TestServer } from "../support/server.js";

const CREATE_QUOTE = "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }";
const PREVIEW = "query($input: CommitmentInput!) { commitmentPreview(input: $input) { initialTermEnd } }";
const PREVIEW_INPUT = { startDate: "2025-01-15", initialTermMonths: 12, renewalTermMonths: 12, asOf: "2025-06-01" };
const LINE = { offerCode: "IP-TELEPHONY", quantity: 1, monthlyUnitPriceCents: 1000, setupFeeCents: 0 };

/** What no response may ever contain: stacks, SQL, file paths. */
const INTERNALS =
  /stacktrace|node_modules|\/work\/|\.ts:\d|at [A-Za-z.]+ \(|SELECT |INSERT |FROM `?audit_log|SQLITE_|\bER_[A-Z_]+/;

function badInput(response: GraphQLResponse, status = 400) {
  expect(response.status).toBe(status);
  expect(JSON.stringify(response)).not.toMatch(INTERNALS);
  const error = response.errors?.[0];
  expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
  return (response.errors ?? []).flatMap((e) => e.extensions?.fields ?? []).map((f) => f.field);
}

describe(`error shapes (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  let customerId: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.createToken("ADMIN");
    const created = await server.gql(
      admin,
      'mutation { createCustomer(input: { name: "Errors SARL", category: OTHER }) { id } }',
    );
    customerId = created.data?.createCustomer.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("variables refused by the schema are BAD_USER_INPUT naming the field", () => {
    it("an impossible LocalDate", async () => {
      const response = await server.gql(admin, PREVIEW, { input: { ...PREVIEW_INPUT, startDate: "2025-02-30" } });
      expect(badInput(response)).toEqual(["startDate"]);
    });

    it("a string for an Int", async () => {
      const response = await server.gql(admin, PREVIEW, { input: { ...PREVIEW_INPUT, initialTermMonths: "twelve" } });
      expect(badInput(response)).toEqual(["initialTermMonths"]);
    });

    it("an Int past 32 bits", async () => {
      const response = await server.gql(admin, PREVIEW, { input: { ...PREVIEW_INPUT, monthlyAmountCents: 2 ** 31 } });
      expect(badInput(response)).toEqual(["monthlyAmountCents"]);
    });

    it("a missing required field in a nested list item", async () => {
      const { quantity: _quantity, ...lineWithoutQuantity } = LINE;
      const response = await server.gql(admin, CREATE_QUOTE, { input: { customerId, lines: [LINE, lineWithoutQuantity] } });
      expect(badInput(response)).toEqual(["lines[1].quantity"]);
    });

    it("a bad value deep in a nested list item, an unknown field and an unknown enum value, all reported", async () => {
      const response = await server.gql(admin, CREATE_QUOTE, {
        input: { customerId, lines: [{ ...LINE, startDate: "2025-13-01", colour: "blue", portingDirection: "SIDEWAYS" }] },
      });
      expect(badInput(response).sort()).toEqual(["lines[0].colour", "lines[0].portingDirection", "lines[0].startDate"]);
    });

    it("null for a required field, and a required variable left out", async () => {
      expect(badInput(await server.gql(admin, CREATE_QUOTE, { input: { customerId: null, lines: [] } }))).toEqual(["customerId"]);
      expect(badInput(await server.gql(admin, CREATE_QUOTE, {}))).toEqual(["input"]);
    });

    it("a top-level scalar variable is named by the argument it feeds", async () => {
      const query = "query($day: LocalDate) { contract(id: 1) { commitment(asOf: $day) { periodIndex } } }";
      expect(badInput(await server.gql(admin, query, { day: "2025-02-30" }))).toEqual(["asOf"]);
    });
  });

  describe("inline literals refused by the schema are BAD_USER_INPUT naming the field", () => {
    it("wrong types, an impossible date and a missing field inside a list", async () => {
      const response = await server.gql(
        admin,
        `mutation { createQuote(input: { customerId: ${customerId}, lines: [
          { offerCode: "IP-TELEPHONY", quantity: "two", monthlyUnitPriceCents: 1000, setupFeeCents: 0 },
          { offerCode: "IP-TELEPHONY", quantity: 1, monthlyUnitPriceCents: 1000, setupFeeCents: 0, startDate: "2025-02-30" },
          { offerCode: "IP-TELEPHONY", quantity: 1, setupFeeCents: 0 }
        ] }) { id } }`,
      );
      expect(badInput(response).sort()).toEqual(["lines[0].quantity", "lines[1].startDate", "lines[2].monthlyUnitPriceCents"]);
    });

    it("an unknown input field and a missing argument", async () => {
      const unknown = await server.gql(
        admin,
        `{ commitmentPreview(input: { startDate: "2025-01-01", initialTermMonths: 12,
        renewalTermMonths: 12, asOf: "2025-01-01", colour: 1 }) { periodIndex } }`,
      );
      expect(badInput(unknown)).toEqual(["colour"]);
      expect(badInput(await server.gql(admin, "{ commitmentPreview { periodIndex } }"))).toEqual(["input"]);
    });
  });

  it("domain validation is BAD_USER_INPUT with fields, HTTP 200 (the document was valid)", async () => {
    const response = await server.gql(admin, CREATE_QUOTE, { input: { customerId, lines: [{ ...LINE, quantity: -3 }] } });
    expect(badInput(response, 200)).toContain("lines[0].quantity");
  });

  it("no token is 401 UNAUTHENTICATED; a role that may not is FORBIDDEN with no data", async () => {
    const none = await server.gql(null, "{ me { role } }");
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const integrator = await server.createToken("INTEGRATOR");
    const forbidden = await server.gql(integrator, 'mutation { createCustomer(input: { name: "No", category: OTHER }) { id } }');
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(forbidden.data?.createCustomer).toBeUndefined();
  });

  it("refuses a body that is not JSON with 400 in the GraphQL error shape", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });

  it("gives no schema hints in production (no 'Did you mean')", async () => {
    const response = await server.gql(admin, "{ offer { code } }");
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe(`unexpected errors (${process.env.TEST_DB})`, () => {
  const logger = captureLogger();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, logger });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers INTERNAL_SERVER_ERROR with the request id of X-Request-Id, and logs the details server-side only", async () => {
    const finance = await server.createToken("FINANCE");
    // A table gone behind the server's back: the query fails inside the database driver.
    await server.app.database.dataSource.query("DROP TABLE audit_log");
    const response = await server.gql(finance, "{ auditLog(first: 5) { id } }");
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error?.extensions?.requestId).toBe(requestId);
    expect(error?.message).toContain(requestId);
    expect(JSON.stringify(response)).not.toMatch(INTERNALS);
    expect(JSON.stringify(response)).not.toMatch(/audit_log|no such table|doesn't exist/i);

    const logged = logger.entries.find((e) => e.level === "error" && e.details?.requestId === requestId);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toMatch(/audit_log/);
    expect(JSON.stringify(logged)).toMatch(/stack/);
  });

  it("uses the caller's X-Request-Id when it is sane, and replaces it when it is not", async () => {
    const finance = await server.createToken("FINANCE");
    const ask = (id: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${finance}`, "x-request-id": id },
        body: JSON.stringify({ query: "{ auditLog { id } }" }),
      });
    const sane = await ask("excel-1234.abc");
    expect(sane.headers.get("x-request-id")).toBe("excel-1234.abc");
    const body = (await sane.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(body.errors[0]?.extensions.requestId).toBe("excel-1234.abc");
    const insane = await ask("<script>alert(1)</script>");
    expect(insane.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("never writes a token to the log", async () => {
    const token = await server.createToken("ADMIN");
    await server.gql(token, "{ auditLog { id } }");
    await server.gql(`${token}x`, "{ me { role } }");
    expect(logger.text()).not.toContain(token.slice(4));
  });
});
