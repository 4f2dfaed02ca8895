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

const ROUNDS = 50;
const OLD_LINES = [
  { offerCode: "MOBILE-FLEET", quantity: 2, monthlyUnitPriceCents: 1500, setupFeeCents: 0 },
  { offerCode: "IP-TELEPHONY", quantity: 1, monthlyUnitPriceCents: 1990, setupFeeCents: 4900 },
];
const NEW_LINES = [
  { offerCode: "MOBILE-FLEET", quantity: 7, monthlyUnitPriceCents: 1500, setupFeeCents: 0 },
  { offerCode: "IP-TELEPHONY", quantity: 1, monthlyUnitPriceCents: 1990, setupFeeCents: 4900 },
];
const CREATE = "mutation($input: QuoteInput!) { createQuote(input: $input) { id version } }";
const UPDATE = "mutation($input: UpdateQuoteInput!) { updateQuote(input: $input) { id version } }";
const SIGN = "mutation($input: SignQuoteInput!) { signQuote(input: $input) { id status } }";
const READ = `query($id: ID!) { quote(id: $id) {
  status lines { id quantity offer { code } } contracts { id quantity offer { code } } } }`;
const CUSTOMER_CONTRACTS = "query($id: ID!) { customer(id: $id) { contracts { id } } }";

/**
 * Issue 16: `updateQuote` racing `signQuote`. A signature covers exactly the version it read: the
 * update lands first and the contracts follow its lines, or the update gets CONFLICT. Never both
 * accepted with contracts made from lines that no longer exist. Two server processes on one
 * database, each request sent to a different one, 50 rounds.
 */
describe(`updateQuote racing signQuote (${process.env.TEST_DB})`, () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    servers = [await startServerProcess(db.url)];
    token = await (servers[0] as ServerProcess).firstAdminToken();
    servers.push(await startServerProcess(db.url));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it(`signs the lines it read in each of ${ROUNDS} races`, async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const customer = await gql(a, token, "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }", {
      input: { name: "Course Signature SARL", category: "OTHER", siren: "732829320" },
    });
    const customerId = customer.data?.createCustomer.id;
    const mandate = await gql(a, token, "mutation($input: SepaMandateInput!) { registerSepaMandate(input: $input) { id } }", {
      input: { customerId, iban: IBAN, bic: BIC, reference: "RUM-RACE-1", signedOn: "2025-01-15", scheme: "CORE" },
    });
    expect(mandate.errors).toBeUndefined();

    const outcomes = { updateFirst: 0, signFirst: 0 };
    let contractsMade = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const created = await gql(a, token, CREATE, { input: { customerId, lines: OLD_LINES } });
      const quoteId = created.data?.createQuote.id;
      const [updater, signer] = round % 2 === 0 ? [a, b] : [b, a];
      const [update, sign] = await Promise.all([
        gql(updater, token, UPDATE, { input: { quoteId, expectedVersion: created.data?.createQuote.version, lines: NEW_LINES } }),
        gql(signer, token, SIGN, { input: { quoteId, signerName: "Claire Roux", idempotencyKey: `race-${round}` } }),
      ]);
      const context = JSON.stringify({ round, update, sign });
      expect(sign.errors, context).toBeUndefined();
      expect(sign.data?.signQuote.status).toBe("SIGNED");

      const stored = (await gql(a, token, READ, { id: quoteId })).data?.quote;
      const lines = stored.lines.map((l: any) => ({ id: l.id, quantity: l.quantity, code: l.offer.code }));
      const contracts = stored.contracts.map((c: any) => ({ quantity: c.quantity, code: c.offer.code }));
      // The contracts are exactly the stored lines, one per line, same offer and quantity.
      expect(contracts, context).toEqual(lines.map(({ quantity, code }: any) => ({ quantity, code })));
      contractsMade += contracts.length;
      if (update.errors) {
        expect(update.errors[0]?.extensions?.code, context).toBe("CONFLICT");
        expect(
          lines.map((l: any) => l.quantity),
          context,
        ).toEqual([2, 1]);
        outcomes.signFirst += 1;
      } else {
        expect(
          lines.map((l: any) => l.quantity),
          context,
        ).toEqual([7, 1]);
        outcomes.updateFirst += 1;
      }
    }
    // No contract anywhere points at lines of another version.
    const all = await gql(b, token, CUSTOMER_CONTRACTS, { id: customerId });
    expect(all.data?.customer.contracts).toHaveLength(contractsMade);
    console.info(`[race] ${ROUNDS} rounds: update first ${outcomes.updateFirst}, sign first ${outcomes.signFirst}`);
  });
});
