import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "../../server/src/domain/calendar.js";
import { AuditLog } from "../../server/src/entities/index.js";
import { createCustomer, createMaintenanceContract, ok, refusal } from "../support/maintenance.js";
import { startTestServer, type TestServer } from "../support/server.js";

const SHEET = "id medium status contestDeadline validatedOn editable sentOn signedOn signerName contestedOn contestReason";
const CREATE = `mutation($input: CreateInterventionSheetInput!) { createInterventionSheet(input: $input) { ${SHEET} } }`;
const SEND = `mutation($id: ID!, $sentOn: LocalDate!) { sendInterventionSheet(id: $id, sentOn: $sentOn) { ${SHEET} } }`;
const SIGN = `mutation($id: ID!, $signerName: String!, $signedOn: LocalDate!) {
  signInterventionSheet(id: $id, signerName: $signerName, signedOn: $signedOn) { ${SHEET} } }`;
const CONTEST = `mutation($id: ID!, $reason: String!, $receivedOn: LocalDate!) {
  contestInterventionSheet(id: $id, reason: $reason, receivedOn: $receivedOn) { ${SHEET} } }`;
const UPDATE = `mutation($input: UpdateInterventionSheetInput!) { updateInterventionSheet(input: $input) { id minutes summary interventionDate } }`;
const STATUS = `query($id: ID!, $asOf: LocalDate) { interventionSheet(id: $id) { status(asOf: $asOf) } }`;

describe(`intervention sheets (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let tech: string;
  let admin: string;
  let customerId: string;
  let contractId: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    admin = await server.createToken("ADMIN");
    tech = await server.createToken("TECHNICIAN");
    customerId = await createCustomer(server, admin, "Cabinet Martin");
    contractId = await createMaintenanceContract(server, admin, customerId, 9000);
  });
  afterAll(async () => {
    await server?.close();
  });

  const create = async (medium: "PAPER" | "ELECTRONIC", interventionDate = "2025-03-07", extra: Record<string, unknown> = {}) =>
    ok(
      await server.gql(tech, CREATE, {
        input: { customerId, medium, interventionDate, minutes: 90, summary: "Replaced the firewall's power supply", ...extra },
      }),
    ).createInterventionSheet as Record<string, any>;
  const statusAsOf = async (id: string, asOf: string | null) =>
    ok(await server.gql(tech, STATUS, { id, asOf })).interventionSheet.status as string;

  it("creates a DRAFT sheet of either medium", async () => {
    const paper = await create("PAPER");
    expect(paper).toMatchObject({ medium: "PAPER", status: "DRAFT", contestDeadline: null, validatedOn: null, editable: true });
    const electronic = await create("ELECTRONIC", "2025-03-07", { maintenanceContractId: contractId });
    expect(electronic).toMatchObject({ medium: "ELECTRONIC", status: "DRAFT", contestDeadline: null, editable: true });
  });

  it("electronic sheet sent on D: DRAFT before D, contestable D … D+5, DEEMED_ACCEPTED from D+6", async () => {
    const sheet = await create("ELECTRONIC");
    const sent = ok(await server.gql(tech, SEND, { id: sheet.id, sentOn: "2025-03-10" })).sendInterventionSheet;
    expect(sent).toMatchObject({
      sentOn: "2025-03-10",
      contestDeadline: "2025-03-15",
      validatedOn: "2025-03-16",
      status: "DEEMED_ACCEPTED",
    });
    expect(await statusAsOf(sheet.id, "2025-03-09")).toBe("DRAFT");
    expect(await statusAsOf(sheet.id, "2025-03-10")).toBe("AWAITING_CONTEST_WINDOW");
    expect(await statusAsOf(sheet.id, "2025-03-15")).toBe("AWAITING_CONTEST_WINDOW");
    expect(await statusAsOf(sheet.id, "2025-03-16")).toBe("DEEMED_ACCEPTED");
    expect(await statusAsOf(sheet.id, null)).toBe("DEEMED_ACCEPTED");

    // A contest received on D+6 is too late.
    const late = await server.gql(tech, CONTEST, { id: sheet.id, reason: "Wrong duration", receivedOn: "2025-03-16" });
    expect(refusal(late)).toEqual({ code: "BAD_USER_INPUT", fields: ["receivedOn"] });
    expect(late.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/closed on 2025-03-15/);
    expect(await statusAsOf(sheet.id, null)).toBe("DEEMED_ACCEPTED");
  });

  it("accepts a contest received on D+5 (and on D itself), which makes the sheet CONTESTED for good", async () => {
    const sheet = await create("ELECTRONIC");
    ok(await server.gql(tech, SEND, { id: sheet.id, sentOn: "2025-03-10" }));
    const contested = ok(
      await server.gql(tech, CONTEST, { id: sheet.id, reason: "Only 45 minutes", receivedOn: "2025-03-15" }),
    ).contestInterventionSheet;
    expect(contested).toMatchObject({
      status: "CONTESTED",
      contestedOn: "2025-03-15",
      contestReason: "Only 45 minutes",
      validatedOn: null,
    });
    expect(await statusAsOf(sheet.id, "2025-03-14")).toBe("AWAITING_CONTEST_WINDOW");
    expect(await statusAsOf(sheet.id, "2025-03-16")).toBe("CONTESTED");
    const again = await server.gql(tech, CONTEST, { id: sheet.id, reason: "Again", receivedOn: "2025-03-15" });
    expect(refusal(again).code).toBe("CONFLICT");

    const sameDay = await create("ELECTRONIC");
    ok(await server.gql(tech, SEND, { id: sameDay.id, sentOn: "2025-03-10" }));
    const early = ok(await server.gql(tech, CONTEST, { id: sameDay.id, reason: "Not done", receivedOn: "2025-03-10" }));
    expect(early.contestInterventionSheet.status).toBe("CONTESTED");
    const before = await create("ELECTRONIC");
    ok(await server.gql(tech, SEND, { id: before.id, sentOn: "2025-03-10" }));
    const tooEarly = await server.gql(tech, CONTEST, { id: before.id, reason: "?", receivedOn: "2025-03-09" });
    expect(refusal(tooEarly)).toEqual({ code: "BAD_USER_INPUT", fields: ["receivedOn"] });
  });

  it("counts the window across a month end", async () => {
    const sheet = await create("ELECTRONIC", "2025-02-20");
    const sent = ok(await server.gql(tech, SEND, { id: sheet.id, sentOn: "2025-02-26" })).sendInterventionSheet;
    expect(sent.contestDeadline).toBe("2025-03-03");
    expect(await statusAsOf(sheet.id, "2025-03-03")).toBe("AWAITING_CONTEST_WINDOW");
    expect(await statusAsOf(sheet.id, "2025-03-04")).toBe("DEEMED_ACCEPTED");
  });

  it("a sheet sent yesterday is awaiting today and can be contested today", async () => {
    const today = todayInParis();
    const sheet = await create("ELECTRONIC", addDays(today, -3));
    const sent = ok(await server.gql(tech, SEND, { id: sheet.id, sentOn: addDays(today, -1) })).sendInterventionSheet;
    expect(sent).toMatchObject({ status: "AWAITING_CONTEST_WINDOW", contestDeadline: addDays(today, 4), editable: false });
    const contested = ok(await server.gql(tech, CONTEST, { id: sheet.id, reason: "Disagree", receivedOn: today }));
    expect(contested.contestInterventionSheet.status).toBe("CONTESTED");
  });

  it("signs a paper sheet, which validates it from the signing day", async () => {
    const sheet = await create("PAPER");
    const signed = ok(
      await server.gql(tech, SIGN, { id: sheet.id, signerName: "Marc Lefebvre", signedOn: "2025-03-12" }),
    ).signInterventionSheet;
    expect(signed).toMatchObject({
      status: "SIGNED",
      signerName: "Marc Lefebvre",
      signedOn: "2025-03-12",
      validatedOn: "2025-03-12",
    });
    expect(await statusAsOf(sheet.id, "2025-03-11")).toBe("DRAFT");
    expect(await statusAsOf(sheet.id, "2025-03-12")).toBe("SIGNED");
    const twice = await server.gql(tech, SIGN, { id: sheet.id, signerName: "Marc Lefebvre", signedOn: "2025-03-13" });
    expect(refusal(twice).code).toBe("CONFLICT");
  });

  it("signs only PAPER, sends and contests only ELECTRONIC, with dates not before the intervention nor in the future", async () => {
    const paper = await create("PAPER");
    const electronic = await create("ELECTRONIC");
    expect(refusal(await server.gql(tech, SIGN, { id: electronic.id, signerName: "X", signedOn: "2025-03-12" }))).toEqual({
      code: "BAD_USER_INPUT",
      fields: ["id"],
    });
    expect(refusal(await server.gql(tech, SEND, { id: paper.id, sentOn: "2025-03-12" })).code).toBe("BAD_USER_INPUT");
    expect(refusal(await server.gql(tech, CONTEST, { id: paper.id, reason: "x", receivedOn: "2025-03-12" })).code).toBe(
      "BAD_USER_INPUT",
    );
    expect(refusal(await server.gql(tech, CONTEST, { id: electronic.id, reason: "x", receivedOn: "2025-03-12" })).code).toBe(
      "CONFLICT",
    );

    expect(refusal(await server.gql(tech, SIGN, { id: paper.id, signerName: "X", signedOn: "2025-03-06" }))).toEqual({
      code: "BAD_USER_INPUT",
      fields: ["signedOn"],
    });
    expect(refusal(await server.gql(tech, SEND, { id: electronic.id, sentOn: "2025-03-06" }))).toEqual({
      code: "BAD_USER_INPUT",
      fields: ["sentOn"],
    });
    const tomorrow = addDays(todayInParis(), 1);
    expect(refusal(await server.gql(tech, SEND, { id: electronic.id, sentOn: tomorrow })).fields).toEqual(["sentOn"]);
    expect(refusal(await server.gql(tech, SIGN, { id: paper.id, signerName: " ", signedOn: "2025-03-12" })).fields).toEqual([
      "signerName",
    ]);
    expect(refusal(await server.gql(tech, SEND, { id: "999999", sentOn: "2025-03-12" })).code).toBe("NOT_FOUND");
    expect(ok(await server.gql(tech, STATUS, { id: "999999", asOf: null })).interventionSheet).toBeNull();
  });

  it("validates new sheets", async () => {
    const input = { customerId, medium: "PAPER", interventionDate: addDays(todayInParis(), 1), minutes: 0, summary: " " };
    expect(refusal(await server.gql(tech, CREATE, { input }))).toEqual({
      code: "BAD_USER_INPUT",
      fields: ["interventionDate", "minutes", "summary"],
    });
    const otherCustomer = await createCustomer(server, admin, "Other customer");
    const wrongContract = await server.gql(tech, CREATE, {
      input: {
        customerId: otherCustomer,
        medium: "PAPER",
        interventionDate: "2025-03-07",
        minutes: 30,
        summary: "x",
        maintenanceContractId: contractId,
      },
    });
    expect(refusal(wrongContract)).toEqual({ code: "BAD_USER_INPUT", fields: ["maintenanceContractId"] });
    const noCustomer = await server.gql(tech, CREATE, {
      input: { customerId: "987654", medium: "PAPER", interventionDate: "2025-03-07", minutes: 30, summary: "x" },
    });
    expect(refusal(noCustomer)).toEqual({ code: "BAD_USER_INPUT", fields: ["customerId"] });
  });

  it("edits a draft, and refuses edits once signed, sent, contested or deemed accepted", async () => {
    const draft = await create("PAPER");
    const edited = ok(await server.gql(tech, UPDATE, { input: { id: draft.id, minutes: 45, summary: "Rebooted the switch" } }));
    expect(edited.updateInterventionSheet).toMatchObject({
      minutes: 45,
      summary: "Rebooted the switch",
      interventionDate: "2025-03-07",
    });

    ok(await server.gql(tech, SIGN, { id: draft.id, signerName: "Marc Lefebvre", signedOn: "2025-03-12" }));
    const afterSigning = await server.gql(tech, UPDATE, { input: { id: draft.id, minutes: 30 } });
    expect(refusal(afterSigning).code).toBe("CONFLICT");
    expect(afterSigning.errors?.[0]?.message).toMatch(/signed on 2025-03-12/);

    const accepted = await create("ELECTRONIC");
    ok(await server.gql(tech, SEND, { id: accepted.id, sentOn: "2025-03-10" }));
    expect(refusal(await server.gql(tech, UPDATE, { input: { id: accepted.id, summary: "Changed" } })).code).toBe("CONFLICT");

    const contested = await create("ELECTRONIC");
    ok(await server.gql(tech, SEND, { id: contested.id, sentOn: "2025-03-10" }));
    ok(await server.gql(tech, CONTEST, { id: contested.id, reason: "No", receivedOn: "2025-03-11" }));
    expect(refusal(await server.gql(tech, UPDATE, { input: { id: contested.id, minutes: 10 } })).code).toBe("CONFLICT");

    const awaiting = await create("ELECTRONIC", addDays(todayInParis(), -1));
    ok(await server.gql(tech, SEND, { id: awaiting.id, sentOn: todayInParis() }));
    expect(refusal(await server.gql(tech, UPDATE, { input: { id: awaiting.id, minutes: 10 } })).code).toBe("CONFLICT");

    const sheet = ok(
      await server.gql(tech, `query($id: ID!) { interventionSheet(id: $id) { minutes summary editable } }`, { id: draft.id }),
    );
    expect(sheet.interventionSheet).toEqual({ minutes: 45, summary: "Rebooted the switch", editable: false });
  });

  it("lets TECHNICIAN and ADMIN write, every role read, and refuses INTEGRATOR, FINANCE and SALES writes", async () => {
    const sheet = await create("PAPER");
    for (const role of ["INTEGRATOR", "FINANCE", "SALES"] as const) {
      const token = await server.createToken(role);
      const input = { customerId, medium: "PAPER", interventionDate: "2025-03-07", minutes: 30, summary: "x" };
      expect(refusal(await server.gql(token, CREATE, { input })).code).toBe("FORBIDDEN");
      expect(refusal(await server.gql(token, SIGN, { id: sheet.id, signerName: "X", signedOn: "2025-03-12" })).code).toBe(
        "FORBIDDEN",
      );
      expect(ok(await server.gql(token, STATUS, { id: sheet.id, asOf: null })).interventionSheet.status).toBe("DRAFT");
    }
    const listed = ok(
      await server.gql(
        admin,
        `query($c: ID!) { interventionSheets(customerId: $c, from: "2025-03-07", to: "2025-03-07") { id } }`,
        { c: customerId },
      ),
    );
    expect(listed.interventionSheets.length).toBeGreaterThan(5);
  });

  it("writes an audit row for every mutation", async () => {
    const sheet = await create("ELECTRONIC");
    ok(await server.gql(tech, UPDATE, { input: { id: sheet.id, minutes: 20 } }));
    ok(await server.gql(tech, SEND, { id: sheet.id, sentOn: "2025-03-10" }));
    ok(await server.gql(tech, CONTEST, { id: sheet.id, reason: "No", receivedOn: "2025-03-11" }));
    const rows = await server.app.services.database.manager.find(AuditLog, {
      where: { entity: "InterventionSheet", entityId: String(sheet.id) },
      order: { id: "ASC" },
    });
    expect(rows.map((r) => r.action)).toEqual([
      "createInterventionSheet",
      "updateInterventionSheet",
      "sendInterventionSheet",
      "contestInterventionSheet",
    ]);
    expect(rows[1]?.before).toMatchObject({ minutes: 90 });
    expect(rows[1]?.after).toMatchObject({ minutes: 20 });
    expect(rows.every((r) => r.actor === "test TECHNICIAN")).toBe(true);
  });
});
