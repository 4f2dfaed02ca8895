import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "../../server/src/domain/calendar.js";
import { Incident } from "../../server/src/entities/index.js";
import { createCustomer, createMaintenanceContract, ok, refusal } from "../support/maintenance.js";
import { startTestServer, type TestServer } from "../support/server.js";

const CUSTOMER_A = `Société "Générale"; d'Électricité`;
const ITEMS = `query($from: LocalDate!, $to: LocalDate!, $customerId: ID, $offset: Int, $limit: Int) {
  billableItems(from: $from, to: $to, customerId: $customerId, offset: $offset, limit: $limit) {
    from to totalCount totalAmountCents offset hasMore
    items { kind sourceId customerId customerName maintenanceContractId date description minutes hourlyRateCents amountCents note } } }`;

describe(`billing export (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let tech: string;
  let finance: string;
  let customerA: string;
  let customerB: string;
  let contractA: string;
  const sheets: Record<string, string> = {};
  const incidents: Record<string, string> = {};

  const sheet = async (
    key: string,
    customerId: string,
    medium: "PAPER" | "ELECTRONIC",
    minutes: number,
    summary: string,
    fact: { signedOn?: string; sentOn?: string; contestedOn?: string },
    maintenanceContractId: string | null,
    interventionDate = "2025-02-20",
  ) => {
    const created = ok(
      await server.gql(
        tech,
        `mutation($input: CreateInterventionSheetInput!) { createInterventionSheet(input: $input) { id } }`,
        {
          input: { customerId, medium, interventionDate, minutes, summary, maintenanceContractId },
        },
      ),
    ).createInterventionSheet.id as string;
    if (fact.signedOn) {
      ok(
        await server.gql(
          tech,
          `mutation($id: ID!, $d: LocalDate!) { signInterventionSheet(id: $id, signerName: "M. Client", signedOn: $d) { id } }`,
          { id: created, d: fact.signedOn },
        ),
      );
    }
    if (fact.sentOn)
      ok(
        await server.gql(tech, `mutation($id: ID!, $d: LocalDate!) { sendInterventionSheet(id: $id, sentOn: $d) { id } }`, {
          id: created,
          d: fact.sentOn,
        }),
      );
    if (fact.contestedOn) {
      ok(
        await server.gql(
          tech,
          `mutation($id: ID!, $d: LocalDate!) { contestInterventionSheet(id: $id, reason: "No", receivedOn: $d) { id } }`,
          { id: created, d: fact.contestedOn },
        ),
      );
    }
    sheets[key] = created;
  };

  const misdeclared = async (key: string, minutesSpent: number, qualifiedAt: string) => {
    const incident = ok(
      await server.gql(tech, `mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }`, {
        input: {
          maintenanceContractId: contractA,
          declarerName: "Paul",
          channel: "FAX",
          declaredAt: "2025-03-03T10:00:00Z",
          description: "Mouse unplugged",
        },
      }),
    ).declareIncident.id as string;
    ok(
      await server.gql(tech, `mutation($input: QualifyIncidentInput!) { qualifyIncident(input: $input) { id } }`, {
        input: { incidentId: incident, qualification: "MISDECLARED", minutesSpent },
      }),
    );
    // As if qualified at that instant.
    await server.app.services.database.manager.update(Incident, { id: Number(incident) }, { qualifiedAt: new Date(qualifiedAt) });
    incidents[key] = incident;
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    const admin = await server.createToken("ADMIN");
    tech = await server.createToken("TECHNICIAN");
    finance = await server.createToken("FINANCE");
    customerA = await createCustomer(server, admin, CUSTOMER_A);
    customerB = await createCustomer(server, admin, "Client B");
    contractA = await createMaintenanceContract(server, admin, customerA, 9001);

    await sheet("signedInMarch", customerA, "PAPER", 90, "Replaced the PSU", { signedOn: "2025-03-12" }, contractA);
    await sheet("acceptedInMarch", customerA, "ELECTRONIC", 30, "=SUM(A1)", { sentOn: "2025-03-10" }, contractA);
    await sheet("acceptedFirstOfMarch", customerA, "ELECTRONIC", 15, "Line one\nline two", { sentOn: "2025-02-23" }, contractA);
    await sheet("acceptedInApril", customerA, "ELECTRONIC", 60, "Late in March", { sentOn: "2025-03-28" }, contractA);
    await sheet(
      "contested",
      customerA,
      "ELECTRONIC",
      60,
      "Contested",
      { sentOn: "2025-03-10", contestedOn: "2025-03-12" },
      contractA,
    );
    await sheet("notPriced", customerA, "PAPER", 60, "No contract", { signedOn: "2025-03-20" }, null);
    await sheet("unsigned", customerA, "PAPER", 60, "Unsigned", {}, contractA);
    await sheet("signedInFebruary", customerA, "PAPER", 60, "February", { signedOn: "2025-02-28" }, contractA);
    await sheet("otherCustomer", customerB, "PAPER", 10, "B's sheet", { signedOn: "2025-03-05" }, null);
    const today = todayInParis();
    await sheet(
      "awaiting",
      customerA,
      "ELECTRONIC",
      10,
      "Sent yesterday",
      { sentOn: addDays(today, -1) },
      contractA,
      addDays(today, -2),
    );
    // 21:30 UTC on March 31 is 23:30 in Paris; 22:30 UTC is already April 1.
    await misdeclared("lastDayOfMarch", 45, "2025-03-31T21:30:00Z");
    await misdeclared("firstOfApril", 10, "2025-03-31T22:30:00Z");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists validated sheets and misdeclared incidents of the period, by date, with amounts", async () => {
    const page = ok(await server.gql(finance, ITEMS, { from: "2025-03-01", to: "2025-03-31" })).billableItems;
    const summary = page.items.map((i: Record<string, unknown>) => [i.kind, i.sourceId, i.date, i.amountCents]);
    expect(summary).toEqual([
      ["INTERVENTION_SHEET", sheets.acceptedFirstOfMarch, "2025-03-01", 2250], // 15 min × 90.01 €/h = 22.5025 €
      ["INTERVENTION_SHEET", sheets.otherCustomer, "2025-03-05", 0],
      ["INTERVENTION_SHEET", sheets.signedInMarch, "2025-03-12", 13502], // 135.015 € → 135.02 €
      ["INTERVENTION_SHEET", sheets.acceptedInMarch, "2025-03-16", 4501], // 45.005 € → 45.01 €
      ["INTERVENTION_SHEET", sheets.notPriced, "2025-03-20", 0],
      ["MISDECLARED_INCIDENT", incidents.lastDayOfMarch, "2025-03-31", 6751], // 67.5075 € → 67.51 €
    ]);
    expect(page).toMatchObject({
      from: "2025-03-01",
      to: "2025-03-31",
      totalCount: 6,
      totalAmountCents: 2250 + 13502 + 4501 + 6751,
      hasMore: false,
    });
    const notPriced = page.items.find((i: { sourceId: string }) => i.sourceId === sheets.notPriced);
    expect(notPriced).toMatchObject({
      maintenanceContractId: null,
      hourlyRateCents: null,
      minutes: 60,
      note: expect.stringMatching(/not priced/),
    });
    const incident = page.items.at(-1);
    expect(incident).toMatchObject({
      customerName: CUSTOMER_A,
      description: "Mouse unplugged",
      minutes: 45,
      hourlyRateCents: 9001,
    });
    expect(incident.note).toMatch(/CHANNEL_NOT_ALLOWED/);
  });

  it("filters by customer, pages, and bills only what is validated by today", async () => {
    const onlyA = ok(
      await server.gql(finance, ITEMS, { from: "2025-03-01", to: "2025-03-31", customerId: customerA }),
    ).billableItems;
    expect(onlyA.totalCount).toBe(5);
    const page = ok(
      await server.gql(finance, ITEMS, { from: "2025-03-01", to: "2025-03-31", offset: 2, limit: 2 }),
    ).billableItems;
    expect(page.items.map((i: { sourceId: string }) => i.sourceId)).toEqual([sheets.signedInMarch, sheets.acceptedInMarch]);
    expect(page).toMatchObject({ offset: 2, totalCount: 6, hasMore: true });
    const april = ok(await server.gql(finance, ITEMS, { from: "2025-04-01", to: "2025-04-30" })).billableItems;
    expect(april.items.map((i: { sourceId: string }) => i.sourceId)).toEqual([incidents.firstOfApril, sheets.acceptedInApril]);
    const today = todayInParis();
    const around = ok(await server.gql(finance, ITEMS, { from: addDays(today, -30), to: addDays(today, 30) })).billableItems;
    expect(around.items.map((i: { sourceId: string }) => i.sourceId)).not.toContain(sheets.awaiting);
  });

  it("pages by cursor as every list does (first, after, endCursor, hasNextPage), the same items as offset pages", async () => {
    const PAGES = `query($after: String, $first: Int, $offset: Int) {
      billableItems(from: "2025-03-01", to: "2025-03-31", first: $first, after: $after, offset: $offset) {
        totalCount offset hasMore hasNextPage endCursor items { kind sourceId } } }`;
    const whole = ok(await server.gql(finance, ITEMS, { from: "2025-03-01", to: "2025-03-31" })).billableItems.items;
    expect(whole).toHaveLength(6);
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let round = 0; round < 10; round++) {
      const page: Record<string, any> = ok(await server.gql(finance, PAGES, { first: 4, after })).billableItems;
      expect(page).toMatchObject({ totalCount: 6, offset: seen.length, hasMore: page.hasNextPage });
      seen.push(...page.items);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(whole.map((i: { kind: string; sourceId: string }) => ({ kind: i.kind, sourceId: i.sourceId })));
    expect(refusal(await server.gql(finance, PAGES, { after: "not-a-cursor" })).fields).toEqual(["after"]);
    expect(refusal(await server.gql(finance, PAGES, { after, offset: 1 })).fields).toEqual(["after"]);
    expect(refusal(await server.gql(finance, PAGES, { first: 0 })).fields).toEqual(["first"]);
  });

  it("refuses bad periods and roles other than FINANCE and ADMIN", async () => {
    expect(refusal(await server.gql(finance, ITEMS, { from: "2025-03-31", to: "2025-03-01" }))).toEqual({
      code: "BAD_USER_INPUT",
      fields: ["to"],
    });
    expect(refusal(await server.gql(finance, ITEMS, { from: "2024-01-01", to: "2025-03-01" })).fields).toEqual(["to"]);
    expect(refusal(await server.gql(finance, ITEMS, { from: "2025-02-30", to: "2025-03-01" })).fields).toEqual(["from"]);
    expect(refusal(await server.gql(finance, ITEMS, { from: "2025-03-01", to: "2025-03-31", limit: 0 })).fields).toEqual([
      "limit",
    ]);
    for (const role of ["INTEGRATOR", "TECHNICIAN", "SALES"] as const) {
      const token = await server.createToken(role);
      expect(refusal(await server.gql(token, ITEMS, { from: "2025-03-01", to: "2025-03-31" })).code).toBe("FORBIDDEN");
    }
  });

  describe("CSV download", () => {
    const download = (query: string, token: string | null) =>
      fetch(`${server.url}/exports/billing.csv?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it("is Excel-friendly: UTF-8 BOM, `;`, CRLF, French decimals and dates, quotes escaped", async () => {
      const response = await download("from=2025-03-01&to=2025-03-31", finance);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="facturation_2025-03-01_2025-03-31.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
      expect(text.endsWith("\r\n")).toBe(true);
      const lines = text.split("\r\n").slice(0, -1);
      expect(lines).toHaveLength(7);
      expect(lines[0]).toBe(
        "Type;Date;Client (id);Client;Contrat de maintenance (id);Référence;Libellé;Minutes;Taux horaire HT (€);Montant HT (€);Remarque",
      );
      const a = `"Société ""Générale""; d'Électricité"`;
      expect(lines[1]).toBe(
        `INTERVENTION_SHEET;01/03/2025;${customerA};${a};${contractA};${sheets.acceptedFirstOfMarch};"Line one\nline two";15;90,01;22,50;`,
      );
      expect(lines[3]).toBe(
        `INTERVENTION_SHEET;12/03/2025;${customerA};${a};${contractA};${sheets.signedInMarch};Replaced the PSU;90;90,01;135,02;`,
      );
      // A summary Excel would run as a formula is neutralised.
      expect(lines[4]).toBe(
        `INTERVENTION_SHEET;16/03/2025;${customerA};${a};${contractA};${sheets.acceptedInMarch};'=SUM(A1);30;90,01;45,01;`,
      );
      expect(lines[5]).toMatch(
        new RegExp(
          `^INTERVENTION_SHEET;20/03/2025;${customerA};.*;;${sheets.notPriced};No contract;60;;0,00;No maintenance contract`,
        ),
      );
      expect(lines[6]).toMatch(
        new RegExp(`^MISDECLARED_INCIDENT;31/03/2025;${customerA};.*;Mouse unplugged;45;90,01;67,51;Procedure broken: `),
      );
      const onlyB = await (await download(`from=2025-03-01&to=2025-03-31&customerId=${customerB}`, finance)).text();
      expect(onlyB.split("\r\n")).toHaveLength(3);
    });

    it("needs a FINANCE or ADMIN token in the Authorization header, never in the URL", async () => {
      const admin = await server.createToken("ADMIN");
      expect((await download("from=2025-03-01&to=2025-03-31", admin)).status).toBe(200);
      const none = await download("from=2025-03-01&to=2025-03-31", null);
      expect(none.status).toBe(401);
      expect(((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        "UNAUTHENTICATED",
      );
      expect((await download(`from=2025-03-01&to=2025-03-31&token=${finance}`, null)).status).toBe(401);
      const inUrl = await download(`from=2025-03-01&to=2025-03-31&token=${finance}`, finance);
      expect(inUrl.status).toBe(400);
      expect(await inUrl.text()).toMatch(/Tokens in URLs are refused/);
      for (const role of ["INTEGRATOR", "TECHNICIAN", "SALES"] as const) {
        const forbidden = await download("from=2025-03-01&to=2025-03-31", await server.createToken(role));
        expect(forbidden.status).toBe(403);
        expect(((await forbidden.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
          "FORBIDDEN",
        );
      }
    });

    it("answers bad periods with 400 naming the fields", async () => {
      const fieldsOf = async (query: string) => {
        const response = await download(query, finance);
        expect(response.status).toBe(400);
        const body = (await response.json()) as { errors: { extensions: { code: string; fields: { field: string }[] } }[] };
        expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
        return body.errors[0]?.extensions.fields.map((f) => f.field);
      };
      expect(await fieldsOf("")).toEqual(["from", "to"]);
      expect(await fieldsOf("from=2025-02-30&to=2025-03-31")).toEqual(["from"]);
      expect(await fieldsOf("from=2025-03-31&to=2025-03-01")).toEqual(["to"]);
      expect(await fieldsOf("from=2025-03-01&to=2025-03-31&customerId=abc")).toEqual(["customerId"]);
    });
  });
});
