import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "../../server/src/domain/calendar.js";
import { renewalEvents } from "../../server/src/domain/commitment.js";
import { Contract, Customer } from "../../server/src/entities/index.js";
import { countQueries, insertContract, insertContracts, insertCustomer } from "../support/contract-fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

const EVENT_FIELDS = `contractId customerId customerName customerCategory offerCode offerName family periodIndex
  periodEnd noticeDeadline nextPeriodStart monthlyAmountCents reminderRequired reminderWindowStart reminderWindowEnd
  reminderSentOn contractStatus`;
const SCHEDULE = `query Schedule($from: LocalDate!, $to: LocalDate!, $families: [ServiceFamily!], $customerId: ID, $first: Int, $after: String) {
  renewalSchedule(from: $from, to: $to, families: $families, customerId: $customerId, first: $first, after: $after) {
    totalCount endCursor hasNextPage events { ${EVENT_FIELDS} }
  }
}`;
const REMINDER = `mutation Reminder($input: RecordRenewalReminderInput!) {
  recordRenewalReminder(input: $input) { contractId periodIndex sentOn periodEnd noticeDeadline reminderWindowStart reminderWindowEnd }
}`;

type Event = Record<string, string | number | boolean | null>;

describe(`renewal schedule (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let reader: string;
  let finance: string;
  const manager = () => server.app.database.manager;
  // Known contracts (see beforeAll): consumer 12+12, non-profit 3+1, micro 24+12, other without renewal,
  // consumer with a notice, consumer ended in 2022.
  const ids: Record<"a" | "b" | "d" | "e" | "f" | "g", number> = { a: 0, b: 0, d: 0, e: 0, f: 0, g: 0 };
  const customers: Record<"consumer" | "nonProfit" | "micro" | "other", number> = {
    consumer: 0,
    nonProfit: 0,
    micro: 0,
    other: 0,
  };

  const schedule = async (variables: Record<string, unknown>, token = reader) => {
    const response = await server.gql(token, SCHEDULE, variables);
    expect(response.errors).toBeUndefined();
    return response.data?.renewalSchedule as {
      totalCount: number;
      endCursor: string | null;
      hasNextPage: boolean;
      events: Event[];
    };
  };
  const eventsOf = (events: Event[], contractId: number) => events.filter((e) => e.contractId === String(contractId));
  const errorFields = async (query: string, variables: Record<string, unknown>, token = reader) => {
    const response = await server.gql(token, query, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return response.errors?.[0]?.extensions?.fields?.map((f) => f.field);
  };

  beforeAll(async () => {
    server = await startTestServer();
    reader = await server.createToken("INTEGRATOR");
    finance = await server.createToken("FINANCE");
    const m = server.app.database.manager;
    customers.consumer = (await insertCustomer(m, { name: "Alice Conso", category: "CONSUMER" })).id;
    customers.nonProfit = (await insertCustomer(m, { name: "Club Asso", category: "NON_PROFIT" })).id;
    customers.micro = (await insertCustomer(m, { name: "Micro SARL", category: "MICRO" })).id;
    customers.other = (await insertCustomer(m, { name: "Grand Compte SA", category: "OTHER" })).id;
    const terms12 = { startDate: "2024-01-15", initialTermMonths: 12, renewalTermMonths: 12, noticeMonths: 2 };
    ids.a = (await insertContract(m, { customerId: customers.consumer, ...terms12, monthlyAmountCents: 5900 })).id;
    ids.b = (
      await insertContract(m, {
        customerId: customers.nonProfit,
        family: "MOBILE_FLEET",
        startDate: "2024-08-31",
        initialTermMonths: 3,
        renewalTermMonths: 1,
        noticeMonths: 1,
        monthlyAmountCents: 1200,
      })
    ).id;
    ids.d = (
      await insertContract(m, {
        customerId: customers.micro,
        family: "IP_TELEPHONY",
        startDate: "2024-03-01",
        initialTermMonths: 24,
        renewalTermMonths: 12,
        noticeDays: 30,
        monthlyAmountCents: 2000,
      })
    ).id;
    ids.e = (
      await insertContract(m, {
        customerId: customers.other,
        family: "BACKUP",
        startDate: "2024-05-10",
        initialTermMonths: 12,
        renewalTermMonths: 0,
      })
    ).id;
    // Notice received 2024-12-01, after period 0's deadline (2024-11-14): ends with period 1, 2026-01-14.
    ids.f = (
      await insertContract(m, {
        customerId: customers.consumer,
        ...terms12,
        noticeReceivedOn: "2024-12-01",
        endDate: "2026-01-14",
      })
    ).id;
    ids.g = (
      await insertContract(m, {
        customerId: customers.consumer,
        startDate: "2020-01-01",
        initialTermMonths: 12,
        renewalTermMonths: 12,
        noticeMonths: 3,
        noticeReceivedOn: "2022-06-01",
        endDate: "2022-12-31",
      })
    ).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists every period end of known contracts in a window, with deadlines, renewals and reminder windows", async () => {
    const page = await schedule({ from: "2024-10-01", to: "2025-01-31" });
    expect(eventsOf(page.events, ids.a)).toEqual([
      {
        contractId: String(ids.a),
        customerId: String(customers.consumer),
        customerName: "Alice Conso",
        customerCategory: "CONSUMER",
        offerCode: "IP-ACCESS-WIRED",
        offerName: "Liaison accès IP (cuivre et fibre)",
        family: "IP_ACCESS_WIRED",
        periodIndex: 0,
        periodEnd: "2025-01-14",
        noticeDeadline: "2024-11-14",
        nextPeriodStart: "2025-01-15",
        monthlyAmountCents: 5900,
        reminderRequired: true,
        reminderWindowStart: "2024-08-14",
        reminderWindowEnd: "2024-10-14",
        reminderSentOn: null,
        contractStatus: "ACTIVE",
      },
    ]);
    // 3 + 1 from 31 August: boundaries from the anchor (Nov 30, Dec 31, Jan 31), never chained.
    expect(
      eventsOf(page.events, ids.b).map((e) => [
        e.periodIndex,
        e.periodEnd,
        e.noticeDeadline,
        e.nextPeriodStart,
        e.reminderWindowStart,
        e.reminderWindowEnd,
      ]),
    ).toEqual([
      [0, "2024-11-29", "2024-10-29", "2024-11-30", "2024-07-29", "2024-09-29"],
      [1, "2024-12-30", "2024-11-29", "2024-12-31", "2024-08-29", "2024-10-29"],
      [2, "2025-01-30", "2024-12-30", "2025-01-31", "2024-09-30", "2024-11-30"],
    ]);
    expect(eventsOf(page.events, ids.d)).toEqual([]);
    expect(eventsOf(page.events, ids.e)).toEqual([]);
    expect(eventsOf(page.events, ids.f).map((e) => [e.periodIndex, e.periodEnd, e.contractStatus])).toEqual([
      [0, "2025-01-14", "ENDED"],
    ]);
    expect(eventsOf(page.events, ids.g)).toEqual([]);

    const later = await schedule({ from: "2025-02-01", to: "2027-01-31" });
    // Micro customer (no reminder), 30 days notice: 2026-03-01 - 30 days - 1 day.
    expect(
      eventsOf(later.events, ids.d).map((e) => [
        e.periodIndex,
        e.periodEnd,
        e.noticeDeadline,
        e.reminderRequired,
        e.reminderWindowStart,
      ]),
    ).toEqual([[0, "2026-02-28", "2026-01-29", false, null]]);
    // No tacit renewal: one event, nothing after it, no reminder even for a renewal-less contract.
    expect(
      eventsOf(later.events, ids.e).map((e) => [
        e.periodIndex,
        e.periodEnd,
        e.noticeDeadline,
        e.nextPeriodStart,
        e.reminderRequired,
      ]),
    ).toEqual([[0, "2025-05-09", "2025-05-09", null, false]]);
    // A notice: period ends up to the end date only; the last one does not renew, so needs no reminder.
    expect(
      eventsOf(later.events, ids.f).map((e) => [
        e.periodIndex,
        e.periodEnd,
        e.nextPeriodStart,
        e.reminderRequired,
        e.reminderWindowEnd,
      ]),
    ).toEqual([[1, "2026-01-14", null, false, null]]);
    expect(eventsOf(later.events, ids.a).map((e) => e.periodEnd)).toEqual(["2026-01-14", "2027-01-14"]);
  });

  it("excludes contracts ended before the window and shows their last period inside it", async () => {
    const during = await schedule({ from: "2022-01-01", to: "2022-12-31" });
    expect(eventsOf(during.events, ids.g).map((e) => [e.periodIndex, e.periodEnd, e.nextPeriodStart, e.contractStatus])).toEqual([
      [2, "2022-12-31", null, "ENDED"],
    ]);
    const after = await schedule({ from: "2023-01-01", to: "2023-12-31" });
    expect(eventsOf(after.events, ids.g)).toEqual([]);
  });

  it("filters by family and by customer", async () => {
    const mobile = await schedule({ from: "2024-01-01", to: "2026-12-31", families: ["MOBILE_FLEET"] });
    expect(new Set(mobile.events.map((e) => e.family))).toEqual(new Set(["MOBILE_FLEET"]));
    expect(eventsOf(mobile.events, ids.b).length).toBeGreaterThan(20);
    const two = await schedule({ from: "2024-01-01", to: "2026-12-31", families: ["BACKUP", "IP_TELEPHONY"] });
    expect(new Set(two.events.map((e) => e.family))).toEqual(new Set(["BACKUP", "IP_TELEPHONY"]));
    const consumer = await schedule({ from: "2024-01-01", to: "2026-12-31", customerId: String(customers.consumer) });
    expect(new Set(consumer.events.map((e) => e.contractId))).toEqual(new Set([String(ids.a), String(ids.f)]));
    expect(consumer.totalCount).toBe(consumer.events.length);
    const nobody = await schedule({ from: "2024-01-01", to: "2026-12-31", customerId: "999999" });
    expect(nobody).toEqual({ totalCount: 0, events: [], endCursor: null, hasNextPage: false });
  });

  it("pages through every event exactly once, in (periodEnd, contractId, periodIndex) order", async () => {
    const window = { from: "2024-06-01", to: "2026-05-31" };
    const whole = await schedule({ ...window, first: 5000 });
    expect(whole.hasNextPage).toBe(false);
    expect(whole.events.length).toBe(whole.totalCount);

    // Independent expectation: every stored contract, read through the ORM, through the domain.
    const contracts = await manager().find(Contract);
    const expected = contracts
      .filter((c) => (c.endDate === null ? c.status !== "ENDED" : c.endDate >= window.from))
      .flatMap((c) => {
        const to = c.endDate !== null && c.endDate < window.to ? c.endDate : window.to;
        return renewalEvents(c, window.from, to).map((e) => `${e.periodEnd}|${String(c.id).padStart(10, "0")}|${e.periodIndex}`);
      })
      .sort();
    const keyOf = (e: Event) => `${e.periodEnd}|${String(e.contractId).padStart(10, "0")}|${e.periodIndex}`;
    expect(whole.events.map(keyOf)).toEqual(expected);

    const paged: Event[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(100);
      const page = await schedule({ ...window, first: 7, after });
      expect(page.totalCount).toBe(whole.totalCount);
      expect(page.events.length).toBeLessThanOrEqual(7);
      paged.push(...page.events);
      if (!page.hasNextPage) break;
      expect(page.endCursor).not.toBeNull();
      after = page.endCursor;
    }
    expect(paged).toEqual(whole.events);
    // first: 0 answers the count only.
    expect(await schedule({ ...window, first: 0 })).toMatchObject({
      totalCount: whole.totalCount,
      events: [],
      hasNextPage: true,
    });
  });

  it("uses a constant number of SQL queries per page, whatever the number of contracts", async () => {
    const queriesFor = async (count: number) => {
      const customer = await insertCustomer(manager(), { name: `Volume ${count}`, category: "NON_PROFIT" });
      await insertContracts(
        manager(),
        Array.from({ length: count }, (_, i) => ({
          customerId: customer.id,
          family: i % 2 === 0 ? ("MOBILE_FLEET" as const) : ("IP_ACCESS_WIRED" as const),
          startDate: addDays("2023-01-01", i * 3),
          initialTermMonths: i % 2 === 0 ? 3 : 36,
          renewalTermMonths: i % 2 === 0 ? 1 : 12,
          noticeMonths: 1,
        })),
      );
      const { result, queries } = await countQueries(manager(), () =>
        server.gql(reader, SCHEDULE, { from: "2024-01-01", to: "2025-12-31", customerId: String(customer.id), first: 5000 }),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.renewalSchedule.events.length).toBeGreaterThan(count / 2);
      return queries.length;
    };
    const few = await queriesFor(5);
    const many = await queriesFor(300);
    expect(many).toBe(few);
  });

  describe("recordRenewalReminder", () => {
    const remind = (input: Record<string, unknown>, token = finance) => server.gql(token, REMINDER, { input });

    it("records a reminder, shows its date in the schedule, and is idempotent", async () => {
      const input = { contractId: String(ids.a), periodIndex: 0, sentOn: "2024-09-02" };
      const first = await remind(input);
      expect(first.errors).toBeUndefined();
      expect(first.data?.recordRenewalReminder).toEqual({
        contractId: String(ids.a),
        periodIndex: 0,
        sentOn: "2024-09-02",
        periodEnd: "2025-01-14",
        noticeDeadline: "2024-11-14",
        reminderWindowStart: "2024-08-14",
        reminderWindowEnd: "2024-10-14",
      });
      expect((await remind(input)).data?.recordRenewalReminder).toEqual(first.data?.recordRenewalReminder);
      const other = await remind({ ...input, sentOn: "2024-09-03" });
      expect(other.errors?.[0]?.extensions?.code).toBe("CONFLICT");

      const page = await schedule({ from: "2024-10-01", to: "2026-01-31", customerId: String(customers.consumer) });
      expect(eventsOf(page.events, ids.a).map((e) => [e.periodIndex, e.reminderSentOn])).toEqual([
        [0, "2024-09-02"],
        [1, null],
      ]);
    });

    it("accepts a reminder only where one is due, on a plausible date", async () => {
      const nonProfit = await remind({ contractId: String(ids.b), periodIndex: 1, sentOn: "2024-09-15" });
      expect(nonProfit.errors).toBeUndefined();
      expect(
        await errorFields(REMINDER, { input: { contractId: String(ids.d), periodIndex: 0, sentOn: "2025-12-01" } }, finance),
      ).toEqual(["contractId"]);
      expect(
        await errorFields(REMINDER, { input: { contractId: String(ids.e), periodIndex: 0, sentOn: "2025-03-01" } }, finance),
      ).toEqual(["contractId"]);
      // Period 1 of the contract with a notice ends it: no renewal to announce.
      expect(
        await errorFields(REMINDER, { input: { contractId: String(ids.f), periodIndex: 1, sentOn: "2025-09-01" } }, finance),
      ).toEqual(["periodIndex"]);
      for (const periodIndex of [-1, 1_000_000_000]) {
        expect(
          await errorFields(REMINDER, { input: { contractId: String(ids.a), periodIndex, sentOn: "2025-09-01" } }, finance),
        ).toEqual(["periodIndex"]);
      }
      const dated = async (periodIndex: number, sentOn: string) =>
        errorFields(REMINDER, { input: { contractId: String(ids.a), periodIndex, sentOn } }, finance);
      expect(await dated(1, "2025-11-15")).toEqual(["sentOn"]); // the day after period 1's deadline
      expect(await dated(1, "2024-01-14")).toEqual(["sentOn"]); // before the contract's start
      expect(await dated(5, addDays(todayInParis(), 1))).toEqual(["sentOn"]); // in the future
      const missing = await remind({ contractId: "424242", periodIndex: 0, sentOn: "2025-01-01" });
      expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      for (const role of ["INTEGRATOR", "SALES", "TECHNICIAN"] as const) {
        const refused = await remind(
          { contractId: String(ids.a), periodIndex: 1, sentOn: "2025-09-01" },
          await server.createToken(role),
        );
        expect(refused.errors?.[0]?.extensions?.code, role).toBe("FORBIDDEN");
      }
    });
  });

  it("refuses bad windows, page sizes and cursors, naming the argument", async () => {
    expect(await errorFields(SCHEDULE, { from: "2025-01-01", to: "2024-12-31" })).toEqual(["to"]);
    expect(await errorFields(SCHEDULE, { from: "2025-01-01", to: "2035-01-01" })).toEqual(["to"]);
    expect((await schedule({ from: "2025-01-01", to: "2034-12-31", first: 0 })).events).toEqual([]);
    expect(await errorFields(SCHEDULE, { from: "2025-01-01", to: "2025-12-31", first: 5001 })).toEqual(["first"]);
    expect(await errorFields(SCHEDULE, { from: "2025-01-01", to: "2025-12-31", first: -1 })).toEqual(["first"]);
    expect(await errorFields(SCHEDULE, { from: "2025-01-01", to: "2025-12-31", after: "bm90LWEtY3Vyc29y" })).toEqual(["after"]);
    expect(await errorFields(SCHEDULE, { from: "2025-02-30", to: "2025-12-31" })).toEqual(["from"]);
    expect(await errorFields(SCHEDULE, { from: "1800-01-01", to: "1800-12-31" })).toEqual(["from", "to"]);
  });

  it("answers any role", async () => {
    for (const role of ["ADMIN", "SALES", "FINANCE", "TECHNICIAN", "INTEGRATOR"] as const) {
      const page = await schedule({ from: "2024-10-01", to: "2025-01-31", first: 1 }, await server.createToken(role));
      expect(page.events).toHaveLength(1);
    }
    const customerCount = await manager().count(Customer);
    expect(customerCount).toBeGreaterThan(0);
  });
});
