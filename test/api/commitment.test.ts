import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../server/src/entities/api-token.entity.js";
import { COMMITMENT_CASES, COMMITMENT_ERROR_CASES } from "../support/commitment-cases.js";
import { startTestServer, type TestServer } from "../support/server.js";

const STATUS_FIELDS = `periodIndex inInitialTerm currentPeriodStart currentPeriodEnd initialTermEnd noticeDeadline
  nextNoticeDeadline earliestEndDate nextRenewalDate remainingCycles earlyTerminationFeeCents`;
const PREVIEW = `query Preview($input: CommitmentInput!) { commitmentPreview(input: $input) { ${STATUS_FIELDS} } }`;

describe(`commitmentPreview (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let token: string;
  const preview = (input: Record<string, unknown>) => server.gql(token, PREVIEW, { input });
  const fieldsOf = async (input: Record<string, unknown>) => {
    const response = await preview(input);
    expect(response.data?.commitmentPreview ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return (response.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field);
  };

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.createToken("INTEGRATOR");
  });
  afterAll(async () => {
    await server?.close();
  });

  // The shared cases start with SPEC section 4's six worked examples, every column of its table.
  it.each(COMMITMENT_CASES.map((c) => [c.name, c] as const))("shared parity case: %s", async (_name, c) => {
    const response = await preview({ ...c.input });
    expect(response.errors).toBeUndefined();
    expect(response.data?.commitmentPreview).toMatchObject(c.expected);
  });

  it.each(COMMITMENT_ERROR_CASES.map((c) => [c.name, c] as const))("shared error case: %s", async (_name, c) => {
    expect(await fieldsOf({ ...c.input })).toContain(c.field);
  });

  it("applies the defaults: no notice, amount 0, category OTHER, no family, no waiver, no device", async () => {
    const response = await preview({ startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, asOf: "2025-06-01" });
    expect(response.errors).toBeUndefined();
    expect(response.data?.commitmentPreview).toEqual({
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-03-10",
      currentPeriodEnd: "2028-03-09",
      initialTermEnd: "2028-03-09",
      // No notice period: a notice may arrive up to the period's last day.
      noticeDeadline: "2028-03-09",
      nextNoticeDeadline: "2028-03-09",
      earliestEndDate: "2028-03-09",
      nextRenewalDate: "2028-03-10",
      remainingCycles: 33,
      earlyTerminationFeeCents: 0,
    });
  });

  it("names the field of every invalid input", async () => {
    const base = { startDate: "2025-03-10", initialTermMonths: 24, renewalTermMonths: 12, asOf: "2025-06-01" };
    // Impossible calendar dates never reach the engine: the LocalDate scalar refuses them.
    expect(await fieldsOf({ ...base, startDate: "2025-02-30" })).toEqual(["startDate"]);
    expect(await fieldsOf({ ...base, asOf: "2025-13-01" })).toEqual(["asOf"]);
    expect(await fieldsOf({ ...base, initialTermMonths: 0 })).toEqual(["initialTermMonths"]);
    expect(await fieldsOf({ ...base, initialTermMonths: -3 })).toEqual(["initialTermMonths"]);
    expect(await fieldsOf({ ...base, renewalTermMonths: -1 })).toEqual(["renewalTermMonths"]);
    expect(await fieldsOf({ ...base, noticeMonths: 3, noticeDays: 30 })).toEqual(["noticeDays"]);
    expect(await fieldsOf({ ...base, noticeMonths: -1 })).toEqual(["noticeMonths"]);
    expect(await fieldsOf({ ...base, noticeDays: -1 })).toEqual(["noticeDays"]);
    expect(await fieldsOf({ ...base, monthlyAmountCents: -1 })).toEqual(["monthlyAmountCents"]);
    // A fee that would not fit a GraphQL Int (1e9 cents × 23 cycles) is refused on the amount.
    expect(await fieldsOf({ ...base, monthlyAmountCents: 1_000_000_000 })).toEqual(["monthlyAmountCents"]);
  });

  it("refuses an impossible date written inline in the document, naming the field", async () => {
    const response = await server.gql(
      token,
      `{ commitmentPreview(input: { startDate: "2025-02-30", initialTermMonths: 12, renewalTermMonths: 0, asOf: "2025-03-01" }) { periodIndex } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(["startDate"]);
  });

  it("applies the 24-month cap to protected customers on electronic communications only, unless waived", async () => {
    const long = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3, asOf: "2025-04-01" };
    for (const customerCategory of ["CONSUMER", "MICRO", "SMALL", "NON_PROFIT"]) {
      expect(await fieldsOf({ ...long, customerCategory, serviceFamily: "IP_ACCESS_WIRED" })).toEqual(["initialTermMonths"]);
      // No family given: the protective reading.
      expect(await fieldsOf({ ...long, customerCategory })).toEqual(["initialTermMonths"]);
    }
    // A CONSUMER cannot waive consumer law; the others can.
    expect(await fieldsOf({ ...long, customerCategory: "CONSUMER", serviceFamily: "MOBILE_FLEET", waiverSigned: true })).toEqual([
      "initialTermMonths",
    ]);
    for (const input of [
      { ...long, customerCategory: "SMALL", serviceFamily: "IP_ACCESS_WIRED", waiverSigned: true },
      { ...long, customerCategory: "OTHER", serviceFamily: "IP_ACCESS_WIRED" },
      { ...long, customerCategory: "CONSUMER", serviceFamily: "BACKUP" },
      { ...long, customerCategory: "MICRO", serviceFamily: "MAINTENANCE" },
      { ...long, initialTermMonths: 24, customerCategory: "CONSUMER", serviceFamily: "IP_TELEPHONY" },
    ]) {
      const response = await preview(input);
      expect(response.errors, JSON.stringify(input)).toBeUndefined();
    }
  });

  it("caps the protected fee: nothing after month 12, 20% with a subsidised device", async () => {
    const micro = {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
    };
    // Month 12 ends on EDATE(start, 12) - 1 = 2026-01-19: from that day on, no fee.
    const dayBefore = await preview({ ...micro, asOf: "2026-01-18" });
    expect(dayBefore.data?.commitmentPreview.earlyTerminationFeeCents).toBe(0);
    expect((await preview({ ...micro, asOf: "2025-12-19" })).data?.commitmentPreview.earlyTerminationFeeCents).toBe(2000);
    expect((await preview({ ...micro, asOf: "2026-01-19" })).data?.commitmentPreview.earlyTerminationFeeCents).toBe(0);
    const device = await preview({ ...micro, asOf: "2026-01-19", subsidisedDevice: true });
    // 12 cycles left (2026-01-20 … 2026-12-20) × 20.00 € × 20% = 48.00 €.
    expect(device.data?.commitmentPreview).toMatchObject({ remainingCycles: 12, earlyTerminationFeeCents: 4800 });
    // The same terms for an unprotected customer: the standard fee.
    const other = await preview({ ...micro, customerCategory: "OTHER", asOf: "2026-01-19" });
    expect(other.data?.commitmentPreview.earlyTerminationFeeCents).toBe(24000);
  });

  it("handles renewal 0 without looping: the contract ends after its initial term", async () => {
    const response = await preview({ startDate: "2024-01-31", initialTermMonths: 1, renewalTermMonths: 0, asOf: "2030-06-01" });
    expect(response.errors).toBeUndefined();
    expect(response.data?.commitmentPreview).toMatchObject({
      periodIndex: 0,
      currentPeriodEnd: "2024-02-28",
      nextRenewalDate: null,
      nextNoticeDeadline: null,
      earliestEndDate: "2024-02-28",
      remainingCycles: 0,
      earlyTerminationFeeCents: 0,
    });
  });

  it("answers every role", async () => {
    const input = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, asOf: "2025-06-01" };
    for (const role of ["ADMIN", "SALES", "FINANCE", "TECHNICIAN", "INTEGRATOR"] as Role[]) {
      const response = await server.gql(await server.createToken(role), PREVIEW, { input });
      expect(response.errors, role).toBeUndefined();
      expect(response.data?.commitmentPreview.initialTermEnd).toBe("2028-03-09");
    }
    expect((await server.gql(null, PREVIEW, { input })).status).toBe(401);
  });
});
