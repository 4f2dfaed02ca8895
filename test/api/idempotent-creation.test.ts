import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/src/db/database.js";
import { addDays } from "../../server/src/domain/calendar.js";
import { createCustomer, createMaintenanceContract, ok } from "../support/maintenance.js";
import { rowCounts } from "../support/row-counts.js";
import { BIC, IBAN } from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * API.md "Idempotent creation": every creating mutation's input takes an optional idempotencyKey
 * with signQuote's semantics (services/idempotency.ts). Each case below is one creating mutation;
 * `input(n)` is a valid payload, the same for the same n and different for another n.
 */
interface Case {
  mutation: string;
  inputType: string;
  /** The table one creation adds a row to. */
  table: string;
  input(n: number): Record<string, unknown>;
}

describe(`idempotent creation (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let customerId: string;
  let maintenanceContractId: string;
  let seq = 0;
  const next = () => ++seq;
  const key = () => `key-${next()}-${Math.random().toString(36).slice(2)}`;

  const cases: Case[] = [
    {
      mutation: "createCustomer",
      inputType: "CustomerInput",
      table: "customer",
      input: (n) => ({ name: `Client ${n}`, category: "OTHER" }),
    },
    {
      mutation: "registerSepaMandate",
      inputType: "SepaMandateInput",
      table: "sepa_mandate",
      input: (n) => ({ customerId, iban: IBAN, bic: BIC, reference: `RUM-IDEM-${n}`, signedOn: "2025-02-01", scheme: "CORE" }),
    },
    {
      mutation: "createQuote",
      inputType: "QuoteInput",
      table: "quote",
      input: (n) => ({
        customerId,
        lines: [{ offerCode: "MOBILE-FLEET", quantity: n, monthlyUnitPriceCents: 1500, setupFeeCents: 0 }],
      }),
    },
    {
      mutation: "createInterventionSheet",
      inputType: "CreateInterventionSheetInput",
      table: "intervention_sheet",
      input: (n) => ({ customerId, medium: "PAPER", interventionDate: "2025-03-07", minutes: n, summary: "Firewall replaced" }),
    },
    {
      mutation: "createMaintenanceContract",
      inputType: "MaintenanceContractInput",
      table: "maintenance_contract",
      input: (n) => ({
        customerId,
        hourlyRateCents: 9000 + n,
        procedure: { declarers: "LISTED", allowedDeclarers: ["Julie Lefebvre"], channels: ["PHONE"], requiredFields: [] },
      }),
    },
    {
      mutation: "declareIncident",
      inputType: "DeclareIncidentInput",
      table: "incident",
      input: (n) => ({
        maintenanceContractId,
        declarerName: `Déclarant ${n}`,
        channel: "PHONE",
        declaredAt: "2025-03-10T09:00:00+01:00",
      }),
    },
    {
      mutation: "nameReferent",
      inputType: "NameReferentInput",
      table: "referent",
      input: (n) => ({ customerId, name: `Référent ${n}`, email: `referent${n}@example.fr` }),
    },
    {
      mutation: "createPortingTariffGrid",
      inputType: "PortingTariffGridInput",
      table: "porting_tariff_grid",
      input: (n) => ({
        effectiveFrom: addDays("2040-01-01", n), // one grid per date
        rows: [
          {
            direction: "INBOUND",
            numberKind: "MOBILE",
            unit: "PER_NUMBER",
            tierMode: "VOLUME",
            tiers: [{ upTo: null, unitPriceCents: 300 }],
            fixedFeeCents: n,
          },
        ],
      }),
    },
  ];

  const send = (c: Case, input: Record<string, unknown>, token = admin, headers: Record<string, string> = {}) =>
    server.gql(token, `mutation($input: ${c.inputType}!) { ${c.mutation}(input: $input) { id } }`, { input }, headers);
  const database = (): Database => server.app.database;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.createToken("ADMIN");
    otherAdmin = await server.createToken("ADMIN");
    customerId = await createCustomer(server, admin, "Idempotence SA");
    maintenanceContractId = await createMaintenanceContract(server, admin, customerId, 9000);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe.each(cases)("$mutation", (c) => {
    it("answers the same object for the same key and payload, from any token, and writes nothing the second time", async () => {
      const n = next();
      const idempotencyKey = key();
      const first = ok(await send(c, { ...c.input(n), idempotencyKey }))[c.mutation].id as string;
      const after = await rowCounts(database());
      const again = ok(await send(c, { ...c.input(n), idempotencyKey }))[c.mutation].id;
      const fromAnotherToken = ok(await send(c, { ...c.input(n), idempotencyKey }, otherAdmin))[c.mutation].id;
      expect([again, fromAnotherToken]).toEqual([first, first]);
      // Not a second row, nor a second audit entry or idempotency record.
      expect(await rowCounts(database())).toEqual(after);
    });

    it("refuses the same key with another payload: CONFLICT naming idempotencyKey, in French or English, nothing written", async () => {
      const idempotencyKey = key();
      ok(await send(c, { ...c.input(next()), idempotencyKey }));
      const before = await rowCounts(database());
      const other = c.input(next());
      const english = await send(c, { ...other, idempotencyKey });
      const french = await send(c, { ...other, idempotencyKey }, admin, { "accept-language": "fr-FR" });
      for (const answer of [english, french]) {
        expect(answer.data).toBeUndefined();
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "idempotencyKey" });
        expect(answer.errors?.[0]?.message).toContain("idempotencyKey");
      }
      expect(english.errors?.[0]?.message).toMatch(/already used/);
      expect(french.errors?.[0]?.message).toMatch(/déjà servi/);
      expect(await rowCounts(database())).toEqual(before);
      // The other payload is fine under a key of its own.
      expect((await send(c, { ...other, idempotencyKey: key() })).errors).toBeUndefined();
    });

    it("refuses an empty key and one over 100 characters as BAD_USER_INPUT on idempotencyKey; takes 100", async () => {
      const before = await rowCounts(database());
      for (const idempotencyKey of ["", "   ", "k".repeat(101)]) {
        const answer = await send(c, { ...c.input(next()), idempotencyKey });
        expect(answer.errors?.[0]?.extensions?.code, idempotencyKey).toBe("BAD_USER_INPUT");
        expect(answer.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["idempotencyKey"]);
      }
      expect(await rowCounts(database())).toEqual(before);
      const longest = `${next()}-`.padEnd(100, "k");
      expect((await send(c, { ...c.input(next()), idempotencyKey: longest })).errors).toBeUndefined();
    });

    it("creates one row for ten simultaneous requests with one key, all answered with it", async () => {
      const n = next();
      const idempotencyKey = key();
      const before = await rowCounts(database());
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(c, { ...c.input(n), idempotencyKey })));
      const ids = answers.map((answer) => answer.data?.[c.mutation]?.id ?? JSON.stringify(answer.errors));
      expect(new Set(ids).size, ids.join(", ")).toBe(1);
      const after = await rowCounts(database());
      expect(after[c.table]).toBe((before[c.table] ?? 0) + 1);
      expect(after.idempotency_record).toBe((before.idempotency_record ?? 0) + 1);
    });
  });

  it("reports a bad key together with the input's other bad fields", async () => {
    const answer = await send(cases[0] as Case, { name: " ", category: "OTHER", idempotencyKey: "" });
    expect(answer.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort()).toEqual(["idempotencyKey", "name"]);
  });

  it("keeps keys per mutation: one key may serve a customer and a quote", async () => {
    const idempotencyKey = key();
    const [customer, , quote] = cases as [Case, Case, Case];
    expect((await send(customer, { ...customer.input(next()), idempotencyKey })).errors).toBeUndefined();
    expect((await send(quote, { ...quote.input(next()), idempotencyKey })).errors).toBeUndefined();
  });

  it("treats an optional field sent as null or left out, and its key order, as the same payload", async () => {
    const idempotencyKey = key();
    const name = `Client ${next()}`;
    const first = ok(await send(cases[0] as Case, { name, category: "OTHER", siren: null, idempotencyKey })).createCustomer.id;
    const again = ok(await send(cases[0] as Case, { idempotencyKey, category: "OTHER", name })).createCustomer.id;
    // The name is compared trimmed, as stored.
    const spaced = ok(await send(cases[0] as Case, { idempotencyKey, category: "OTHER", name: `  ${name} ` })).createCustomer.id;
    expect([again, spaced]).toEqual([first, first]);
  });

  it.each([
    ["fr-FR", /la réessayer avec la même clé d'idempotence \(idempotencyKey\) est sans risque/],
    ["en", /retrying it with the same idempotencyKey is safe/],
  ])(
    "after a 503 that hid a committed creation (%s), the retry with the same key answers the committed object",
    async (language, saysRetryIsSafe) => {
      const db = database();
      const transaction = db.transaction;
      // The commit happens, then its answer is lost, as mysql2 reports a connection dropped during COMMIT.
      db.transaction = async function lostAnswer(this: Database, work: Parameters<Database["transaction"]>[0]) {
        await transaction.call(this, work);
        db.transaction = transaction;
        throw Object.assign(new Error("Connection lost: The server closed the connection."), {
          code: "PROTOCOL_CONNECTION_LOST",
        });
      } as Database["transaction"];
      try {
        const c = cases[0] as Case;
        const input: Record<string, unknown> = { ...c.input(next()), idempotencyKey: key() };
        const before = await rowCounts(db);
        const lost = await send(c, input, admin, { "accept-language": language });
        expect(lost.status).toBe(503);
        expect(lost.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
        expect(lost.errors?.[0]?.message).toMatch(saysRetryIsSafe);
        const retried = await send(c, input);
        expect(retried.errors).toBeUndefined();
        expect((await rowCounts(db)).customer).toBe((before.customer ?? 0) + 1);
        const stored = await server.gql(admin, "query($id: ID!) { customer(id: $id) { name } }", {
          id: retried.data?.createCustomer.id,
        });
        expect(stored.data?.customer.name).toBe(input.name);
      } finally {
        db.transaction = transaction;
      }
    },
  );
});
