import { LocalDate } from "@js-joda/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOMER_CATEGORIES, SERVICE_FAMILIES } from "../../../server/src/domain/catalogue.js";
import {
  type CommitmentQuery,
  type CommitmentStatus,
  type ContractTerms,
  computeCommitment,
  computeCommitmentUnchecked,
  earlyTerminationFeeCents,
  isProtected,
  noticeDeadline,
  periodAt,
  periodBoundary,
  remainingCycles,
  renewalEvents,
  renewalReminderWindow,
  requiresRenewalReminder,
  terminationEffect,
  validateCommitmentQuery,
  validateContractTerms,
} from "../../../server/src/domain/commitment.js";
import { DomainValidationError, type FieldError } from "../../../server/src/domain/errors.js";
import { COMMITMENT_CASES } from "../../support/commitment-cases.js";

/** The columns of SPEC section 4's worked-examples table. */
const SPEC_COLUMNS = [
  "currentPeriodEnd",
  "noticeDeadline",
  "nextNoticeDeadline",
  "earliestEndDate",
  "remainingCycles",
  "earlyTerminationFeeCents",
] as const;

function fieldsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.fields;
    throw e;
  }
  throw new Error("expected a DomainValidationError");
}

// ---------------------------------------------------------------------------------------------
// SPEC worked examples, verbatim (sections 3 and 4).
// ---------------------------------------------------------------------------------------------

describe("SPEC worked examples", () => {
  // The SPEC's table lives once, in the cases shared with the API and the Excel functions.
  const rows = COMMITMENT_CASES.filter((c) => c.name.startsWith("SPEC example")).map((c) => [c.name, c] as const);

  it("covers all six worked examples", () => {
    expect(rows).toHaveLength(6);
  });

  it.each(rows)("%s", (_label, c) => {
    const q = c.input as CommitmentQuery;
    const s = computeCommitment(q);
    expect(s).toMatchObject(c.expected);
    for (const column of SPEC_COLUMNS) expect(c.expected[column], column).toBeDefined();
    expect(s.periodIndex).toBe(0);
    expect(s.inInitialTerm).toBe(true);
    expect(computeCommitmentUnchecked(q)).toEqual(s);
  });

  it("gives every field of the first row", () => {
    expect(
      computeCommitment({
        startDate: "2025-03-10",
        initialTermMonths: 36,
        renewalTermMonths: 12,
        noticeMonths: 3,
        asOf: "2027-12-09",
        monthlyAmountCents: 5900,
      }),
    ).toEqual<CommitmentStatus>({
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-03-10",
      currentPeriodEnd: "2028-03-09",
      initialTermEnd: "2028-03-09",
      noticeDeadline: "2027-12-09",
      nextNoticeDeadline: "2027-12-09",
      earliestEndDate: "2028-03-09",
      nextRenewalDate: "2028-03-10",
      remainingCycles: 3,
      earlyTerminationFeeCents: 17700,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Own tables.
// ---------------------------------------------------------------------------------------------

describe("periods at month ends", () => {
  it.each<[string, ContractTerms, number, string, string, string]>([
    // label, terms, k, start, end, notice deadline
    [
      "Jan 31 leap, period 0",
      { startDate: "2024-01-31", initialTermMonths: 1, renewalTermMonths: 1, noticeMonths: 1 },
      0,
      "2024-01-31",
      "2024-02-28",
      "2024-01-28",
    ],
    [
      "Jan 31 leap, period 1",
      { startDate: "2024-01-31", initialTermMonths: 1, renewalTermMonths: 1, noticeMonths: 1 },
      1,
      "2024-02-29",
      "2024-03-30",
      "2024-02-28",
    ],
    [
      "Jan 31 leap, period 2",
      { startDate: "2024-01-31", initialTermMonths: 1, renewalTermMonths: 1, noticeMonths: 1 },
      2,
      "2024-03-31",
      "2024-04-29",
      "2024-03-29",
    ],
    [
      "Jan 31, period 1",
      { startDate: "2025-01-31", initialTermMonths: 1, renewalTermMonths: 1 },
      1,
      "2025-02-28",
      "2025-03-30",
      "2025-03-30",
    ],
    [
      "Jan 31, period 2 (no drift)",
      { startDate: "2025-01-31", initialTermMonths: 1, renewalTermMonths: 1 },
      2,
      "2025-03-31",
      "2025-04-29",
      "2025-04-29",
    ],
    [
      "Aug 31, period 3",
      { startDate: "2024-08-31", initialTermMonths: 3, renewalTermMonths: 1, noticeMonths: 1 },
      3,
      "2025-01-31",
      "2025-02-27",
      "2025-01-27",
    ],
    [
      "Aug 31, period 4",
      { startDate: "2024-08-31", initialTermMonths: 3, renewalTermMonths: 1, noticeMonths: 1 },
      4,
      "2025-02-28",
      "2025-03-30",
      "2025-02-27",
    ],
    [
      "Feb 29, period 0",
      { startDate: "2024-02-29", initialTermMonths: 12, renewalTermMonths: 12, noticeMonths: 3 },
      0,
      "2024-02-29",
      "2025-02-27",
      "2024-11-27",
    ],
    [
      "Feb 29, period 3",
      { startDate: "2024-02-29", initialTermMonths: 12, renewalTermMonths: 12, noticeMonths: 3 },
      3,
      "2027-02-28",
      "2028-02-28",
      "2027-11-28",
    ],
    [
      "Feb 29, period 4",
      { startDate: "2024-02-29", initialTermMonths: 12, renewalTermMonths: 12, noticeMonths: 3 },
      4,
      "2028-02-29",
      "2029-02-27",
      "2028-11-27",
    ],
    [
      "Dec 31, 10 days, period 0",
      { startDate: "2024-12-31", initialTermMonths: 2, renewalTermMonths: 1, noticeDays: 10 },
      0,
      "2024-12-31",
      "2025-02-27",
      "2025-02-17",
    ],
    [
      "Dec 31, 10 days, period 1",
      { startDate: "2024-12-31", initialTermMonths: 2, renewalTermMonths: 1, noticeDays: 10 },
      1,
      "2025-02-28",
      "2025-03-30",
      "2025-03-20",
    ],
  ])("%s", (_label, terms, k, start, end, deadline) => {
    expect(periodBoundary(terms, k)).toBe(start);
    expect(periodAt(terms, start)).toEqual({ index: k, start, end });
    expect(periodAt(terms, end)).toEqual({ index: k, start, end });
    expect(noticeDeadline(terms, k)).toBe(deadline);
  });
});

describe("notice deadline day and the day after", () => {
  const t24: ContractTerms = { startDate: "2025-01-20", initialTermMonths: 24, renewalTermMonths: 12, noticeDays: 30 };
  const t36: ContractTerms = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3 };
  const t3: ContractTerms = { startDate: "2025-05-15", initialTermMonths: 3, renewalTermMonths: 1, noticeMonths: 1 };
  const none: ContractTerms = { startDate: "2025-05-15", initialTermMonths: 3, renewalTermMonths: 1 };
  it.each<[string, ContractTerms, string, string, string]>([
    // label, terms, asOf, next deadline, earliest end
    ["24+12 days, on the deadline", t24, "2026-12-20", "2026-12-20", "2027-01-19"],
    ["24+12 days, the day after", t24, "2026-12-21", "2027-12-20", "2028-01-19"],
    ["36+12 months, in the first renewal, on its deadline", t36, "2028-12-09", "2028-12-09", "2029-03-09"],
    ["36+12 months, in the first renewal, the day after", t36, "2028-12-10", "2029-12-09", "2030-03-09"],
    ["3+1 months, on the deadline", t3, "2025-07-14", "2025-07-14", "2025-08-14"],
    ["3+1 months, the day after", t3, "2025-07-15", "2025-08-14", "2025-09-14"],
    ["no notice, the last day", none, "2025-08-14", "2025-08-14", "2025-08-14"],
    ["no notice, the first renewal day", none, "2025-08-15", "2025-09-14", "2025-09-14"],
    ["before the start", t3, "2025-01-01", "2025-07-14", "2025-08-14"],
  ])("%s", (_label, terms, asOf, nextDeadline, earliestEnd) => {
    const s = computeCommitment({ ...terms, asOf });
    expect(s.nextNoticeDeadline).toBe(nextDeadline);
    expect(s.earliestEndDate).toBe(earliestEnd);
    expect(terminationEffect(terms, asOf)).toBe(earliestEnd);
  });

  it("reports the current period's deadline even when passed, and renewal dates", () => {
    const s = computeCommitment({ ...t36, asOf: "2028-12-10", monthlyAmountCents: 5900 });
    expect(s).toMatchObject({
      periodIndex: 1,
      inInitialTerm: false,
      currentPeriodStart: "2028-03-10",
      currentPeriodEnd: "2029-03-09",
      initialTermEnd: "2028-03-09",
      noticeDeadline: "2028-12-09",
      nextRenewalDate: "2029-03-10",
      remainingCycles: 2, // 2029-01-10, 2029-02-10
      earlyTerminationFeeCents: 11800,
    });
  });

  it("refuses a notice longer than the shortest period it governs (convention, SPEC section 3)", () => {
    const terms: ContractTerms = { startDate: "2025-01-10", initialTermMonths: 3, renewalTermMonths: 1, noticeMonths: 3 };
    expect(fieldsOf(() => noticeDeadline(terms, 2)).map((f) => f.field)).toEqual(["noticeMonths"]);
    expect(fieldsOf(() => computeCommitment({ ...terms, asOf: "2025-03-15" }))[0]?.message.en).toBe(
      "A notice of 3 months is longer than the renewal term (1 month): a notice may not exceed the shortest period it governs.",
    );
  });
});

describe("renewal 0 (no tacit renewal)", () => {
  const terms: ContractTerms = { startDate: "2025-01-01", initialTermMonths: 12, renewalTermMonths: 0, noticeMonths: 1 };
  it.each<[string, string | null, number]>([
    // asOf, next deadline, cycles
    ["2025-06-15", "2025-11-30", 6],
    ["2025-11-30", "2025-11-30", 1],
    ["2025-12-01", null, 0],
    ["2026-03-01", null, 0],
  ])("as of %s", (asOf, nextDeadline, cycles) => {
    const s = computeCommitment({ ...terms, asOf, monthlyAmountCents: 1000 });
    expect(s).toMatchObject({
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-01-01",
      currentPeriodEnd: "2025-12-31",
      initialTermEnd: "2025-12-31",
      noticeDeadline: "2025-11-30",
      nextNoticeDeadline: nextDeadline,
      earliestEndDate: "2025-12-31",
      nextRenewalDate: null,
      remainingCycles: cycles,
      earlyTerminationFeeCents: cycles * 1000,
    });
    expect(terminationEffect(terms, asOf)).toBe("2025-12-31");
    expect(periodAt(terms, asOf).index).toBe(0);
  });

  it("has only boundaries 0 and 1 and deadline 0", () => {
    expect(periodBoundary(terms, 1)).toBe("2026-01-01");
    expect(() => periodBoundary(terms, 2)).toThrow(RangeError);
    expect(() => noticeDeadline(terms, 1)).toThrow(RangeError);
    expect(renewalEvents(terms, "2020-01-01", "2030-01-01")).toEqual([
      { periodIndex: 0, periodEnd: "2025-12-31", noticeDeadline: "2025-11-30", nextPeriodStart: null },
    ]);
    expect(renewalEvents(terms, "2026-01-01", "2030-01-01")).toEqual([]);
  });
});

describe("early termination fee and the L224-28 cap", () => {
  const base = {
    startDate: "2025-01-20",
    initialTermMonths: 24,
    renewalTermMonths: 12,
    noticeDays: 30,
    monthlyAmountCents: 2000,
  } satisfies Partial<CommitmentQuery>;
  it.each<[string, Partial<CommitmentQuery>, string, number]>([
    // label, extra, asOf, fee
    ["OTHER pays the standard fee", { customerCategory: "OTHER", serviceFamily: "IP_TELEPHONY" }, "2025-06-10", 38000],
    ["no category means OTHER", {}, "2025-06-10", 38000],
    ["MICRO, protected", { customerCategory: "MICRO", serviceFamily: "IP_TELEPHONY" }, "2025-06-10", 14000],
    ["SMALL, protected", { customerCategory: "SMALL", serviceFamily: "IP_ACCESS_WIRED" }, "2025-06-10", 14000],
    ["NON_PROFIT, protected", { customerCategory: "NON_PROFIT", serviceFamily: "MOBILE_FLEET" }, "2025-06-10", 14000],
    ["CONSUMER, protected", { customerCategory: "CONSUMER", serviceFamily: "IP_ACCESS_CELLULAR" }, "2025-06-10", 14000],
    [
      "MICRO with a waiver: standard",
      { customerCategory: "MICRO", serviceFamily: "IP_TELEPHONY", waiverSigned: true },
      "2025-06-10",
      38000,
    ],
    [
      "CONSUMER cannot waive",
      { customerCategory: "CONSUMER", serviceFamily: "IP_TELEPHONY", waiverSigned: true },
      "2025-06-10",
      14000,
    ],
    ["MICRO on BACKUP: not protected", { customerCategory: "MICRO", serviceFamily: "BACKUP" }, "2025-06-10", 38000],
    [
      "CONSUMER on MAINTENANCE: not protected",
      { customerCategory: "CONSUMER", serviceFamily: "MAINTENANCE" },
      "2025-06-10",
      38000,
    ],
    ["MICRO, family unknown: protective reading", { customerCategory: "MICRO" }, "2025-06-10", 14000],
    ["MICRO + device, before month 12", { customerCategory: "MICRO", subsidisedDevice: true }, "2025-06-10", 14000 + 4800],
    ["MICRO + device, after month 12", { customerCategory: "MICRO", subsidisedDevice: true }, "2026-02-01", 4400],
    ["OTHER + device: standard", { customerCategory: "OTHER", subsidisedDevice: true }, "2026-02-01", 22000],
    ["MICRO, on EDATE(S,12) - 1", { customerCategory: "MICRO" }, "2026-01-19", 0],
    ["MICRO, the day before", { customerCategory: "MICRO" }, "2026-01-18", 0],
    ["MICRO, on cycle 11's start", { customerCategory: "MICRO" }, "2025-12-20", 0],
    ["MICRO, the day before cycle 11", { customerCategory: "MICRO" }, "2025-12-19", 2000],
    ["MICRO + device, on EDATE(S,12) - 1", { customerCategory: "MICRO", subsidisedDevice: true }, "2026-01-19", 4800],
    ["MICRO + device, the day before", { customerCategory: "MICRO", subsidisedDevice: true }, "2026-01-18", 4800],
    ["MICRO before the start", { customerCategory: "MICRO" }, "2025-01-01", 24000],
    ["MICRO in a renewal period: standard", { customerCategory: "MICRO" }, "2027-03-01", 20000],
    ["MICRO, 12-month term: standard", { customerCategory: "MICRO", initialTermMonths: 12 }, "2025-06-10", 14000],
    ["MICRO, 13-month term", { customerCategory: "MICRO", initialTermMonths: 13 }, "2025-06-10", 14000],
    [
      "MICRO, 18-month term + device",
      { customerCategory: "MICRO", initialTermMonths: 18, subsidisedDevice: true },
      "2025-06-10",
      14000 + 2400,
    ],
  ])("%s", (_label, extra, asOf, fee) => {
    const q = { ...base, ...extra, asOf } as CommitmentQuery;
    expect(computeCommitment(q).earlyTerminationFeeCents).toBe(fee);
    expect(earlyTerminationFeeCents(q)).toBe(fee);
  });

  it("rounds the 20% to the cent, half up", () => {
    const q = { ...base, customerCategory: "MICRO", subsidisedDevice: true, asOf: "2026-02-01" } as const;
    // 11 cycles left: 20% of 11 × 1001 = 2202.2 → 2202; of 11 × 1003 = 2206.6 → 2207; of 11 × 1005 = 2211.
    expect(computeCommitment({ ...q, monthlyAmountCents: 1001 }).earlyTerminationFeeCents).toBe(2202);
    expect(computeCommitment({ ...q, monthlyAmountCents: 1003 }).earlyTerminationFeeCents).toBe(2207);
    expect(computeCommitment({ ...q, monthlyAmountCents: 1005 }).earlyTerminationFeeCents).toBe(2211);
  });

  it("handles the largest amounts exactly", () => {
    const s = computeCommitment({
      startDate: "2025-01-01",
      initialTermMonths: 1200,
      renewalTermMonths: 0,
      asOf: "2024-12-31",
      monthlyAmountCents: 1e9,
    });
    expect(s.earlyTerminationFeeCents).toBe(1_200_000_000_000);
    expect(Number.isSafeInteger(s.earlyTerminationFeeCents)).toBe(true);
  });

  it("knows who is protected", () => {
    expect(isProtected("CONSUMER", null, true)).toBe(true);
    expect(isProtected("NON_PROFIT", "IP_TELEPHONY", true)).toBe(false);
    expect(isProtected("SMALL", undefined, false)).toBe(true);
    expect(isProtected("OTHER", "IP_TELEPHONY", false)).toBe(false);
    expect(isProtected(null, null, null)).toBe(false);
    expect(isProtected("CONSUMER", "BACKUP", false)).toBe(false);
  });
});

describe("remainingCycles", () => {
  const terms: ContractTerms = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3 };
  it.each([
    ["2025-01-01", 36],
    ["2025-03-09", 36],
    ["2025-03-10", 35],
    ["2028-02-10", 0],
    ["2028-03-09", 0],
    ["2028-03-10", 11],
  ])("as of %s: %i", (asOf, n) => {
    expect(remainingCycles(terms, asOf)).toBe(n);
    expect(computeCommitment({ ...terms, asOf }).remainingCycles).toBe(n);
  });
});

describe("renewal reminder (L215-1)", () => {
  it("runs from 3 months to 1 month before the deadline", () => {
    expect(renewalReminderWindow("2027-12-09")).toEqual({ from: "2027-09-09", to: "2027-11-09" });
    expect(renewalReminderWindow("2025-05-31")).toEqual({ from: "2025-02-28", to: "2025-04-30" });
  });
  it("is required for CONSUMER and NON_PROFIT only", () => {
    expect(CUSTOMER_CATEGORIES.filter(requiresRenewalReminder)).toEqual(["CONSUMER", "NON_PROFIT"]);
  });
});

describe("renewalEvents", () => {
  const terms: ContractTerms = { startDate: "2025-03-10", initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 3 };
  it("lists period ends in [from, to], inclusive", () => {
    expect(renewalEvents(terms, "2028-03-09", "2030-03-09")).toEqual([
      { periodIndex: 0, periodEnd: "2028-03-09", noticeDeadline: "2027-12-09", nextPeriodStart: "2028-03-10" },
      { periodIndex: 1, periodEnd: "2029-03-09", noticeDeadline: "2028-12-09", nextPeriodStart: "2029-03-10" },
      { periodIndex: 2, periodEnd: "2030-03-09", noticeDeadline: "2029-12-09", nextPeriodStart: "2030-03-10" },
    ]);
    expect(renewalEvents(terms, "2028-03-10", "2029-03-08")).toEqual([]);
  });
  it("jumps straight to a far-away range", () => {
    const monthly: ContractTerms = { startDate: "1900-01-31", initialTermMonths: 1, renewalTermMonths: 1 };
    const events = renewalEvents(monthly, "9999-01-01", "9999-03-31");
    expect(events.map((e) => e.periodEnd)).toEqual(["9999-01-30", "9999-02-27", "9999-03-30"]);
    expect(events[0]?.periodIndex).toBe((9999 - 1900) * 12 - 1);
  });
  it("rejects a reversed or invalid range", () => {
    expect(fieldsOf(() => renewalEvents(terms, "2030-01-01", "2029-01-01")).map((f) => f.field)).toEqual(["to"]);
    expect(fieldsOf(() => renewalEvents(terms, "2030-02-30", "x")).map((f) => f.field)).toEqual(["from", "to"]);
  });
});

describe("validation", () => {
  const ok: CommitmentQuery = { startDate: "2025-01-20", initialTermMonths: 24, renewalTermMonths: 12, asOf: "2025-06-10" };
  it.each<[string, Partial<CommitmentQuery>, string[]]>([
    ["impossible start date", { startDate: "2025-02-30" }, ["startDate"]],
    ["start date in another form", { startDate: "20/01/2025" }, ["startDate"]],
    ["impossible asOf", { asOf: "2025-13-01" }, ["asOf"]],
    ["initial term 0", { initialTermMonths: 0 }, ["initialTermMonths"]],
    ["initial term negative", { initialTermMonths: -12 }, ["initialTermMonths"]],
    ["initial term fractional", { initialTermMonths: 1.5 }, ["initialTermMonths"]],
    ["initial term too long", { initialTermMonths: 1201 }, ["initialTermMonths"]],
    ["renewal negative", { renewalTermMonths: -1 }, ["renewalTermMonths"]],
    ["renewal NaN", { renewalTermMonths: Number.NaN }, ["renewalTermMonths"]],
    ["notice months negative", { noticeMonths: -1 }, ["noticeMonths"]],
    ["notice days too long", { noticeDays: 3651 }, ["noticeDays"]],
    ["both notices", { noticeMonths: 1, noticeDays: 30 }, ["noticeDays"]],
    ["notice months over the initial term", { initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 40 }, ["noticeMonths"]],
    ["notice months over the renewal term", { initialTermMonths: 36, renewalTermMonths: 12, noticeMonths: 13 }, ["noticeMonths"]],
    ["notice days over 31 × the renewal term", { initialTermMonths: 3, renewalTermMonths: 1, noticeDays: 32 }, ["noticeDays"]],
    [
      "notice months over a term without renewal",
      { initialTermMonths: 6, renewalTermMonths: 0, noticeMonths: 7 },
      ["noticeMonths"],
    ],
    ["negative amount", { monthlyAmountCents: -1 }, ["monthlyAmountCents"]],
    ["fractional amount", { monthlyAmountCents: 10.5 }, ["monthlyAmountCents"]],
    ["huge amount", { monthlyAmountCents: 1e9 + 1 }, ["monthlyAmountCents"]],
    ["unknown category", { customerCategory: "VIP" as never }, ["customerCategory"]],
    ["unknown family", { serviceFamily: "CLOUD" as never }, ["serviceFamily"]],
    ["protected over 24 months", { customerCategory: "MICRO", initialTermMonths: 36 }, ["initialTermMonths"]],
    [
      "CONSUMER over 24 months even with a waiver",
      { customerCategory: "CONSUMER", waiverSigned: true, initialTermMonths: 25 },
      ["initialTermMonths"],
    ],
    [
      "several at once",
      { startDate: "2025-02-29", initialTermMonths: 0, renewalTermMonths: -1 },
      ["startDate", "initialTermMonths", "renewalTermMonths"],
    ],
    [
      "initial term ending after 9999",
      { startDate: "9999-06-01", initialTermMonths: 12, asOf: "9999-06-01" },
      ["initialTermMonths"],
    ],
  ])("%s", (_label, patch, fields) => {
    const q = { ...ok, ...patch };
    expect(validateCommitmentQuery(q).map((f) => f.field)).toEqual(fields);
    expect(fieldsOf(() => computeCommitment(q)).map((f) => f.field)).toEqual(fields);
  });

  it("explains the 24-month limit", () => {
    const [err] = validateCommitmentQuery({
      ...ok,
      customerCategory: "SMALL",
      serviceFamily: "IP_ACCESS_WIRED",
      initialTermMonths: 36,
    });
    expect(err?.message.en).toMatch(/protected customer.*24 months.*waiver/);
    expect(err?.message.fr).toBe(
      "La durée d'engagement de 36 mois dépasse les 24 mois autorisés pour un client protégé (particulier, micro-entreprise, petite entreprise ou association) sur un service de communications électroniques (article L224-28 du Code de la consommation), sauf renonciation datée de sa part.",
    );
  });

  it("uses clear messages", () => {
    const byField = Object.fromEntries(
      validateCommitmentQuery({ ...ok, startDate: "2025-02-30", initialTermMonths: 0, noticeMonths: 1, noticeDays: 2 }).map(
        (f) => [f.field, f.message.en],
      ),
    );
    expect(byField).toEqual({
      startDate: "must be a real calendar date in YYYY-MM-DD form (years 1900 to 9999)",
      initialTermMonths: "must be at least 1",
      noticeDays: "give noticeMonths or noticeDays, not both",
    });
  });

  it.each<[string, Partial<CommitmentQuery>]>([
    ["MICRO with a waiver over 24 months", { customerCategory: "MICRO", waiverSigned: true, initialTermMonths: 36 }],
    ["MICRO on BACKUP over 24 months", { customerCategory: "MICRO", serviceFamily: "BACKUP", initialTermMonths: 36 }],
    ["OTHER over 24 months", { customerCategory: "OTHER", initialTermMonths: 36 }],
    ["CONSUMER at exactly 24 months", { customerCategory: "CONSUMER", initialTermMonths: 24 }],
    [
      "null optionals",
      { noticeMonths: null, noticeDays: null, monthlyAmountCents: null, customerCategory: null, serviceFamily: null },
    ],
    ["zero notice", { noticeDays: 0 }],
  ])("accepts %s", (_label, patch) => {
    expect(validateCommitmentQuery({ ...ok, ...patch })).toEqual([]);
  });

  it("refuses dates it would have to give past 9999-12-31", () => {
    const terms = { startDate: "9999-01-01", initialTermMonths: 12, renewalTermMonths: 12, asOf: "9999-06-01" };
    expect(fieldsOf(() => computeCommitment(terms)).map((f) => f.field)).toEqual(["asOf"]);
    expect(computeCommitment({ ...terms, renewalTermMonths: 0 }).initialTermEnd).toBe("9999-12-31");
  });

  it("validates terms on their own", () => {
    expect(validateContractTerms({ startDate: "2025-01-01", initialTermMonths: 1, renewalTermMonths: 0 })).toEqual([]);
    expect(
      fieldsOf(() => periodAt({ startDate: "2025-01-01", initialTermMonths: 0, renewalTermMonths: 0 }, "2025-01-01")),
    ).toHaveLength(1);
    expect(
      fieldsOf(() => terminationEffect({ startDate: "2025-01-01", initialTermMonths: 1, renewalTermMonths: 1 }, "nope")),
    ).toEqual([{ field: "receivedOn", message: expect.objectContaining({ en: expect.stringContaining("YYYY-MM-DD") }) }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, against an oracle written straight from the SPEC text with js-joda (whose
// plusMonths clamps like EDATE) and walking period by period: slow but obviously right.
// ---------------------------------------------------------------------------------------------

const ELECTRONIC = new Set(["IP_ACCESS_WIRED", "IP_ACCESS_CELLULAR", "IP_TELEPHONY", "MOBILE_FLEET"]);

function oracle(q: CommitmentQuery): CommitmentStatus {
  const S = LocalDate.parse(q.startDate);
  const I = q.initialTermMonths;
  const R = q.renewalTermMonths;
  const b = (k: number) => (k === 0 ? S : S.plusMonths(I + (k - 1) * R));
  const dl = (k: number) =>
    q.noticeMonths != null
      ? b(k + 1)
          .minusMonths(q.noticeMonths)
          .minusDays(1)
      : b(k + 1).minusDays((q.noticeDays ?? 0) + 1);
  const asOf = LocalDate.parse(q.asOf);
  let k = 0;
  if (R > 0) while (!b(k + 1).isAfter(asOf)) k++;
  let j = 0;
  if (R === 0) j = dl(0).isBefore(asOf) ? -1 : 0;
  else while (dl(j).isBefore(asOf)) j++;
  let cycles = 0;
  for (let m = 0; m < I + k * R; m++) if (S.plusMonths(m).isAfter(asOf)) cycles++;
  const monthly = q.monthlyAmountCents ?? 0;
  const standard = monthly * cycles;
  const cat = q.customerCategory ?? "OTHER";
  const prot =
    cat !== "OTHER" && (cat === "CONSUMER" || !q.waiverSigned) && (q.serviceFamily == null || ELECTRONIC.has(q.serviceFamily));
  let fee = standard;
  if (prot && k === 0 && I > 12) {
    const m12 = S.plusMonths(12);
    const share = (x: number) => Math.round(x / 5);
    if (!asOf.isBefore(m12.minusDays(1))) fee = q.subsidisedDevice ? share(standard) : 0;
    else {
      let before = 0;
      for (let m = 0; m < 12; m++) if (S.plusMonths(m).isAfter(asOf)) before++;
      fee = Math.min(standard, monthly * before + (q.subsidisedDevice ? share(monthly * (I - 12)) : 0));
    }
  }
  return {
    periodIndex: k,
    inInitialTerm: k === 0,
    currentPeriodStart: b(k).toString(),
    currentPeriodEnd: b(k + 1)
      .minusDays(1)
      .toString(),
    initialTermEnd: b(1).minusDays(1).toString(),
    noticeDeadline: dl(k).toString(),
    nextNoticeDeadline: j < 0 ? null : dl(j).toString(),
    earliestEndDate: (R === 0 ? b(1) : b(j + 1)).minusDays(1).toString(),
    nextRenewalDate: R === 0 ? null : b(k + 1).toString(),
    remainingCycles: cycles,
    earlyTerminationFeeCents: fee,
  };
}

/** Start dates biased to month ends, where clamping bites. */
const startDate = fc
  .tuple(
    fc.integer({ min: 1990, max: 2100 }),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 28, max: 31 })),
  )
  .map(([y, m, d]) => LocalDate.of(y, m, Math.min(d, LocalDate.of(y, m, 1).lengthOfMonth())).toString());

/** A notice no longer than the shortest period it governs (longer ones are refused: SPEC section 3). */
const noticeFor = (initial: number, renewal: number) => {
  const shortest = renewal > 0 ? Math.min(initial, renewal) : initial;
  return fc.oneof(
    fc.constant({}),
    fc.integer({ min: 0, max: Math.min(6, shortest) }).map((n) => ({ noticeMonths: n })),
    fc.integer({ min: 0, max: Math.min(120, 31 * shortest) }).map((n) => ({ noticeDays: n })),
  );
};

const terms: fc.Arbitrary<ContractTerms> = fc
  .tuple(startDate, fc.integer({ min: 1, max: 60 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 })))
  .chain(([s, i, r]) =>
    noticeFor(i, r).map((n) => ({ startDate: s, initialTermMonths: i, renewalTermMonths: r, ...n }) as ContractTerms),
  );

const renewing = terms.map((t) => {
  const renewalTermMonths =
    t.renewalTermMonths || Math.max(1 + (t.initialTermMonths % 12), t.noticeMonths ?? 0, Math.ceil((t.noticeDays ?? 0) / 31));
  return { ...t, renewalTermMonths };
});

/** A date from 400 days before the start to 30 years after it. */
const dateNear = (start: string) =>
  fc.integer({ min: -400, max: 366 * 30 }).map((n) => LocalDate.parse(start).plusDays(n).toString());

const query: fc.Arbitrary<CommitmentQuery> = terms.chain((t) =>
  fc
    .record({
      asOf: dateNear(t.startDate),
      monthlyAmountCents: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1e9 })),
      customerCategory: fc.oneof(fc.constant(null), fc.constantFrom(...CUSTOMER_CATEGORIES)),
      serviceFamily: fc.oneof(fc.constant(null), fc.constantFrom(...SERVICE_FAMILIES)),
      waiverSigned: fc.oneof(fc.constant(null), fc.boolean()),
      subsidisedDevice: fc.oneof(fc.constant(null), fc.boolean()),
    })
    .map((rest) => ({ ...t, ...rest })),
);

describe("properties", () => {
  it("computeCommitment agrees with the period-by-period oracle", () => {
    fc.assert(
      fc.property(query, (q) => {
        const tooLong = q.initialTermMonths > 24 && isProtected(q.customerCategory, q.serviceFamily, q.waiverSigned);
        if (tooLong) expect(fieldsOf(() => computeCommitment(q)).map((f) => f.field)).toEqual(["initialTermMonths"]);
        else expect(computeCommitment(q)).toEqual(oracle(q));
      }),
      { numRuns: 1500 },
    );
  });

  it("fees are non-negative safe integers, and the protected fee never exceeds the standard one", () => {
    fc.assert(
      fc.property(query, (q) => {
        const s = computeCommitmentUnchecked(q);
        const standard = computeCommitmentUnchecked({ ...q, customerCategory: "OTHER" });
        expect(Number.isSafeInteger(s.earlyTerminationFeeCents)).toBe(true);
        expect(s.earlyTerminationFeeCents).toBeGreaterThanOrEqual(0);
        expect(s.earlyTerminationFeeCents).toBeLessThanOrEqual(standard.earlyTerminationFeeCents);
        expect(standard.earlyTerminationFeeCents).toBe((q.monthlyAmountCents ?? 0) * s.remainingCycles);
      }),
      { numRuns: 1000 },
    );
  });

  it("periods tile time and boundaries never drift", () => {
    fc.assert(
      fc.property(renewing, fc.integer({ min: 0, max: 1000 }), (t, k) => {
        const start = periodBoundary(t, k);
        const next = periodBoundary(t, k + 1);
        const S = LocalDate.parse(t.startDate);
        expect(next).toBe(S.plusMonths(t.initialTermMonths + k * t.renewalTermMonths).toString());
        const p = periodAt(t, start);
        expect(p).toEqual({ index: k, start, end: LocalDate.parse(next).minusDays(1).toString() });
        expect(periodAt(t, p.end).index).toBe(k);
        expect(periodAt(t, next).index).toBe(k + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it("a notice deadline is never after its period's end", () => {
    fc.assert(
      fc.property(renewing, fc.integer({ min: 0, max: 500 }), (t, k) => {
        const end = LocalDate.parse(periodBoundary(t, k + 1)).minusDays(1);
        const d = LocalDate.parse(noticeDeadline(t, k));
        expect(d.isAfter(end)).toBe(false);
        if (!t.noticeMonths && !t.noticeDays) expect(d.equals(end)).toBe(true);
        if (k > 0) expect(LocalDate.parse(noticeDeadline(t, k - 1)).isBefore(d)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("periodAt(date) contains the date", () => {
    fc.assert(
      fc.property(
        terms.chain((t) => fc.tuple(fc.constant(t), dateNear(t.startDate))),
        ([t, date]) => {
          const p = periodAt(t, date);
          const d = LocalDate.parse(date);
          const after = !d.isBefore(LocalDate.parse(t.startDate));
          const ended = t.renewalTermMonths === 0 && d.isAfter(LocalDate.parse(p.end));
          if (after && !ended) {
            expect(LocalDate.parse(p.start).isAfter(d)).toBe(false);
            expect(LocalDate.parse(p.end).isBefore(d)).toBe(false);
          } else expect(p.index).toBe(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a notice received on r ends service at the first period whose deadline is >= r", () => {
    fc.assert(
      fc.property(
        renewing.chain((t) => fc.tuple(fc.constant(t), dateNear(t.startDate))),
        ([t, r]) => {
          const end = terminationEffect(t, r);
          expect(end >= r).toBe(true);
          const k = periodAt(t, end).index;
          expect(periodAt(t, end).end).toBe(end);
          expect(noticeDeadline(t, k) >= r).toBe(true);
          if (k > 0) expect(noticeDeadline(t, k - 1) < r).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("renewalEvents agrees with a naive period-by-period enumeration", () => {
    const arb = terms.chain((t) => fc.tuple(fc.constant(t), dateNear(t.startDate), fc.integer({ min: 0, max: 3000 })));
    fc.assert(
      fc.property(arb, ([t, from, span]) => {
        const to = LocalDate.parse(from).plusDays(span).toString();
        const S = LocalDate.parse(t.startDate);
        const expected = [];
        for (let k = 0; ; k++) {
          const next = S.plusMonths(t.initialTermMonths + k * t.renewalTermMonths);
          const end = next.minusDays(1).toString();
          if (end > to) break;
          if (end >= from) {
            expected.push({
              periodIndex: k,
              periodEnd: end,
              noticeDeadline: noticeDeadline(t, k),
              nextPeriodStart: t.renewalTermMonths === 0 ? null : next.toString(),
            });
          }
          if (t.renewalTermMonths === 0) break;
        }
        expect(renewalEvents(t, from, to)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
