import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Customer } from "../../server/src/entities/index.js";
import { countQueries } from "../support/contract-fixtures.js";
import { createQuote } from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

// One request, one set of loaders (graphql/loaders.ts, on the context): a customer reached from a
// contract, a quote, a SEPA mandate and a maintenance contract is read from the database once.
describe("loaders built once per request", () => {
  let server: TestServer;
  let token: string;
  let customerId: string;
  let contractId: string;
  let quoteId: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.createToken("ADMIN");
    // A sample customer with contracts, a mandate and a maintenance contract (seed/sample-data.ts).
    const found = await server.gql(token, `{ customers(search: "lefebvre") { id contracts { id } } }`);
    customerId = found.data?.customers[0].id;
    contractId = found.data?.customers[0].contracts[0].id;
    const quote = await createQuote(server, token, {
      customerId,
      lines: [{ offerCode: "IP-TELEPHONY", quantity: 1, monthlyUnitPriceCents: 1000, setupFeeCents: 0 }],
    });
    quoteId = quote.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("reads a customer reached four ways in one request once", async () => {
    const query = `query ($contractId: ID!, $quoteId: ID!, $customerId: ID!) {
      contract(id: $contractId) { customer { id name } }
      quote(id: $quoteId) { customer { id sepaMandates { customer { id } } } }
      maintenanceContracts(customerId: $customerId) { customer { id } }
    }`;
    const { result, queries } = await countQueries(server.app.database.manager, () =>
      server.gql(token, query, { contractId, quoteId, customerId }),
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data?.contract.customer.id).toBe(customerId);
    expect(result.data?.quote.customer.id).toBe(customerId);
    expect(result.data?.quote.customer.sepaMandates[0].customer.id).toBe(customerId);
    expect(result.data?.maintenanceContracts[0].customer.id).toBe(customerId);
    const customerReads = queries.filter((sql) => /FROM [`"]customer[`"]/i.test(sql));
    expect(customerReads, customerReads.join("\n")).toHaveLength(1);
  });

  it("does not keep what it read for the next request", async () => {
    const query = `query ($contractId: ID!) { contract(id: $contractId) { customer { name } } }`;
    const before = await server.gql(token, query, { contractId });
    await server.app.database.manager.update(Customer, Number(customerId), { name: "Transports Lefebvre SA (renamed)" });
    const after = await server.gql(token, query, { contractId });
    expect(before.data?.contract.customer.name).toBe("Transports Lefebvre SA (exemple)");
    expect(after.data?.contract.customer.name).toBe("Transports Lefebvre SA (renamed)");
  });
});
