import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishWordsIn } from "../support/french.js";
import { BIC, CREATE_CUSTOMER, createCustomer, createQuote, REGISTER_MANDATE } from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** One refusal as a client sees it, whatever layer answered (GraphQL, HTTP middleware, CSV route). */
interface Answer {
  status: number;
  errors: { message: string; extensions?: { code?: string; fields?: { field: string; message: string }[] } }[];
}

type Ask = (headers: Record<string, string>) => Promise<Answer>;

const FRENCH = { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" };
const ENGLISH = { "accept-language": "en" };

/**
 * Issue 11 (server side) and API.md "Languages": the same refusal asked in French and in English
 * has the same HTTP status, code and field paths, different messages, and no English in the French
 * one — for validation, business rules, GraphQL's own coercion errors, authentication, roles and
 * the HTTP layer's refusals.
 */
describe(`messages in the reader's language (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let limited: TestServer;
  let admin: string;
  let sales: string;
  let integrator: string;
  let customerId: string;
  let offers: { code: string; family: string }[];

  const graphql =
    (token: string | null, query: string, variables?: Record<string, unknown>): Ask =>
    async (headers) => {
      const response = await server.gql(token, query, variables, headers);
      return { status: response.status, errors: response.errors ?? [] };
    };

  const http =
    (path: string, init: { method?: string; headers?: Record<string, string>; body?: string; on?: () => TestServer } = {}): Ask =>
    async (headers) => {
      const target = init.on?.() ?? server;
      const response = await fetch(`${target.url}${path}`, {
        method: init.method ?? "GET",
        headers: { ...init.headers, ...headers },
        body: init.body,
      });
      const body = (await response.json()) as { errors?: Answer["errors"] };
      return { status: response.status, errors: body.errors ?? [] };
    };

  beforeAll(async () => {
    server = await startTestServer();
    limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "1", MAX_BODY_BYTES: "2000" } });
    admin = await server.createToken("ADMIN");
    sales = await server.createToken("SALES");
    integrator = await server.createToken("INTEGRATOR");
    customerId = await createCustomer(server, sales, { name: "Cabinet Morel", category: "MICRO" });
    offers = (await server.gql(admin, "{ offers { code family } }")).data?.offers;
  });
  afterAll(async () => {
    await server?.close();
    await limited?.close();
  });

  const offer = (family: string) => offers.find((o) => o.family === family)?.code as string;

  const cases: [string, () => Ask, { status: number; code: string; fields?: string[] }][] = [
    [
      "a customer with an empty name and a consumer's waiver",
      () => graphql(sales, CREATE_CUSTOMER, { input: { name: " ", category: "CONSUMER", waiverSignedOn: "2025-01-01" } }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["name", "waiverSignedOn"] },
    ],
    [
      "a name holding a control character",
      () => graphql(sales, CREATE_CUSTOMER, { input: { name: "Morel\u202Eevil", category: "SMALL" } }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["name"] },
    ],
    [
      "a mandate with a bad IBAN and a future signature date",
      () =>
        graphql(sales, REGISTER_MANDATE, {
          input: {
            customerId,
            iban: "FR1420041010050500013M02607",
            bic: BIC,
            reference: "R-1",
            signedOn: "2999-01-01",
            scheme: "CORE",
          },
        }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["iban", "signedOn"] },
    ],
    [
      "a quote with a past validity date and a 36-month line for a protected customer",
      () =>
        graphql(sales, "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }", {
          input: {
            customerId,
            validUntil: "2000-01-01",
            lines: [{ offerCode: offer("IP_ACCESS_WIRED"), quantity: 1, monthlyUnitPriceCents: 5900, setupFeeCents: 0 }],
          },
        }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["validUntil", "lines[0].initialTermMonths"] },
    ],
    [
      "a quote with a 36-month line for a protected customer, a zero quantity and an unknown offer",
      () =>
        graphql(sales, "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }", {
          input: {
            customerId,
            lines: [
              { offerCode: offer("IP_ACCESS_WIRED"), quantity: 0, monthlyUnitPriceCents: 5900, setupFeeCents: 0 },
              { offerCode: "NOPE", quantity: 1, monthlyUnitPriceCents: 100, setupFeeCents: 0 },
            ],
          },
        }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["lines[0].initialTermMonths", "lines[1].offerCode", "lines[0].quantity"] },
    ],
    [
      "a notice longer than the renewal term in a preview",
      () =>
        graphql(integrator, "query($input: CommitmentInput!) { commitmentPreview(input: $input) { noticeDeadline } }", {
          input: { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 40, asOf: "2026-01-01" },
        }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["noticeMonths"] },
    ],
    [
      "numbers that are not French numbers",
      () =>
        graphql(integrator, "query($input: PortingPriceInput!) { portingPrice(input: $input) { totalCents } }", {
          input: { direction: "INBOUND", numbers: ["0012", "+44 20 7946 0000"], requestDate: "2025-06-01" },
        }),
      { status: 200, code: "BAD_USER_INPUT", fields: ["numbers[0]", "numbers[1]"] },
    ],
    [
      "signing a quote that does not exist",
      () => graphql(sales, 'mutation { signQuote(input: { quoteId: "999999", signerName: "A", idempotencyKey: "k" }) { id } }'),
      { status: 200, code: "NOT_FOUND" },
    ],
    [
      "a role that may not create customers",
      () => graphql(integrator, CREATE_CUSTOMER, { input: { name: "X", category: "OTHER" } }),
      { status: 200, code: "FORBIDDEN" },
    ],
    [
      "a string for an Int (variable)",
      () =>
        graphql(integrator, "query($input: CommitmentInput!) { commitmentPreview(input: $input) { noticeDeadline } }", {
          input: { startDate: "2025-03-10", initialTermMonths: "x", renewalTermMonths: 12, asOf: "2026-01-01" },
        }),
      { status: 400, code: "BAD_USER_INPUT", fields: ["initialTermMonths"] },
    ],
    [
      "an unknown enum value and an impossible date (variables, both at once)",
      () =>
        graphql(integrator, "query($input: CommitmentInput!) { commitmentPreview(input: $input) { noticeDeadline } }", {
          input: {
            startDate: "2025-02-30",
            initialTermMonths: 12,
            renewalTermMonths: 12,
            asOf: "2026-01-01",
            customerCategory: "VIP",
          },
        }),
      { status: 400, code: "BAD_USER_INPUT", fields: ["startDate", "customerCategory"] },
    ],
    [
      "a missing required field of an inline input",
      () => graphql(sales, "mutation { createCustomer(input: { category: MICRO }) { id } }"),
      { status: 400, code: "BAD_USER_INPUT", fields: ["name"] },
    ],
    [
      "an inline date before 1900",
      () =>
        graphql(
          integrator,
          'query { commitmentPreview(input: { startDate: "1899-12-31", initialTermMonths: 12, renewalTermMonths: 0, asOf: "2025-01-01" }) { noticeDeadline } }',
        ),
      { status: 400, code: "BAD_USER_INPUT", fields: ["startDate"] },
    ],
    [
      "no token",
      () => http("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      { status: 401, code: "UNAUTHENTICATED" },
    ],
    [
      "a token without the Bearer word",
      () =>
        http("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "abc" },
          body: JSON.stringify({ query: "{ offers { code } }" }),
        }),
      { status: 401, code: "UNAUTHENTICATED" },
    ],
    [
      "a revoked or unknown token",
      () =>
        http("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer nope" },
          body: JSON.stringify({ query: "{ offers { code } }" }),
        }),
      { status: 401, code: "UNAUTHENTICATED" },
    ],
    ["an unknown route", () => http("/nowhere"), { status: 404, code: "NOT_FOUND" }],
    [
      "a body that is not JSON",
      () =>
        http("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
          body: "{ not json",
        }),
      { status: 400, code: "BAD_REQUEST" },
    ],
    [
      "a body over the size limit",
      () =>
        http("/graphql", {
          on: () => limited,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ offers { code } } # ${"x".repeat(5000)}` }),
        }),
      { status: 413, code: "PAYLOAD_TOO_LARGE" },
    ],
    [
      "the billing export without its dates",
      () => http("/exports/billing.csv", { headers: { authorization: `Bearer ${admin}` } }),
      { status: 400, code: "BAD_USER_INPUT", fields: ["from", "to"] },
    ],
    [
      "the billing export for a role that may not",
      () => http("/exports/billing.csv?from=2025-01-01&to=2025-01-31", { headers: { authorization: `Bearer ${sales}` } }),
      { status: 403, code: "FORBIDDEN" },
    ],
  ];

  it.each(cases)("%s: same code and fields, French or English", async (_label, ask, expected) => {
    const french = await ask()(FRENCH);
    const english = await ask()(ENGLISH);
    for (const answer of [french, english]) {
      expect(answer.status, JSON.stringify(answer.errors)).toBe(expected.status);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]?.extensions?.code).toBe(expected.code);
    }
    const [fr, en] = [french.errors[0], english.errors[0]];
    if (expected.fields) {
      expect(fr?.extensions?.fields?.map((f) => f.field)).toEqual(expected.fields);
      expect(en?.extensions?.fields?.map((f) => f.field)).toEqual(expected.fields);
      fr?.extensions?.fields?.forEach((field, i) => {
        expect(field.message).not.toBe(en?.extensions?.fields?.[i]?.message);
        expect(englishWordsIn(field.message), field.message).toEqual([]);
      });
    }
    expect(fr?.message).not.toBe(en?.message);
    expect(englishWordsIn(fr?.message ?? ""), fr?.message).toEqual([]);
  });

  it("answers a rate-limited token in its language (429 with Retry-After)", async () => {
    const token = await limited.createToken("INTEGRATOR");
    const ask = (headers: Record<string, string>) => limited.gql(token, "{ offers { code } }", undefined, headers);
    await ask(ENGLISH);
    const french = await ask(FRENCH);
    const english = await ask(ENGLISH);
    expect([french.status, english.status]).toEqual([429, 429]);
    expect(french.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(french.errors?.[0]?.message).toMatch(/^Trop de requêtes pour ce jeton/);
    expect(english.errors?.[0]?.message).toMatch(/^Too many requests for this token/);
  });

  it("words rioCheck's reason and the procedure's flags in the reader's language", async () => {
    const query = '{ rioCheck(rio: "01PEROY4P4TX", number: "06 12 34 56 78") { valid expectedKey reason } }';
    const french = (await server.gql(integrator, query, undefined, FRENCH)).data?.rioCheck;
    const english = (await server.gql(integrator, query, undefined, ENGLISH)).data?.rioCheck;
    expect(french).toEqual({
      valid: false,
      expectedKey: "4TR",
      reason: "La clé 4TX du RIO ne correspond pas au numéro 0612345678 ; la clé attendue est 4TR.",
    });
    expect(english?.reason).toBe("The RIO key 4TX does not match the number 0612345678; expected 4TR.");
  });

  it("keeps a quote, its validation and its contracts the same in both languages (only messages change)", async () => {
    const quote = await createQuote(server, sales, {
      customerId,
      lines: [{ offerCode: offer("MOBILE_FLEET"), quantity: 2, monthlyUnitPriceCents: 1200, setupFeeCents: 0 }],
    });
    const read = "query($id: ID!) { quote(id: $id) { id status totals { monthlyCents } } }";
    const french = await server.gql(sales, read, { id: quote.id }, FRENCH);
    const english = await server.gql(sales, read, { id: quote.id }, ENGLISH);
    expect(french.data).toEqual(english.data);
    expect(french.data?.quote).toMatchObject({ status: "DRAFT", totals: { monthlyCents: 2400 } });
  });
});
