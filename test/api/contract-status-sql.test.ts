import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../server/src/domain/calendar.js";
import { CONTRACT_STATUSES, contractStatusOn } from "../../server/src/domain/contract-status.js";
import { Contract } from "../../server/src/entities/index.js";
import { contractStatusSql } from "../../server/src/services/contract-status.sql.js";
import { insertContracts, insertCustomer } from "../support/contract-fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * "One rule, one place" (issue 13): the ENDED rule is `contractStatusOn` in TypeScript; the
 * contracts page filters on it in SQL for speed. For every stored status and an end date before,
 * on and after "today" (and none), the SQL gives the TypeScript answer, on both databases.
 */
describe(`contract status in SQL and TypeScript (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("agrees for every stored status and end date", async () => {
    const manager = server.app.database.manager;
    const today = "2026-03-15";
    const customer = await insertCustomer(manager, { name: "Statuts SARL" });
    const endDates = [null, addDays(today, -400), addDays(today, -1), today, addDays(today, 1)];
    const table = CONTRACT_STATUSES.flatMap((status) => endDates.map((endDate) => ({ status, endDate })));
    const stored = await insertContracts(
      manager,
      table.map(({ status, endDate }) => ({
        customerId: customer.id,
        startDate: "2024-01-01",
        initialTermMonths: 12,
        renewalTermMonths: 12,
        status,
        endDate,
      })),
    );
    const rows: { id: number; status: string }[] = await manager
      .createQueryBuilder(Contract, "c")
      .select("c.id", "id")
      .addSelect(contractStatusSql("c"), "status")
      .where("c.customerId = :customerId", { customerId: customer.id, today })
      .orderBy("c.id", "ASC")
      .getRawMany();
    expect(rows.map((r) => r.status)).toEqual(stored.map((c) => contractStatusOn(c, today)));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(CONTRACT_STATUSES));
  });
});
