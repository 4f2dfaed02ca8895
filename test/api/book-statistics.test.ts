import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { FIELD_COSTS, scheduleWork } from "../../server/src/http/query-cost-model.js";
import { BookStatisticsService } from "../../server/src/services/book-statistics.js";
import { insertContracts, insertCustomer } from "../support/contract-fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * The book's figures the query-cost estimate reads, and a renewal schedule whose cost follows the
 * book: accepted on a small book, refused once the same window covers many more contracts.
 */
describe(`book statistics and the schedule's cost (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let limited: TestServer;
  const today = todayInParis();
  const window = { from: today, to: addMonths(today, 12) };

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    const book = await server.app.services.bookStatistics.current();
    // Enough for the seeded book's schedule (first: 500 events of 2 fields, the page and its
    // totalCount), not for one with 300 more contracts.
    const maxCost = Math.ceil(scheduleWork(window, book) + 500 * 2 + 3) + 200;
    limited = await startTestServer({ seed: true, env: { GRAPHQL_MAX_COST: String(maxCost) } });
  });
  afterAll(async () => {
    await server?.close();
    await limited?.close();
  });

  it("reads each figure from the database, and keeps them until told to forget", async () => {
    const manager = server.app.database.manager;
    const statistics = new BookStatisticsService(server.app.database);
    const before = await statistics.current();
    const big = await insertCustomer(manager, { name: "Big fleet" });
    const small = await insertCustomer(manager, { name: "Small shop" });
    const monthly = { startDate: "2024-01-15", initialTermMonths: 12, renewalTermMonths: 1, family: "MOBILE_FLEET" as const };
    await insertContracts(manager, [
      ...Array.from({ length: 30 }, () => ({ ...monthly, customerId: big.id })),
      { ...monthly, customerId: small.id, renewalTermMonths: 12 },
    ]);
    expect(await statistics.current()).toEqual(before);
    statistics.forget();
    const after = await statistics.current();
    expect(after.contracts).toBe(before.contracts + 31);
    expect(after.customers).toBe(before.customers + 2);
    expect(after.contractsPerCustomer).toBe(Math.max(30, before.contractsPerCustomer));
    // 30 monthly renewals make 360 period ends a year, the yearly one 1.
    expect(after.renewalsPerYear - before.renewalsPerYear).toBeGreaterThanOrEqual(360);
    expect(after.renewalsPerYear - before.renewalsPerYear).toBeLessThanOrEqual(362);
  });

  it("accepts a schedule on a small book and refuses the same window once the book has grown", async () => {
    const token = await limited.createToken("FINANCE");
    const query = `query($from: LocalDate!, $to: LocalDate!) {
      renewalSchedule(from: $from, to: $to) { totalCount events { contractId periodEnd } } }`;
    expect(FIELD_COSTS["Query.renewalSchedule"]?.work).toBe(scheduleWork);
    const first = await limited.gql(token, query, window);
    expect(first.status).toBe(200);
    expect(first.errors).toBeUndefined();

    const manager = limited.app.database.manager;
    const customer = await insertCustomer(manager);
    await insertContracts(
      manager,
      Array.from({ length: 300 }, () => ({
        customerId: customer.id,
        startDate: "2024-03-01",
        initialTermMonths: 12,
        renewalTermMonths: 1,
      })),
    );
    limited.app.services.bookStatistics.forget();
    const refused = await limited.gql(token, query, window);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.errors?.[0]?.message).toContain("GRAPHQL_MAX_COST");
  });
});
