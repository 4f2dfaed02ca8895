import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import {
  CUSTOMER_CATEGORIES,
  type CustomerCategory,
  SERVICE_FAMILIES,
  type ServiceFamily,
} from "../../server/src/domain/catalogue.js";
import { AuditLog, Contract } from "../../server/src/entities/index.js";
import {
  type ContractFixture,
  countQueries,
  insertContract,
  insertContracts,
  insertCustomer,
} from "../support/contract-fixtures.js";
import { type GraphQLResponse, startTestServer, type TestServer } from "../support/server.js";

const STATUS_FIELDS = `periodIndex inInitialTerm currentPeriodStart currentPeriodEnd initialTermEnd noticeDeadline
  nextNoticeDeadline earliestEndDate nextRenewalDate remainingCycles earlyTerminationFeeCents`;
const PREVIEW = `query Preview($input: CommitmentInput!) { commitmentPreview(input: $input) { ${STATUS_FIELDS} } }`;
const CONTRACT = `query One($id: ID!, $asOf: LocalDate) {
  contract(id: $id) {
    id status startDate monthlyAmountCents endDate noticeReceivedOn version
    customer { id name category }
    offer { code family termsVersion { code effectiveDate } }
    commitment(asOf: $asOf) { ${STATUS_FIELDS} }
  }
}`;
const NOTICE = `mutation Notice($input: RecordTerminationNoticeInput!) {
  recordTerminationNotice(input: $input) { id status endDate noticeReceivedOn version }
}`;

describe(`contracts (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let reader: string;
  let finance: string;
  const manager = () => server.app.database.manager;

  beforeAll(async () => {
    server = await startTestServer();
    reader = await server.createToken("INTEGRATOR");
    finance = await server.createToken("FINANCE");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("reads a contract with its customer, offer and terms version; null when absent", async () => {
    const customer = await insertCustomer(manager(), { name: "Lecture SARL", category: "SMALL" });
    const contract = await insertContract(manager(), {
      customerId: customer.id,
      family: "IP_TELEPHONY",
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      monthlyAmountCents: 2000,
    });
    const response = await server.gql(reader, CONTRACT, { id: String(contract.id), asOf: "2025-06-10" });
    expect(response.errors).toBeUndefined();
    expect(response.data?.contract).toMatchObject({
      id: String(contract.id),
      status: "ACTIVE",
      startDate: "2025-01-20",
      monthlyAmountCents: 2000,
      endDate: null,
      customer: { id: String(customer.id), name: "Lecture SARL", category: "SMALL" },
      offer: {
        code: "IP-TELEPHONY",
        family: "IP_TELEPHONY",
        termsVersion: { code: "CGV-2020-02-01", effectiveDate: "2020-02-01" },
      },
      // SPEC example 5 (a SMALL customer is protected like a MICRO one).
      commitment: {
        currentPeriodEnd: "2027-01-19",
        noticeDeadline: "2026-12-20",
        remainingCycles: 19,
        earlyTerminationFeeCents: 14000,
      },
    });
    const missing = await server.gql(reader, CONTRACT, { id: "999999" });
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.contract).toBeNull();
    for (const id of ["abc", "0", "-1"]) {
      const malformed = await server.gql(reader, CONTRACT, { id });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "id" }] });
    }
  });

  it("defaults asOf to today in Europe/Paris", async () => {
    const customer = await insertCustomer(manager());
    const contract = await insertContract(manager(), {
      customerId: customer.id,
      startDate: "2020-01-01",
      initialTermMonths: 12,
      renewalTermMonths: 1,
    });
    const response = await server.gql(reader, CONTRACT, { id: String(contract.id) });
    const today = todayInParis();
    const commitment = response.data?.contract.commitment;
    expect(commitment.currentPeriodStart <= today && today <= commitment.currentPeriodEnd).toBe(true);
    const explicit = await server.gql(reader, CONTRACT, { id: String(contract.id), asOf: today });
    expect(explicit.data?.contract.commitment).toEqual(commitment);
  });

  it("gives a stored contract's commitment exactly as commitmentPreview gives it for the same terms", async () => {
    const cases: [CustomerCategory, string | null, ServiceFamily, Partial<ContractFixture>][] = [
      [
        "OTHER",
        null,
        "IP_ACCESS_WIRED",
        { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3 },
      ],
      ["MICRO", null, "IP_TELEPHONY", { startDate: "2025-01-20", initialTermMonths: 24, renewalTermMonths: 12, noticeDays: 30 }],
      [
        "MICRO",
        null,
        "IP_TELEPHONY",
        { startDate: "2025-01-20", initialTermMonths: 24, renewalTermMonths: 12, subsidisedDevice: true },
      ],
      [
        "SMALL",
        "2024-01-15",
        "IP_ACCESS_WIRED",
        { startDate: "2024-01-31", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3 },
      ],
      [
        "CONSUMER",
        null,
        "MOBILE_FLEET",
        { startDate: "2024-08-31", initialTermMonths: 3, renewalTermMonths: 1, noticeMonths: 1 },
      ],
      ["NON_PROFIT", null, "BACKUP", { startDate: "2024-02-29", initialTermMonths: 12, renewalTermMonths: 0, noticeDays: 45 }],
    ];
    for (const [category, waiverSignedOn, family, terms] of cases) {
      const customer = await insertCustomer(manager(), { category, waiverSignedOn });
      const contract = await insertContract(manager(), {
        ...(terms as ContractFixture),
        customerId: customer.id,
        family,
        monthlyAmountCents: 4321,
      });
      for (const asOf of ["2024-01-01", "2025-06-10", "2026-01-19", "2026-02-01", "2027-12-10", "2031-05-31"]) {
        const stored = await server.gql(reader, CONTRACT, { id: String(contract.id), asOf });
        const preview = await server.gql(reader, PREVIEW, {
          input: {
            startDate: contract.startDate,
            initialTermMonths: contract.initialTermMonths,
            renewalTermMonths: contract.renewalTermMonths,
            noticeMonths: contract.noticeMonths,
            noticeDays: contract.noticeDays,
            asOf,
            monthlyAmountCents: contract.monthlyAmountCents,
            customerCategory: category,
            serviceFamily: family,
            waiverSigned: waiverSignedOn !== null,
            subsidisedDevice: contract.subsidisedDevice,
          },
        });
        expect(preview.errors).toBeUndefined();
        expect(stored.data?.contract.commitment, `${category} ${family} ${asOf}`).toEqual(preview.data?.commitmentPreview);
      }
    }
  });

  it("reads a stored protected contract over 24 months instead of failing, with the protected fee", async () => {
    const customer = await insertCustomer(manager(), { category: "CONSUMER" });
    const contract = await insertContract(manager(), {
      customerId: customer.id,
      family: "IP_ACCESS_WIRED",
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      monthlyAmountCents: 5900,
    });
    const input = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3, asOf: "2026-06-01" };
    const preview = await server.gql(reader, PREVIEW, {
      input: { ...input, customerCategory: "CONSUMER", serviceFamily: "IP_ACCESS_WIRED" },
    });
    expect(preview.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("initialTermMonths");
    const stored = await server.gql(reader, CONTRACT, { id: String(contract.id), asOf: "2026-06-01" });
    expect(stored.errors).toBeUndefined();
    // After month 12 of a protected initial term: no fee, although 21 cycles remain.
    expect(stored.data?.contract.commitment).toMatchObject({
      initialTermEnd: "2028-03-09",
      remainingCycles: 21,
      earlyTerminationFeeCents: 0,
    });
  });

  it("lists contracts page by page, filtered by customer and by status as of today", async () => {
    const customer = await insertCustomer(manager(), { name: "Liste SA" });
    const today = todayInParis();
    const ended = await insertContract(manager(), {
      customerId: customer.id,
      startDate: "2020-01-01",
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeReceivedOn: "2020-06-01",
      endDate: "2020-12-31",
      status: "NOTICE_RECEIVED",
    });
    const noticed = await insertContract(manager(), {
      customerId: customer.id,
      startDate: today,
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeReceivedOn: today,
      endDate: addDays(addMonths(today, 12), -1),
    });
    const active = await insertContracts(
      manager(),
      Array.from({ length: 5 }, (_, i) => ({
        customerId: customer.id,
        startDate: `2024-0${i + 1}-15`,
        initialTermMonths: 12,
        renewalTermMonths: 12,
      })),
    );
    const LIST = `query List($customerId: ID, $status: ContractStatus, $first: Int, $after: String) {
      contracts(customerId: $customerId, status: $status, first: $first, after: $after) {
        totalCount endCursor hasNextPage contracts { id status }
      }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response: GraphQLResponse = await server.gql(reader, LIST, { customerId: String(customer.id), first: 3, after });
      expect(response.errors).toBeUndefined();
      const result = response.data?.contracts;
      expect(result.totalCount).toBe(7);
      seen.push(...result.contracts.map((c: { id: string }) => c.id));
      if (!result.hasNextPage) break;
      after = result.endCursor;
    }
    expect(seen).toEqual([ended, noticed, ...active].map((c) => String(c.id)));

    const byStatus = async (status: string) => {
      const response = await server.gql(reader, LIST, { customerId: String(customer.id), status });
      return response.data?.contracts.contracts.map((c: { id: string; status: string }) => [c.id, c.status]);
    };
    expect(await byStatus("ENDED")).toEqual([[String(ended.id), "ENDED"]]);
    expect(await byStatus("NOTICE_RECEIVED")).toEqual([[String(noticed.id), "NOTICE_RECEIVED"]]);
    expect(await byStatus("ACTIVE")).toEqual(active.map((c) => [String(c.id), "ACTIVE"]));

    const tooMany = await server.gql(reader, LIST, { first: 501 });
    expect(tooMany.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: "first" })]);
    const badCursor = await server.gql(reader, LIST, { after: "not-a-cursor" });
    expect(badCursor.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: "after" })]);
  });

  it("resolves customers, offers and commitments of a list in a constant number of queries", async () => {
    const LIST = `query List($customerId: ID) {
      contracts(customerId: $customerId, first: 500) {
        contracts {
          id status commitment(asOf: "2026-01-01") { earliestEndDate earlyTerminationFeeCents }
          offer { code termsVersion { code } }
          customer { name category contracts { id } }
        }
      }
    }`;
    const queriesFor = async (count: number) => {
      const customer = await insertCustomer(manager(), { category: "MICRO" });
      await insertContracts(
        manager(),
        Array.from({ length: count }, (_, i) => ({
          customerId: customer.id,
          family: SERVICE_FAMILIES[i % SERVICE_FAMILIES.length],
          startDate: "2025-01-20",
          initialTermMonths: 24,
          renewalTermMonths: 12,
          monthlyAmountCents: 100 + i,
        })),
      );
      const { result, queries } = await countQueries(manager(), () =>
        server.gql(reader, LIST, { customerId: String(customer.id) }),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.contracts.contracts).toHaveLength(count);
      return queries.length;
    };
    const few = await queriesFor(3);
    const many = await queriesFor(120);
    expect(many).toBe(few);
  });

  it("holds the period and notice invariants on a few hundred random stored contracts (fast-check)", async () => {
    const customers = await Promise.all(
      CUSTOMER_CATEGORIES.flatMap((c) => [
        insertCustomer(manager(), { name: `Random ${c}`, category: c }),
        insertCustomer(manager(), { name: `Random ${c} waived`, category: c, waiverSignedOn: "2020-01-01" }),
      ]),
    );
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays("2000-01-01", n));
    const terms = fc
      .record({
        customerIndex: fc.nat({ max: customers.length - 1 }),
        family: fc.constantFrom(...SERVICE_FAMILIES),
        startDate: fc.oneof(day, fc.constantFrom("2024-02-29", "2023-01-31", "2024-08-31", "2025-03-31")),
        initialTermMonths: fc.integer({ min: 1, max: 60 }),
        renewalTermMonths: fc.oneof(fc.constant(0), fc.constantFrom(1, 12), fc.integer({ min: 1, max: 36 })),
        monthlyAmountCents: fc.integer({ min: 0, max: 1_000_000 }),
        subsidisedDevice: fc.boolean(),
      })
      .chain((t) => {
        // A notice no longer than the shortest period it governs (longer ones are refused: SPEC section 3).
        const shortest = t.renewalTermMonths > 0 ? Math.min(t.initialTermMonths, t.renewalTermMonths) : t.initialTermMonths;
        const notice = fc.oneof(
          fc.constant({}),
          fc.integer({ min: 0, max: Math.min(6, shortest) }).map((n) => ({ noticeMonths: n })),
          fc.integer({ min: 0, max: Math.min(90, 31 * shortest) }).map((n) => ({ noticeDays: n })),
        );
        return notice.map((n) => ({ ...t, notice: n }));
      });
    const generated = fc.sample(terms, { numRuns: 300, seed: 20251126 });
    const stored = await insertContracts(
      manager(),
      generated.map((t) => ({
        customerId: (customers[t.customerIndex] as { id: number }).id,
        family: t.family,
        startDate: t.startDate,
        initialTermMonths: t.initialTermMonths,
        renewalTermMonths: t.renewalTermMonths,
        ...t.notice,
        monthlyAmountCents: t.monthlyAmountCents,
        subsidisedDevice: t.subsidisedDevice,
      })),
    );
    const ids = new Set(stored.map((c) => String(c.id)));
    const byId = new Map(stored.map((c) => [String(c.id), c]));
    const LIST = `query All($asOf: LocalDate, $after: String) {
      contracts(first: 500, after: $after) { hasNextPage endCursor contracts { id commitment(asOf: $asOf) { ${STATUS_FIELDS} } } }
    }`;

    await fc.assert(
      fc.asyncProperty(day, async (asOf) => {
        let checked = 0;
        let after: string | null = null;
        for (;;) {
          const response: GraphQLResponse = await server.gql(reader, LIST, { asOf, after });
          expect(response.errors).toBeUndefined();
          for (const { id, commitment: s } of response.data?.contracts.contracts ?? []) {
            if (!ids.has(id)) continue;
            const c = byId.get(id) as Contract;
            checked++;
            const ended = c.renewalTermMonths === 0 && asOf > s.initialTermEnd;
            expect(s.noticeDeadline <= s.currentPeriodEnd).toBe(true);
            expect(s.currentPeriodStart <= s.currentPeriodEnd).toBe(true);
            expect(s.currentPeriodStart <= asOf || s.periodIndex === 0).toBe(true);
            expect(asOf <= s.currentPeriodEnd || ended).toBe(true);
            expect(s.inInitialTerm).toBe(s.periodIndex === 0);
            expect(s.initialTermEnd).toBe(addDays(addMonths(c.startDate, c.initialTermMonths), -1));
            expect(Number.isInteger(s.earlyTerminationFeeCents) && s.earlyTerminationFeeCents >= 0).toBe(true);
            expect(s.earlyTerminationFeeCents).toBeLessThanOrEqual(s.remainingCycles * c.monthlyAmountCents);
            expect(Number.isInteger(s.remainingCycles) && s.remainingCycles >= 0).toBe(true);
            expect(s.earliestEndDate >= asOf || ended).toBe(true);
            expect(s.earliestEndDate >= s.currentPeriodEnd || ended).toBe(true);
            if (s.nextNoticeDeadline !== null) expect(s.nextNoticeDeadline >= asOf).toBe(true);
            if (c.renewalTermMonths === 0) expect(s.nextRenewalDate).toBeNull();
            else expect(s.nextRenewalDate).toBe(addDays(s.currentPeriodEnd, 1));
            // Boundaries never drift: each period starts on EDATE(start, I + (k-1)R).
            const offset = s.periodIndex === 0 ? 0 : c.initialTermMonths + (s.periodIndex - 1) * c.renewalTermMonths;
            expect(s.currentPeriodStart).toBe(addMonths(c.startDate, offset));
          }
          if (!response.data?.contracts.hasNextPage) break;
          after = response.data.contracts.endCursor;
        }
        expect(checked).toBe(stored.length);
      }),
      { numRuns: 8, seed: 42 },
    );
  });

  describe("recordTerminationNotice", () => {
    // SPEC example 1's contract: 2025-03-10, 36 + 12 months, 3 months notice; deadline 2027-12-09.
    const specContract = async () => {
      const customer = await insertCustomer(manager());
      return insertContract(manager(), {
        customerId: customer.id,
        startDate: "2025-03-10",
        initialTermMonths: 36,
        renewalTermMonths: 12,
        noticeMonths: 3,
        monthlyAmountCents: 5900,
      });
    };
    const notice = (token: string, input: Record<string, unknown>) => server.gql(token, NOTICE, { input });

    it("ends the contract at the current period's end on the deadline day, a period later the day after", async () => {
      const onDeadline = await specContract();
      const dayAfter = await specContract();
      const first = await notice(finance, { contractId: String(onDeadline.id), receivedOn: "2027-12-09" });
      expect(first.errors).toBeUndefined();
      expect(first.data?.recordTerminationNotice).toMatchObject({
        status: "NOTICE_RECEIVED",
        endDate: "2028-03-09",
        noticeReceivedOn: "2027-12-09",
        version: onDeadline.version + 1,
      });
      const second = await notice(finance, { contractId: String(dayAfter.id), receivedOn: "2027-12-10" });
      expect(second.data?.recordTerminationNotice).toMatchObject({ endDate: "2029-03-09" });

      const audit = await manager().findOneByOrFail(AuditLog, {
        action: "recordTerminationNotice",
        entityId: String(onDeadline.id),
      });
      expect(audit.before).toMatchObject({ status: "ACTIVE", endDate: null });
      expect(audit.after).toMatchObject({ status: "NOTICE_RECEIVED", endDate: "2028-03-09", noticeReceivedOn: "2027-12-09" });
    });

    it("is idempotent for the same date, a CONFLICT for another, and checks the version", async () => {
      const contract = await specContract();
      const input = { contractId: String(contract.id), receivedOn: "2026-01-15", expectedVersion: contract.version };
      const first = await notice(finance, input);
      expect(first.errors).toBeUndefined();
      // A retry (same date, the version it had read) returns the contract unchanged.
      const retry = await notice(finance, input);
      expect(retry.errors).toBeUndefined();
      expect(retry.data?.recordTerminationNotice).toEqual(first.data?.recordTerminationNotice);
      const other = await notice(finance, { contractId: String(contract.id), receivedOn: "2026-01-16" });
      expect(other.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(await manager().countBy(AuditLog, { action: "recordTerminationNotice", entityId: String(contract.id) })).toBe(1);

      const fresh = await specContract();
      const stale = await notice(finance, {
        contractId: String(fresh.id),
        receivedOn: "2026-01-15",
        expectedVersion: fresh.version + 7,
      });
      expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect((await manager().findOneByOrFail(Contract, { id: fresh.id })).endDate).toBeNull();
    });

    it("refuses a notice before the start date, an unknown contract, and roles that may not", async () => {
      const contract = await specContract();
      const early = await notice(finance, { contractId: String(contract.id), receivedOn: "2025-03-09" });
      expect(early.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(early.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["receivedOn"]);
      const badDate = await notice(finance, { contractId: String(contract.id), receivedOn: "2026-02-30" });
      expect(badDate.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["receivedOn"]);
      const missing = await notice(finance, { contractId: "987654", receivedOn: "2026-01-01" });
      expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      for (const role of ["INTEGRATOR", "SALES", "TECHNICIAN"] as const) {
        const refused = await notice(await server.createToken(role), {
          contractId: String(contract.id),
          receivedOn: "2026-01-01",
        });
        expect(refused.errors?.[0]?.extensions?.code, role).toBe("FORBIDDEN");
      }
      expect((await manager().findOneByOrFail(Contract, { id: contract.id })).noticeReceivedOn).toBeNull();
      const admin = await notice(await server.createToken("ADMIN"), {
        contractId: String(contract.id),
        receivedOn: "2026-01-01",
      });
      expect(admin.data?.recordTerminationNotice.endDate).toBe("2028-03-09");
    });

    it("shows the contract ENDED once its end date has passed", async () => {
      const customer = await insertCustomer(manager());
      const contract = await insertContract(manager(), {
        customerId: customer.id,
        family: "MOBILE_FLEET",
        startDate: "2024-08-31",
        initialTermMonths: 3,
        renewalTermMonths: 1,
        noticeMonths: 1,
      });
      const response = await notice(finance, { contractId: String(contract.id), receivedOn: "2024-10-30" });
      // SPEC example 3: a notice the day after the deadline ends the first renewal, 2024-12-30.
      expect(response.data?.recordTerminationNotice).toMatchObject({ endDate: "2024-12-30", status: "ENDED" });
      expect((await manager().findOneByOrFail(Contract, { id: contract.id })).status).toBe("NOTICE_RECEIVED");
      const again = await notice(finance, { contractId: String(contract.id), receivedOn: "2024-11-02" });
      expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    });
  });
});
