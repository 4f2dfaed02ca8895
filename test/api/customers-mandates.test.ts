import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { AuditLog } from "../../server/src/entities/index.js";
import {
  BIC,
  badInputFields,
  CREATE_CUSTOMER,
  CUSTOMER_FIELDS,
  createCustomer,
  errorCode,
  IBAN,
  MANDATE_FIELDS,
  REGISTER_MANDATE,
  registerMandate,
} from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe(`customers and SEPA mandates (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let sales: string;
  let finance: string;
  let admin: string;
  let integrator: string;
  const today = todayInParis();

  beforeAll(async () => {
    server = await startTestServer();
    [sales, finance, admin, integrator] = await Promise.all(
      (["SALES", "FINANCE", "ADMIN", "INTEGRATOR"] as const).map((role) => server.createToken(role)),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const mandateInput = (customerId: string, overrides: Record<string, unknown> = {}) => ({
    customerId,
    iban: IBAN,
    bic: BIC,
    reference: `RUM-TEST-${Math.random().toString(36).slice(2, 10)}`,
    signedOn: "2025-02-01",
    scheme: "B2B",
    ...overrides,
  });

  describe("createCustomer", () => {
    it("creates a customer with a trimmed name and a normalised SIREN", async () => {
      const response = await server.gql(sales, CREATE_CUSTOMER, {
        input: { name: "  Menuiserie Girard  ", category: "MICRO", siren: "732 829 320", waiverSignedOn: "2025-03-01" },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.createCustomer).toMatchObject({
        name: "Menuiserie Girard",
        category: "MICRO",
        siren: "732829320",
        waiverSignedOn: "2025-03-01",
        sample: false,
      });
      const id = response.data?.createCustomer.id;
      const read = await server.gql(integrator, `query ($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`, { id });
      expect(read.data?.customer).toEqual(response.data?.createCustomer);
      const audit = await server.app.database.manager.findOneBy(AuditLog, { action: "createCustomer", entityId: String(id) });
      expect(audit).not.toBeNull();
    });

    it("refuses a bad SIREN, an empty or too long name, naming each field", async () => {
      const fields = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, { input: { name: "   ", category: "OTHER", siren: "732829321" } }),
      );
      expect(fields.map((f) => f.field)).toEqual(["name", "siren"]);
      expect(fields[1]?.message).toMatch(/Luhn/);
      const long = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, { input: { name: "x".repeat(256), category: "OTHER" } }),
      );
      expect(long).toEqual([{ field: "name", message: expect.stringContaining("256") }]);
      const letters = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, { input: { name: "A", category: "OTHER", siren: "73282932A" } }),
      );
      expect(letters.map((f) => f.field)).toEqual(["siren"]);
    });

    it("accepts a waiver only from MICRO, SMALL and NON_PROFIT customers, dated today or before", async () => {
      const consumer = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, {
          input: { name: "Jean Dupont", category: "CONSUMER", waiverSignedOn: "2025-01-01" },
        }),
      );
      expect(consumer).toEqual([{ field: "waiverSignedOn", message: expect.stringMatching(/CONSUMER cannot waive/) }]);
      const other = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, {
          input: { name: "Big Corp", category: "OTHER", waiverSignedOn: "2025-01-01" },
        }),
      );
      expect(other.map((f) => f.field)).toEqual(["waiverSignedOn"]);
      const future = badInputFields(
        await server.gql(sales, CREATE_CUSTOMER, {
          input: { name: "Asso", category: "NON_PROFIT", waiverSignedOn: addDays(today, 1) },
        }),
      );
      expect(future).toEqual([{ field: "waiverSignedOn", message: expect.stringContaining("future") }]);
      for (const category of ["SMALL", "NON_PROFIT"]) {
        await createCustomer(server, finance, { name: `Waiver ${category}`, category, waiverSignedOn: today });
      }
    });

    it("lets SALES, FINANCE and ADMIN create customers, not INTEGRATOR nor TECHNICIAN", async () => {
      await createCustomer(server, admin, { name: "Created by admin", category: "OTHER" });
      const technician = await server.createToken("TECHNICIAN");
      for (const token of [integrator, technician]) {
        const response = await server.gql(token, CREATE_CUSTOMER, { input: { name: "Nope", category: "OTHER" } });
        expect(errorCode(response)).toBe("FORBIDDEN");
      }
    });
  });

  describe("customer queries", () => {
    it("searches names ignoring case, by name, with wildcards taken literally", async () => {
      await createCustomer(server, sales, { name: "Garage DUPRÉ 50% Auto", category: "OTHER" });
      await createCustomer(server, sales, { name: "garage dupont", category: "SMALL" });
      const search = async (text: string | null, first?: number) =>
        server.gql(integrator, "query ($s: String, $f: Int) { customers(search: $s, first: $f) { name } }", {
          s: text,
          f: first,
        });
      const garages = await search("GARAGE DUP");
      expect(garages.data?.customers.map((c: { name: string }) => c.name)).toEqual(["garage dupont", "Garage DUPRÉ 50% Auto"]);
      expect((await search("50%")).data?.customers).toEqual([{ name: "Garage DUPRÉ 50% Auto" }]);
      expect((await search("%")).data?.customers).toHaveLength(1);
      expect((await search("e_d")).data?.customers).toEqual([]); // as a wildcard it would match "garage d…"
      expect((await search("N_P")).data?.customers).toEqual([{ name: "Waiver NON_PROFIT" }]);
      expect((await search(null, 2)).data?.customers).toHaveLength(2);
      expect((await search(null, 1000)).data?.customers.length).toBeGreaterThan(5);
      expect(badInputFields(await search(null, 0)).map((f) => f.field)).toEqual(["first"]);
    });

    it("answers null for an unknown customer id, BAD_USER_INPUT on id for a malformed one", async () => {
      const unknown = await server.gql(integrator, "query ($id: ID!) { customer(id: $id) { id } }", { id: "999999" });
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data?.customer).toBeNull();
      for (const id of ["abc", "-1"]) {
        const response = await server.gql(integrator, "query ($id: ID!) { customer(id: $id) { id } }", { id });
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "id" }] });
      }
    });
  });

  describe("registerSepaMandate", () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = await createCustomer(server, sales, { name: "Imprimerie Leroy", category: "SMALL", siren: "443061841" });
    });

    it("registers a mandate; the IBAN is masked unless the caller is ADMIN or FINANCE", async () => {
      const input = mandateInput(customerId, { iban: " fr76 3000 6000 0112 3456 7890 189 ", bic: "agrifrpp" });
      const response = await server.gql(sales, REGISTER_MANDATE, { input });
      expect(response.errors).toBeUndefined();
      const mandate = response.data?.registerSepaMandate;
      expect(mandate).toMatchObject({
        reference: input.reference,
        scheme: "B2B",
        signedOn: "2025-02-01",
        iban: "FR76 **** **** **** **** ***0 189",
        bic: "AGRIFRPP",
        creditorIdentifier: "FR72ZZZ123456",
        lapsed: false,
        status: "ACTIVE",
        lastUsedOn: null,
        revokedOn: null,
      });
      const query = `query ($id: ID!) { customer(id: $id) { sepaMandates { ${MANDATE_FIELDS} } } }`;
      const ibanSeenBy = async (token: string) =>
        (await server.gql(token, query, { id: customerId })).data?.customer.sepaMandates[0].iban as string;
      expect(await ibanSeenBy(finance)).toBe("FR7630006000011234567890189");
      expect(await ibanSeenBy(admin)).toBe("FR7630006000011234567890189");
      expect(await ibanSeenBy(integrator)).toBe("FR76 **** **** **** **** ***0 189");
      expect(await ibanSeenBy(sales)).toBe("FR76 **** **** **** **** ***0 189");
      const audit = await server.app.database.manager.findOneBy(AuditLog, {
        action: "registerSepaMandate",
        entityId: mandate.id,
      });
      expect(JSON.stringify(audit?.after)).not.toContain("30006000011234567890189");
    });

    it("reports a mandate unused for 36 months as lapsed", async () => {
      const old = await registerMandate(server, finance, customerId, { signedOn: addDays(addMonths(today, -36), 0) });
      expect(old).toMatchObject({ lapsed: true, status: "LAPSED" });
      const recent = await registerMandate(server, finance, customerId, { signedOn: addDays(addMonths(today, -36), 1) });
      expect(recent).toMatchObject({ lapsed: false, status: "ACTIVE" });
    });

    it("refuses a bad IBAN, BIC, reference or date, naming each field", async () => {
      const checksum = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { iban: "FR1420041010050500013M02607" }) }),
      );
      expect(checksum).toEqual([{ field: "iban", message: expect.stringContaining("checksum") }]);
      const several = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, {
          input: mandateInput(customerId, { bic: "COBADEFFXXX", reference: "/RUM//1 é", signedOn: addDays(today, 1) }),
        }),
      );
      expect(several.map((f) => f.field)).toEqual(["bic", "reference", "reference", "reference", "signedOn"]);
      expect(several[0]?.message).toContain("same country");
      const future = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { signedOn: addDays(today, 1) }) }),
      );
      expect(future).toEqual([{ field: "signedOn", message: expect.stringContaining("future") }]);
      const long = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { reference: "R".repeat(36) }) }),
      );
      expect(long).toEqual([{ field: "reference", message: expect.stringContaining("at most 35") }]);
      const shortBic = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { bic: "AGRI" }) }),
      );
      expect(shortBic.map((f) => f.field)).toEqual(["bic"]);
      const noCustomer = badInputFields(await server.gql(sales, REGISTER_MANDATE, { input: mandateInput("999999") }));
      expect(noCustomer).toEqual([{ field: "customerId", message: expect.stringContaining("999999") }]);
    });

    it("refuses a reference already used, ignoring case, even when registered at the same time", async () => {
      await registerMandate(server, sales, customerId, { reference: "Rum-Dup-0001" });
      const again = badInputFields(
        await server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { reference: "RUM-DUP-0001" }) }),
      );
      expect(again).toEqual([{ field: "reference", message: expect.stringContaining("already used") }]);

      const racing = await Promise.all(
        ["race-ref-7", "RACE-REF-7", "Race-Ref-7", "race-REF-7", "RACE-ref-7"].map((reference) =>
          server.gql(sales, REGISTER_MANDATE, { input: mandateInput(customerId, { reference }) }),
        ),
      );
      expect(racing.filter((r) => r.errors === undefined)).toHaveLength(1);
      for (const refused of racing.filter((r) => r.errors !== undefined)) {
        expect(badInputFields(refused)).toEqual([{ field: "reference", message: expect.stringContaining("already used") }]);
      }
    });

    it("lets SALES, FINANCE and ADMIN register mandates, not INTEGRATOR", async () => {
      await registerMandate(server, admin, customerId);
      const response = await server.gql(integrator, REGISTER_MANDATE, { input: mandateInput(customerId) });
      expect(errorCode(response)).toBe("FORBIDDEN");
    });
  });
});
