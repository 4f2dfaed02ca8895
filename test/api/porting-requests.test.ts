import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "../../server/src/domain/calendar.js";
import { portingLegalDeadline } from "../../server/src/domain/porting-request.js";
import { rioKey } from "../../server/src/domain/rio.js";
import { isWorkingDay } from "../../server/src/domain/working-days.js";
import { AuditLog, PortingRequest } from "../../server/src/entities/index.js";
import { insertContract, insertCustomer } from "../support/contract-fixtures.js";
import { CREATE_GRID, createCustomer, createQuote, registerMandate } from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

const today = todayInParis();
const MOBILE = "06 12 34 56 78";
const MOBILE_RIO = `01PEROY4P${rioKey("01PEROY4P", "0612345678")}`;
const GEOGRAPHIC = "01 45 67 89 01";

const GRID = {
  effectiveFrom: addDays(today, -2),
  rows: [
    {
      direction: "INBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 1500 }],
      fixedFeeCents: 0,
    },
    {
      direction: "INBOUND",
      numberKind: "MOBILE",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 800 }],
      fixedFeeCents: 0,
    },
  ],
};

const REQUEST_FIELDS =
  "id number kind direction rio status requestedOn legalDeadline plannedOn completedOn rejectionReason contract { id }";
const SIGNED_QUOTE = `mutation($input: SignQuoteInput!) { signQuote(input: $input) { id status portingRequests { ${REQUEST_FIELDS} } contracts { id portingRequests { id number } } } }`;
const SCHEDULE = `mutation($id: ID!, $plannedOn: LocalDate!) { schedulePorting(id: $id, plannedOn: $plannedOn) { ${REQUEST_FIELDS} } }`;
const COMPLETE = `mutation($id: ID!, $completedOn: LocalDate!) { completePorting(id: $id, completedOn: $completedOn) { ${REQUEST_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectPorting(id: $id, reason: $reason) { ${REQUEST_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelPorting(id: $id) { ${REQUEST_FIELDS} } }`;
const LIST = `query($status: PortingStatus, $direction: PortingDirection, $customerId: ID, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
  portingRequests(status: $status, direction: $direction, customerId: $customerId, from: $from, to: $to, first: $first, after: $after) {
    totalCount endCursor hasNextPage portingRequests { id number status plannedOn }
  }
}`;

/**
 * Issue 13 "Porting requests you can follow": after signing a quote that ports a mobile and a
 * geographic number, Quote.portingRequests lists both with their legal deadlines, a TECHNICIAN can
 * schedule, complete or reject them (audited, idempotent), every role reads them, and the list
 * filters and pages.
 */
describe(`porting requests (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let sales: string;
  let technician: string;
  let integrator: string;
  let finance: string;
  let customerId: string;
  let signed: Record<string, any>;

  const ask = (token: string, query: string, variables: Record<string, unknown>) => server.gql(token, query, variables);

  beforeAll(async () => {
    server = await startTestServer();
    sales = await server.createToken("SALES");
    technician = await server.createToken("TECHNICIAN");
    integrator = await server.createToken("INTEGRATOR");
    finance = await server.createToken("FINANCE");
    const admin = await server.createToken("ADMIN");
    expect((await server.gql(admin, CREATE_GRID, { input: GRID })).errors).toBeUndefined();
    customerId = await createCustomer(server, sales, { name: "Porting Follow SARL", category: "OTHER" });
    await registerMandate(server, sales, customerId, { signedOn: addDays(today, -3) });
    const quote = await createQuote(server, sales, {
      customerId,
      lines: [
        {
          offerCode: "IP-TELEPHONY",
          quantity: 2,
          monthlyUnitPriceCents: 1990,
          setupFeeCents: 0,
          portingDirection: "INBOUND",
          portingNumbers: [MOBILE, GEOGRAPHIC],
          portingRios: [MOBILE_RIO, null],
        },
      ],
    });
    const response = await ask(sales, SIGNED_QUOTE, {
      input: { quoteId: quote.id, signerName: "Claire Roux", idempotencyKey: "porting-1" },
    });
    expect(response.errors).toBeUndefined();
    signed = response.data?.signQuote;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists both numbers of a signed quote with their legal deadlines (MOBILE 1 working day, others 7)", () => {
    const [mobile, geographic] = signed.portingRequests;
    expect(mobile).toMatchObject({
      number: "+33612345678",
      kind: "MOBILE",
      direction: "INBOUND",
      rio: MOBILE_RIO,
      status: "REQUESTED",
      requestedOn: today,
      completedOn: null,
      rejectionReason: null,
      contract: { id: signed.contracts[0].id },
    });
    expect(geographic).toMatchObject({ number: "+33145678901", kind: "GEOGRAPHIC", rio: null, status: "REQUESTED" });
    expect(mobile.legalDeadline).toBe(portingLegalDeadline("MOBILE", today));
    expect(geographic.legalDeadline).toBe(portingLegalDeadline("GEOGRAPHIC", today));
    for (const request of [mobile, geographic]) {
      expect(request.plannedOn).toBe(request.legalDeadline);
      expect(request.legalDeadline > today && isWorkingDay(request.legalDeadline)).toBe(true);
    }
    expect(signed.contracts[0].portingRequests.map((r: { number: string }) => r.number)).toEqual([
      "+33612345678",
      "+33145678901",
    ]);
  });

  it("computes the deadline of a stored request: Thursday 2026-12-24 → Monday 2026-12-28 (mobile), 2027-01-06 (geographic)", async () => {
    const manager = server.app.database.manager;
    const customer = await insertCustomer(manager, { name: "Noël SARL", category: "OTHER" });
    const contract = await insertContract(manager, {
      customerId: customer.id,
      family: "IP_TELEPHONY",
      startDate: "2026-12-24",
      initialTermMonths: 24,
      renewalTermMonths: 12,
    });
    const base = {
      customerId: customer.id,
      contractId: contract.id,
      quoteLineId: null,
      direction: "INBOUND" as const,
      rio: null,
      status: "REQUESTED" as const,
      requestedOn: "2026-12-24",
      completedOn: null,
      rejectionReason: null,
      createdAt: new Date(),
    };
    await manager.insert(PortingRequest, [
      { ...base, number: "+33712345678", numberKind: "MOBILE", plannedOn: "2026-12-28" },
      { ...base, number: "+33298765432", numberKind: "GEOGRAPHIC", plannedOn: "2027-01-06" },
    ]);
    const read = await ask(
      integrator,
      "query($id: ID!) { contract(id: $id) { portingRequests { kind legalDeadline plannedOn } } }",
      {
        id: String(contract.id),
      },
    );
    expect(read.data?.contract.portingRequests).toEqual([
      { kind: "MOBILE", legalDeadline: "2026-12-28", plannedOn: "2026-12-28" },
      { kind: "GEOGRAPHIC", legalDeadline: "2027-01-06", plannedOn: "2027-01-06" },
    ]);
  });

  it("lets a TECHNICIAN schedule (later than the deadline), complete and reject, each audited and idempotent", async () => {
    const [mobile, geographic] = signed.portingRequests;
    const later = addDays(mobile.legalDeadline, 10);
    const scheduled = await ask(technician, SCHEDULE, { id: mobile.id, plannedOn: later });
    expect(scheduled.data?.schedulePorting).toMatchObject({
      status: "SCHEDULED",
      plannedOn: later,
      legalDeadline: mobile.legalDeadline,
    });
    const again = await ask(technician, SCHEDULE, { id: mobile.id, plannedOn: later });
    expect(again.data?.schedulePorting).toEqual(scheduled.data?.schedulePorting);

    const completed = await ask(technician, COMPLETE, { id: mobile.id, completedOn: today });
    expect(completed.data?.completePorting).toMatchObject({ status: "COMPLETED", completedOn: today });
    expect((await ask(technician, COMPLETE, { id: mobile.id, completedOn: today })).errors).toBeUndefined();

    const rejected = await ask(technician, REJECT, { id: geographic.id, reason: "Numéro non portable chez l'opérateur cédant" });
    expect(rejected.data?.rejectPorting).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Numéro non portable chez l'opérateur cédant",
    });

    const audit = await server.app.database.manager.find(AuditLog, { where: { entity: "PortingRequest" }, order: { id: "ASC" } });
    expect(audit.map((row) => [row.action, row.entityId])).toEqual([
      ["schedulePorting", String(mobile.id)],
      ["completePorting", String(mobile.id)],
      ["rejectPorting", String(geographic.id)],
    ]);
  });

  it("refuses a transition from a state where it makes no sense, with BAD_USER_INPUT on id, in the reader's language", async () => {
    const [mobile, geographic] = signed.portingRequests;
    const cancel = await server.gql(technician, CANCEL, { id: mobile.id }, { "accept-language": "fr-FR" });
    expect(cancel.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      fields: [
        {
          field: "id",
          message: `La demande de portabilité ${mobile.id} est réalisée (COMPLETED) : elle ne peut pas être annulée.`,
        },
      ],
    });
    const early = await ask(technician, SCHEDULE, { id: geographic.id, plannedOn: addDays(today, -1) });
    expect(early.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["plannedOn", "id"]);
    const missing = await ask(technician, CANCEL, { id: "999999" });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", entity: "PortingRequest" });
  });

  it("lets every role read and only TECHNICIAN and ADMIN write", async () => {
    for (const token of [sales, finance, integrator, technician]) {
      const read = await ask(token, LIST, { customerId });
      expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
      expect(read.data?.portingRequests.totalCount).toBe(2);
    }
    for (const token of [sales, finance, integrator]) {
      const write = await ask(token, CANCEL, { id: signed.portingRequests[1].id });
      expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("filters by status, direction, customer and planned dates, and pages by planned date then id", async () => {
    const manager = server.app.database.manager;
    const customer = await insertCustomer(manager, { name: "Liste SARL", category: "OTHER" });
    const contract = await insertContract(manager, {
      customerId: customer.id,
      family: "IP_TELEPHONY",
      startDate: "2030-12-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
    });
    const rows = ["2031-01-05", "2031-01-03", "2031-01-03", "2031-02-01"].map((plannedOn, i) => ({
      customerId: customer.id,
      contractId: contract.id,
      quoteLineId: null,
      direction: i === 3 ? ("OUTBOUND" as const) : ("INBOUND" as const),
      number: `+3314000000${i}`,
      numberKind: "GEOGRAPHIC" as const,
      rio: null,
      status: i === 2 ? ("SCHEDULED" as const) : ("REQUESTED" as const),
      requestedOn: "2030-12-20",
      plannedOn,
      completedOn: null,
      rejectionReason: null,
      createdAt: new Date(),
    }));
    await manager.insert(PortingRequest, rows);
    const list = async (variables: Record<string, unknown>) => {
      const response = await ask(integrator, LIST, { customerId: String(customer.id), ...variables });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data?.portingRequests;
    };
    const all = await list({});
    expect(all.portingRequests.map((r: { plannedOn: string }) => r.plannedOn)).toEqual([
      "2031-01-03",
      "2031-01-03",
      "2031-01-05",
      "2031-02-01",
    ]);
    expect((await list({ status: "SCHEDULED" })).totalCount).toBe(1);
    expect((await list({ direction: "OUTBOUND" })).totalCount).toBe(1);
    expect(
      (await list({ from: "2031-01-04", to: "2031-01-31" })).portingRequests.map((r: { plannedOn: string }) => r.plannedOn),
    ).toEqual(["2031-01-05"]);
    const first = await list({ first: 3 });
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
    const second = await list({ first: 3, after: first.endCursor });
    expect(second).toMatchObject({ totalCount: 4, hasNextPage: false });
    expect([...first.portingRequests, ...second.portingRequests].map((r: { id: string }) => r.id)).toEqual(
      all.portingRequests.map((r: { id: string }) => r.id),
    );
    const bad = await ask(integrator, LIST, { first: 501, after: "nope", from: "2031-02-01", to: "2031-01-01" });
    expect(bad.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["first", "after", "to"]);
  });
});
