import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { createCustomer, createQuote, registerMandate, SIGN_QUOTE } from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

const CONTRACTS = `query ($id: ID!) { customer(id: $id) { contracts { renewalTermMonths startDate endDate status
  commitment { initialTermEnd nextRenewalDate } } } }`;

describe(`a contract without tacit renewal (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is signed with its end date set to the end of its initial term, and renewing ones are not", async () => {
    const sales = await server.createToken("SALES");
    const customerId = await createCustomer(server, sales, { name: "Cabinet sans renouvellement", category: "OTHER" });
    await registerMandate(server, sales, customerId);
    const start = addDays(todayInParis(), 3);
    const quote = await createQuote(server, sales, {
      customerId,
      lines: [
        {
          offerCode: "EISECURE-BACKUP",
          quantity: 1,
          monthlyUnitPriceCents: 4900,
          setupFeeCents: 0,
          initialTermMonths: 12,
          renewalTermMonths: 0,
          startDate: start,
        },
        { offerCode: "IP-ACCESS-WIRED", quantity: 1, monthlyUnitPriceCents: 5900, setupFeeCents: 0, startDate: start },
      ],
    });
    const signed = await server.gql(sales, SIGN_QUOTE, {
      input: { quoteId: quote.id, signerName: "Mme Roux", idempotencyKey: "end-1" },
    });
    expect(signed.errors).toBeUndefined();

    const response = await server.gql(sales, CONTRACTS, { id: customerId });
    const contracts = response.data?.customer.contracts as Record<string, any>[];
    const once = contracts.find((c) => c.renewalTermMonths === 0);
    const renewing = contracts.find((c) => c.renewalTermMonths === 12);
    expect(once?.endDate).toBe(addDays(addMonths(start, 12), -1));
    expect(once?.endDate).toBe(once?.commitment.initialTermEnd);
    expect(once?.commitment.nextRenewalDate).toBeNull();
    expect(once?.status).toBe("ACTIVE");
    expect(renewing?.endDate).toBeNull();
  });
});
