import { IsNull } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog, Incident, Referent } from "../../server/src/entities/index.js";
import { createCustomer, createMaintenanceContract, ok, PROCEDURE_LISTED, refusal } from "../support/maintenance.js";
import { startTestServer, type TestServer } from "../support/server.js";

const NAME = `mutation($input: NameReferentInput!) { nameReferent(input: $input) { id name email phone activeFrom activeUntil } }`;
const REFERENTS = `query($id: ID!) { customer(id: $id) { referent { name } referentHistory { id name activeFrom activeUntil } } }`;
const DECLARE = `mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) {
  id customerId channel declaredAt flagged procedureViolations { rule message } } }`;
const QUALIFY = `mutation($input: QualifyIncidentInput!) { qualifyIncident(input: $input) {
  id qualification minutesSpent billedAmountCents qualifiedAt } }`;

describe(`maintenance: referents, contracts, incidents (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  let sales: string;
  let tech: string;
  let integrator: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    admin = await server.createToken("ADMIN");
    sales = await server.createToken("SALES");
    tech = await server.createToken("TECHNICIAN");
    integrator = await server.createToken("INTEGRATOR");
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("referents", () => {
    it("keeps exactly one active referent, with history", async () => {
      const customerId = await createCustomer(server, admin, "Boulangerie Durand");
      expect(ok(await server.gql(integrator, REFERENTS, { id: customerId })).customer).toEqual({
        referent: null,
        referentHistory: [],
      });

      const first = ok(
        await server.gql(sales, NAME, {
          input: { customerId, name: "Marc Lefebvre", email: "marc@example.fr", phone: "+33 4 72 00 00 00" },
        }),
      ).nameReferent;
      expect(first).toMatchObject({ name: "Marc Lefebvre", email: "marc@example.fr", activeUntil: null });
      // Naming the same person with the same details again is a retry: nothing changes.
      expect(
        ok(
          await server.gql(sales, NAME, {
            input: { customerId, name: "Marc Lefebvre", email: "marc@example.fr", phone: "+33 4 72 00 00 00" },
          }),
        ).nameReferent.id,
      ).toBe(first.id);

      const second = ok(await server.gql(tech, NAME, { input: { customerId, name: "Julie Lefebvre" } })).nameReferent;
      const { customer } = ok(await server.gql(integrator, REFERENTS, { id: customerId }));
      expect(customer.referent).toEqual({ name: "Julie Lefebvre" });
      expect(customer.referentHistory.map((r: { name: string }) => r.name)).toEqual(["Julie Lefebvre", "Marc Lefebvre"]);
      const [current, previous] = customer.referentHistory;
      expect(current.activeUntil).toBeNull();
      expect(previous.activeUntil).toBe(second.activeFrom);
      expect(Date.parse(previous.activeFrom)).toBeLessThanOrEqual(Date.parse(previous.activeUntil));
    });

    it("never leaves two active referents when several are named at once", async () => {
      // Several rounds of 8 concurrent namings: without the customer-row lock, MariaDB ends up
      // with several active referents in most rounds.
      for (const round of [1, 2, 3]) {
        const customerId = await createCustomer(server, admin, `Garage Petit ${round}`);
        const names = Array.from({ length: 8 }, (_, i) => `Referent ${round}.${i}`);
        const responses = await Promise.all(names.map((name) => server.gql(sales, NAME, { input: { customerId, name } })));
        for (const response of responses) ok(response);
        const rows = await server.app.services.database.manager.find(Referent, {
          where: { customerId: Number(customerId) },
          order: { id: "ASC" },
        });
        expect(rows).toHaveLength(names.length);
        expect(rows.filter((r) => r.activeUntil === null)).toHaveLength(1);
        // Each referent was closed exactly when the next one (in commit order) was opened.
        for (let i = 0; i < rows.length - 1; i++) {
          expect(rows[i]?.activeUntil?.getTime()).toBe(rows[i + 1]?.activeFrom.getTime());
        }
        expect(rows.at(-1)?.activeUntil).toBeNull();
        const active = await server.app.services.database.manager.countBy(Referent, {
          customerId: Number(customerId),
          activeUntil: IsNull(),
        });
        expect(active).toBe(1);
      }
    });

    it("validates the input and refuses roles that may not name referents", async () => {
      const customerId = await createCustomer(server, admin, "Pharmacie Roux");
      expect(
        refusal(await server.gql(sales, NAME, { input: { customerId, name: " ", email: "not-an-email", phone: "call me" } })),
      ).toEqual({
        code: "BAD_USER_INPUT",
        fields: ["name", "email", "phone"],
      });
      expect(refusal(await server.gql(sales, NAME, { input: { customerId: "99999", name: "X" } }))).toEqual({
        code: "BAD_USER_INPUT",
        fields: ["customerId"],
      });
      for (const token of [integrator, await server.createToken("FINANCE")]) {
        expect(refusal(await server.gql(token, NAME, { input: { customerId, name: "X" } })).code).toBe("FORBIDDEN");
      }
    });
  });

  describe("maintenance contracts", () => {
    it("stores the procedure normalised and names every bad field", async () => {
      const customerId = await createCustomer(server, admin, "Imprimerie Morel");
      const response = await server.gql(
        sales,
        `mutation($input: MaintenanceContractInput!) { createMaintenanceContract(input: $input) {
          id customerId contractId hourlyRateCents customer { id name }
          procedure { declarers allowedDeclarers channels requiredFields supportHours { days from to } } } }`,
        { input: { customerId, hourlyRateCents: 9000, procedure: { ...PROCEDURE_LISTED, channels: ["phone", "Email"] } } },
      );
      expect(ok(response).createMaintenanceContract).toMatchObject({
        customerId,
        contractId: null,
        hourlyRateCents: 9000,
        customer: { id: customerId, name: "Imprimerie Morel" },
        procedure: {
          declarers: "LISTED",
          channels: ["PHONE", "EMAIL"],
          supportHours: { days: [1, 2, 3, 4, 5], from: "08:30", to: "18:00" },
        },
      });
      const listed = ok(
        await server.gql(integrator, `query($c: ID!) { maintenanceContracts(customerId: $c) { id } }`, { c: customerId }),
      );
      expect(listed.maintenanceContracts).toHaveLength(1);

      const bad = await server.gql(
        sales,
        `mutation($input: MaintenanceContractInput!) { createMaintenanceContract(input: $input) { id } }`,
        {
          input: {
            customerId,
            hourlyRateCents: -1,
            procedure: { ...PROCEDURE_LISTED, channels: ["two words"], supportHours: { days: [8], from: "18:00", to: "08:00" } },
          },
        },
      );
      expect(refusal(bad)).toEqual({
        code: "BAD_USER_INPUT",
        fields: ["hourlyRateCents", "procedure.channels[0]", "procedure.supportHours.days[0]", "procedure.supportHours.to"],
      });
      expect(
        refusal(
          await server.gql(
            tech,
            `mutation { createMaintenanceContract(input: { customerId: "${customerId}", hourlyRateCents: 1, procedure: { declarers: LISTED, channels: ["PHONE"] } }) { id } }`,
          ),
        ).code,
      ).toBe("FORBIDDEN");
    });
  });

  describe("incidents", () => {
    let customerId: string;
    let listedContract: string;
    let referentOnlyContract: string;

    beforeAll(async () => {
      customerId = await createCustomer(server, admin, "Cabinet Lefebvre");
      listedContract = await createMaintenanceContract(server, sales, customerId, 9000);
      referentOnlyContract = await createMaintenanceContract(server, sales, customerId, 9001, {
        declarers: "REFERENT_ONLY",
        channels: ["PHONE"],
        requiredFields: [],
      });
    });

    const declare = async (input: Record<string, unknown>) => ok(await server.gql(tech, DECLARE, { input })).declareIncident;

    it("records a declaration that follows the procedure without flags", async () => {
      // 2025-03-10 is a Monday; 09:00 in Paris is inside 08:30–18:00.
      const incident = await declare({
        maintenanceContractId: listedContract,
        declarerName: "julie LEFÈBVRE",
        channel: "phone",
        declaredAt: "2025-03-10T09:00:00+01:00",
        description: "Printer offline",
        category: "PRINTING",
      });
      expect(incident).toMatchObject({
        customerId,
        channel: "PHONE",
        declaredAt: "2025-03-10T08:00:00.000Z",
        flagged: false,
        procedureViolations: [],
      });
    });

    it("records a declaration that breaks the procedure, flagged with every rule it broke", async () => {
      const incident = await declare({
        maintenanceContractId: listedContract,
        declarerName: "Paul Martin",
        channel: "FAX",
        declaredAt: "2025-03-15T10:00:00+01:00", // a Saturday
        description: "Server down",
      });
      expect(incident.flagged).toBe(true);
      expect(incident.procedureViolations.map((v: { rule: string }) => v.rule)).toEqual([
        "DECLARER_NOT_ALLOWED",
        "CHANNEL_NOT_ALLOWED",
        "REQUIRED_FIELD_MISSING",
        "OUTSIDE_SUPPORT_HOURS",
      ]);
      const stored = await server.app.services.database.manager.findOneByOrFail(Incident, { id: Number(incident.id) });
      expect(stored.procedureViolations).toHaveLength(4);
    });

    it("checks REFERENT_ONLY against the referent active when the incident was declared", async () => {
      const beforeAnyReferent = await declare({
        maintenanceContractId: referentOnlyContract,
        declarerName: "Marc Lefebvre",
        channel: "PHONE",
        declaredAt: "2025-01-06T10:00:00+01:00",
      });
      expect(beforeAnyReferent.procedureViolations).toEqual([
        { rule: "DECLARER_NOT_REFERENT", message: expect.stringMatching(/no referent was named/) },
      ]);
      ok(await server.gql(sales, NAME, { input: { customerId, name: "Marc Lefebvre" } }));
      const now = new Date().toISOString();
      const byReferent = await declare({
        maintenanceContractId: referentOnlyContract,
        declarerName: "Marc  Lefebvre",
        channel: "PHONE",
        declaredAt: now,
      });
      expect(byReferent.procedureViolations).toEqual([]);
      const bySomeoneElse = await declare({
        maintenanceContractId: referentOnlyContract,
        declarerName: "Julie Lefebvre",
        channel: "PHONE",
        declaredAt: now,
      });
      expect(bySomeoneElse.procedureViolations).toEqual([
        {
          rule: "DECLARER_NOT_REFERENT",
          message: "Only the IT referent (Marc Lefebvre) may declare; declared by Julie Lefebvre.",
        },
      ]);
    });

    it("refuses malformed declarations, but never for breaking the procedure", async () => {
      const inFuture = new Date(Date.now() + 3_600_000).toISOString();
      const bad = await server.gql(tech, DECLARE, {
        input: { maintenanceContractId: listedContract, declarerName: "X", channel: "PHONE", declaredAt: inFuture },
      });
      expect(refusal(bad)).toEqual({ code: "BAD_USER_INPUT", fields: ["declaredAt"] });
      const noContract = await server.gql(tech, DECLARE, {
        input: { maintenanceContractId: "99999", declarerName: "X", channel: "PHONE", declaredAt: "2025-03-10T09:00:00Z" },
      });
      expect(refusal(noContract)).toEqual({ code: "BAD_USER_INPUT", fields: ["maintenanceContractId"] });
      const noOffset = await server.gql(tech, DECLARE, {
        input: { maintenanceContractId: listedContract, declarerName: "X", channel: "PHONE", declaredAt: "2025-03-10 09:00" },
      });
      expect(refusal(noOffset).code).toBe("BAD_USER_INPUT");
      expect(
        refusal(
          await server.gql(integrator, DECLARE, {
            input: {
              maintenanceContractId: listedContract,
              declarerName: "X",
              channel: "PHONE",
              declaredAt: "2025-03-10T09:00:00Z",
            },
          }),
        ).code,
      ).toBe("FORBIDDEN");
    });

    it("bills a MISDECLARED incident at the contract's rate, rounded half up to the cent", async () => {
      const onListed = await declare({
        maintenanceContractId: listedContract,
        declarerName: "Julie Lefebvre",
        channel: "PHONE",
        declaredAt: "2025-03-10T09:00:00+01:00",
      });
      const misdeclared = ok(
        await server.gql(tech, QUALIFY, { input: { incidentId: onListed.id, qualification: "MISDECLARED", minutesSpent: 45 } }),
      );
      expect(misdeclared.qualifyIncident).toMatchObject({
        qualification: "MISDECLARED",
        minutesSpent: 45,
        billedAmountCents: 6750,
      });

      // 7 minutes at 90.01 €/h = 1050.116… cents → 1050.
      const onReferentOnly = await declare({
        maintenanceContractId: referentOnlyContract,
        declarerName: "Paul",
        channel: "PHONE",
        declaredAt: "2025-03-10T09:00:00+01:00",
      });
      const seven = ok(
        await server.gql(tech, QUALIFY, {
          input: { incidentId: onReferentOnly.id, qualification: "MISDECLARED", minutesSpent: 7 },
        }),
      );
      expect(seven.qualifyIncident.billedAmountCents).toBe(1050);

      // Requalified VALID in the same month: nothing billed, minutes kept.
      const valid = ok(
        await server.gql(tech, QUALIFY, { input: { incidentId: onReferentOnly.id, qualification: "VALID", minutesSpent: 7 } }),
      );
      expect(valid.qualifyIncident).toMatchObject({ qualification: "VALID", minutesSpent: 7, billedAmountCents: null });

      expect(
        refusal(await server.gql(tech, QUALIFY, { input: { incidentId: onListed.id, qualification: "MISDECLARED" } })),
      ).toEqual({
        code: "BAD_USER_INPUT",
        fields: ["minutesSpent"],
      });
      expect(
        refusal(
          await server.gql(tech, QUALIFY, { input: { incidentId: onListed.id, qualification: "MISDECLARED", minutesSpent: -5 } }),
        ).fields,
      ).toEqual(["minutesSpent"]);
      expect(refusal(await server.gql(tech, QUALIFY, { input: { incidentId: "99999", qualification: "VALID" } })).code).toBe(
        "NOT_FOUND",
      );
      for (const token of [integrator, await server.createToken("SALES"), await server.createToken("FINANCE")]) {
        expect(
          refusal(await server.gql(token, QUALIFY, { input: { incidentId: onListed.id, qualification: "VALID" } })).code,
        ).toBe("FORBIDDEN");
      }
    });

    it("refuses a requalification once the month of the qualification is over", async () => {
      const incident = await declare({
        maintenanceContractId: listedContract,
        declarerName: "Julie Lefebvre",
        channel: "PHONE",
        declaredAt: "2025-03-10T09:00:00+01:00",
      });
      ok(await server.gql(tech, QUALIFY, { input: { incidentId: incident.id, qualification: "MISDECLARED", minutesSpent: 30 } }));
      // As if it had been qualified in March 2025.
      await server.app.services.database.manager.update(
        Incident,
        { id: Number(incident.id) },
        { qualifiedAt: new Date("2025-03-20T10:00:00Z") },
      );
      const late = await server.gql(tech, QUALIFY, { input: { incidentId: incident.id, qualification: "VALID" } });
      expect(refusal(late).code).toBe("CONFLICT");
      expect(late.errors?.[0]?.message).toMatch(/qualified MISDECLARED on 2025-03-20, in a closed month/);
    });

    it("lists a customer's incidents by declaration day (Europe/Paris)", async () => {
      const other = await createCustomer(server, admin, "Autre client");
      const otherContract = await createMaintenanceContract(server, sales, other, 5000);
      // 23:30 UTC on March 31 is already April 1 in Paris (UTC+2 in summer time).
      await declare({
        maintenanceContractId: otherContract,
        declarerName: "Julie Lefebvre",
        channel: "PHONE",
        declaredAt: "2025-03-31T23:30:00Z",
      });
      await declare({
        maintenanceContractId: otherContract,
        declarerName: "Julie Lefebvre",
        channel: "PHONE",
        declaredAt: "2025-03-31T12:00:00Z",
      });
      const list = async (from: string, to: string) =>
        ok(
          await server.gql(
            integrator,
            `query($c: ID!, $f: LocalDate, $t: LocalDate) { incidents(customerId: $c, from: $f, to: $t) { declaredAt } }`,
            { c: other, f: from, t: to },
          ),
        ).incidents.map((i: { declaredAt: string }) => i.declaredAt);
      expect(await list("2025-03-01", "2025-03-31")).toEqual(["2025-03-31T12:00:00.000Z"]);
      expect(await list("2025-04-01", "2025-04-30")).toEqual(["2025-03-31T23:30:00.000Z"]);
    });

    it("writes an audit row for every mutation", async () => {
      const rows = await server.app.services.database.manager.find(AuditLog, { order: { id: "ASC" } });
      const actions = new Set(rows.map((r) => r.action));
      for (const action of ["nameReferent", "createMaintenanceContract", "declareIncident", "qualifyIncident"])
        expect(actions).toContain(action);
      const qualification = rows.find((r) => r.action === "qualifyIncident" && r.before !== null);
      expect(qualification?.before).toMatchObject({ qualification: "MISDECLARED", billedAmountCents: 1050 });
      expect(qualification?.after).toMatchObject({ qualification: "VALID", billedAmountCents: null });
    });
  });
});
