import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { BIC, IBAN } from "../support/sales.js";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

type Answer = { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };

async function gql(server: ServerProcess, token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const LINES = [
  { offerCode: "IP-ACCESS-CELLULAR", quantity: 1, monthlyUnitPriceCents: 3500, setupFeeCents: 5000 },
  { offerCode: "MOBILE-FLEET", quantity: 4, monthlyUnitPriceCents: 1500, setupFeeCents: 0 },
  { offerCode: "IP-ACCESS-WIRED", quantity: 1, monthlyUnitPriceCents: 6900, setupFeeCents: 15000 },
];
const SIGN = "mutation($input: SignQuoteInput!) { signQuote(input: $input) { id status contracts { id } } }";
const CONTRACTS_OF = "query($id: ID!) { quote(id: $id) { status contracts { id } } }";

/**
 * Two real server processes on one fresh database (SQLite file or MariaDB), started at the same
 * time (migrations and seed under the cross-process lock), then signing the same quotes at once
 * with different idempotency keys: each quote is signed once, with exactly one contract per line;
 * and creating with one idempotency key sent ten times at once through both: one row.
 */
describe(`two server processes on one database (${process.env.TEST_DB})`, () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    servers = await Promise.all([startServerProcess(db.url), startServerProcess(db.url)]);
    // Exactly one of them met the empty database and printed the first ADMIN token.
    const printed = servers.filter((s) => /ctp_/.test(s.output()));
    expect(printed).toHaveLength(1);
    token = await (printed[0] as ServerProcess).firstAdminToken();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it("signs each quote exactly once, one contract per line, whichever process wins", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const customer = await gql(a, token, "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }", {
      input: { name: "Deux Process SA", category: "OTHER", siren: "732829320" },
    });
    expect(customer.errors).toBeUndefined();
    const customerId = customer.data?.createCustomer.id;
    const mandate = await gql(b, token, "mutation($input: SepaMandateInput!) { registerSepaMandate(input: $input) { id } }", {
      input: { customerId, iban: IBAN, bic: BIC, reference: "RUM-TWO-PROCESSES-1", signedOn: "2025-01-15", scheme: "CORE" },
    });
    expect(mandate.errors).toBeUndefined();

    for (let round = 0; round < 5; round++) {
      const quote = await gql(a, token, "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }", {
        input: { customerId, lines: LINES },
      });
      expect(quote.errors).toBeUndefined();
      const quoteId = quote.data?.createQuote.id;
      const answers = await Promise.all([
        gql(a, token, SIGN, { input: { quoteId, signerName: "Claire Roux", idempotencyKey: `a-${round}` } }),
        gql(b, token, SIGN, { input: { quoteId, signerName: "Claire Roux", idempotencyKey: `b-${round}` } }),
      ]);
      const signed = answers.filter((answer) => answer.data?.signQuote?.status === "SIGNED");
      const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === "CONFLICT");
      expect(signed, JSON.stringify(answers)).toHaveLength(1);
      expect(refused, JSON.stringify(answers)).toHaveLength(1);
      expect(signed[0]?.data?.signQuote.contracts).toHaveLength(LINES.length);

      for (const server of servers) {
        const stored = await gql(server, token, CONTRACTS_OF, { id: quoteId });
        expect(stored.data?.quote.status).toBe("SIGNED");
        expect(stored.data?.quote.contracts).toHaveLength(LINES.length);
      }
    }
    const all = await gql(b, token, "query($id: ID!) { customer(id: $id) { contracts { id } } }", { id: customerId });
    expect(all.data?.customer.contracts).toHaveLength(5 * LINES.length);
  });

  it("creates one customer, one mandate and one quote for ten simultaneous requests with one key, spread over both processes", async () => {
    const create = async (field: string, inputType: string, input: Record<string, unknown>) => {
      const query = `mutation($input: ${inputType}!) { ${field}(input: $input) { id } }`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => gql(servers[i % 2] as ServerProcess, token, query, { input })),
      );
      const ids = answers.map((answer) => answer.data?.[field]?.id ?? JSON.stringify(answer.errors));
      // Every request answered with the one object created, none with an error.
      expect(new Set(ids).size, ids.join(", ")).toBe(1);
      return ids[0] as string;
    };
    const name = "Une Clé Deux Process SARL";
    const customerId = await create("createCustomer", "CustomerInput", {
      name,
      category: "OTHER",
      idempotencyKey: "two-processes-customer",
    });
    const found = await gql(servers[1] as ServerProcess, token, "query($search: String) { customers(search: $search) { id } }", {
      search: name,
    });
    expect(found.data?.customers).toEqual([{ id: customerId }]);

    const mandate = {
      customerId,
      iban: IBAN,
      bic: BIC,
      reference: "RUM-TWO-PROCESSES-KEY",
      signedOn: "2025-01-15",
      scheme: "CORE",
    };
    await create("registerSepaMandate", "SepaMandateInput", { ...mandate, idempotencyKey: "two-processes-mandate" });
    await create("createQuote", "QuoteInput", { customerId, lines: LINES, idempotencyKey: "two-processes-quote" });
    const stored = await gql(
      servers[0] as ServerProcess,
      token,
      "query($id: ID!) { customer(id: $id) { sepaMandates { id } } quotes(customerId: $id) { id } }",
      {
        id: customerId,
      },
    );
    expect(stored.data?.customer.sepaMandates).toHaveLength(1);
    expect(stored.data?.quotes).toHaveLength(1);
  });
});
