/**
 * One table of commitment cases (SPEC sections 3 and 4), shared by two parity tests:
 * - test/addin/unit/functions-parity.test.ts: the Excel custom functions give these dates;
 * - the API side runs the same inputs through `commitmentPreview` and expects the same fields.
 * So a formula in Excel and the server agree to the day.
 *
 * `expected` lists the CommitmentStatus fields each case pins down (all of them unless a field is
 * deliberately left out; see the case's note). Dates are `YYYY-MM-DD`, money is cents.
 * The first six cases are SPEC's worked examples, verbatim.
 */

export type CustomerCategory = "CONSUMER" | "MICRO" | "SMALL" | "NON_PROFIT" | "OTHER";
export type ServiceFamily = "BACKUP" | "IP_ACCESS_WIRED" | "IP_ACCESS_CELLULAR" | "IP_TELEPHONY" | "MOBILE_FLEET" | "MAINTENANCE";

/** API.md CommitmentInput. */
export interface CommitmentCaseInput {
  startDate: string;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths?: number;
  noticeDays?: number;
  asOf: string;
  monthlyAmountCents?: number;
  customerCategory?: CustomerCategory;
  serviceFamily?: ServiceFamily;
  waiverSigned?: boolean;
  subsidisedDevice?: boolean;
}

/** API.md CommitmentStatus. */
export interface CommitmentCaseStatus {
  periodIndex: number;
  inInitialTerm: boolean;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  initialTermEnd: string;
  noticeDeadline: string;
  nextNoticeDeadline: string | null;
  earliestEndDate: string;
  nextRenewalDate: string | null;
  remainingCycles: number;
  earlyTerminationFeeCents: number;
}

export interface CommitmentCase {
  name: string;
  input: CommitmentCaseInput;
  expected: Partial<CommitmentCaseStatus>;
  note?: string;
}

export interface CommitmentErrorCase {
  name: string;
  input: CommitmentCaseInput;
  /** The field the BAD_USER_INPUT error must name. */
  field: string;
}

export const COMMITMENT_CASES: CommitmentCase[] = [
  {
    name: "SPEC example 1: 36+12, 3 months notice, as of the deadline itself",
    input: {
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      asOf: "2027-12-09",
      monthlyAmountCents: 5900,
    },
    expected: {
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
    },
  },
  {
    name: "SPEC example 2: the day after the deadline, notice now ends the first renewal",
    input: {
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      asOf: "2027-12-10",
      monthlyAmountCents: 5900,
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-03-10",
      currentPeriodEnd: "2028-03-09",
      initialTermEnd: "2028-03-09",
      noticeDeadline: "2027-12-09",
      nextNoticeDeadline: "2028-12-09",
      earliestEndDate: "2029-03-09",
      nextRenewalDate: "2028-03-10",
      remainingCycles: 2,
      earlyTerminationFeeCents: 11800,
    },
  },
  {
    name: "SPEC example 3: 31 August start, 3+1, 1 month notice (clamped month ends)",
    input: {
      startDate: "2024-08-31",
      initialTermMonths: 3,
      renewalTermMonths: 1,
      noticeMonths: 1,
      asOf: "2024-10-30",
      monthlyAmountCents: 1200,
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2024-08-31",
      currentPeriodEnd: "2024-11-29",
      initialTermEnd: "2024-11-29",
      noticeDeadline: "2024-10-29",
      nextNoticeDeadline: "2024-11-29",
      earliestEndDate: "2024-12-30",
      nextRenewalDate: "2024-11-30",
      remainingCycles: 1,
      earlyTerminationFeeCents: 1200,
    },
  },
  {
    name: "SPEC example 4: same contract, as of 31 October (the last cycle has started)",
    input: {
      startDate: "2024-08-31",
      initialTermMonths: 3,
      renewalTermMonths: 1,
      noticeMonths: 1,
      asOf: "2024-10-31",
      monthlyAmountCents: 1200,
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2024-08-31",
      currentPeriodEnd: "2024-11-29",
      initialTermEnd: "2024-11-29",
      noticeDeadline: "2024-10-29",
      nextNoticeDeadline: "2024-11-29",
      earliestEndDate: "2024-12-30",
      nextRenewalDate: "2024-11-30",
      remainingCycles: 0,
      earlyTerminationFeeCents: 0,
    },
  },
  {
    name: "SPEC example 5: MICRO on IP telephony, 24+12, 30 days notice, before month 12 (capped fee)",
    input: {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      asOf: "2025-06-10",
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-01-20",
      currentPeriodEnd: "2027-01-19",
      initialTermEnd: "2027-01-19",
      noticeDeadline: "2026-12-20",
      nextNoticeDeadline: "2026-12-20",
      earliestEndDate: "2027-01-19",
      nextRenewalDate: "2027-01-20",
      remainingCycles: 19,
      earlyTerminationFeeCents: 14000,
    },
  },
  {
    name: "SPEC example 6: same contract after month 12 (no fee)",
    input: {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      asOf: "2026-02-01",
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-01-20",
      currentPeriodEnd: "2027-01-19",
      initialTermEnd: "2027-01-19",
      noticeDeadline: "2026-12-20",
      nextNoticeDeadline: "2026-12-20",
      earliestEndDate: "2027-01-19",
      nextRenewalDate: "2027-01-20",
      remainingCycles: 11,
      earlyTerminationFeeCents: 0,
    },
  },
  {
    name: "subsidised device before month 12: capped cycles plus 20% of months 12 to 24",
    input: {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      asOf: "2025-06-10",
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
      subsidisedDevice: true,
    },
    expected: { remainingCycles: 19, earlyTerminationFeeCents: 14000 + 4800, earliestEndDate: "2027-01-19" },
  },
  {
    name: "subsidised device after month 12: 20% of the remaining cycles",
    input: {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      asOf: "2026-02-01",
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
      subsidisedDevice: true,
    },
    expected: { remainingCycles: 11, earlyTerminationFeeCents: 4400 },
  },
  {
    name: "protected customer in a renewal period: standard fee",
    input: {
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      asOf: "2027-03-05",
      monthlyAmountCents: 2000,
      customerCategory: "MICRO",
      serviceFamily: "IP_TELEPHONY",
    },
    expected: {
      periodIndex: 1,
      inInitialTerm: false,
      currentPeriodStart: "2027-01-20",
      currentPeriodEnd: "2028-01-19",
      initialTermEnd: "2027-01-19",
      noticeDeadline: "2027-12-20",
      nextNoticeDeadline: "2027-12-20",
      earliestEndDate: "2028-01-19",
      nextRenewalDate: "2028-01-20",
      remainingCycles: 10,
      earlyTerminationFeeCents: 20000,
    },
  },
  {
    name: "first renewal period, after its deadline: notice ends the second renewal",
    input: {
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      asOf: "2029-01-15",
      monthlyAmountCents: 5900,
    },
    expected: {
      periodIndex: 1,
      inInitialTerm: false,
      currentPeriodStart: "2028-03-10",
      currentPeriodEnd: "2029-03-09",
      initialTermEnd: "2028-03-09",
      noticeDeadline: "2028-12-09",
      nextNoticeDeadline: "2029-12-09",
      earliestEndDate: "2030-03-09",
      nextRenewalDate: "2029-03-10",
      remainingCycles: 1,
      earlyTerminationFeeCents: 5900,
    },
  },
  {
    name: "31 January anchor, 3+1: boundaries from the anchor, never chained (Apr 30, May 31, Jun 30)",
    input: {
      startDate: "2024-01-31",
      initialTermMonths: 3,
      renewalTermMonths: 1,
      noticeMonths: 1,
      asOf: "2024-06-15",
      monthlyAmountCents: 1200,
    },
    expected: {
      periodIndex: 2,
      inInitialTerm: false,
      currentPeriodStart: "2024-05-31",
      currentPeriodEnd: "2024-06-29",
      initialTermEnd: "2024-04-29",
      noticeDeadline: "2024-05-29",
      nextNoticeDeadline: "2024-06-29",
      earliestEndDate: "2024-07-30",
      nextRenewalDate: "2024-06-30",
      remainingCycles: 0,
      earlyTerminationFeeCents: 0,
    },
  },
  {
    name: "29 February start, notice in days: 12+12, 45 days",
    input: {
      startDate: "2024-02-29",
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeDays: 45,
      asOf: "2025-01-01",
      monthlyAmountCents: 10000,
    },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2024-02-29",
      currentPeriodEnd: "2025-02-27",
      initialTermEnd: "2025-02-27",
      noticeDeadline: "2025-01-13",
      nextNoticeDeadline: "2025-01-13",
      earliestEndDate: "2025-02-27",
      nextRenewalDate: "2025-02-28",
      remainingCycles: 1,
      earlyTerminationFeeCents: 10000,
    },
  },
  {
    name: "no tacit renewal (R = 0), no notice: ends after the initial term",
    input: { startDate: "2025-01-15", initialTermMonths: 12, renewalTermMonths: 0, asOf: "2025-06-01", monthlyAmountCents: 3000 },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-01-15",
      currentPeriodEnd: "2026-01-14",
      initialTermEnd: "2026-01-14",
      noticeDeadline: "2026-01-14",
      nextNoticeDeadline: "2026-01-14",
      earliestEndDate: "2026-01-14",
      nextRenewalDate: null,
      remainingCycles: 7,
      earlyTerminationFeeCents: 21000,
    },
  },
  {
    name: "as of a date before the start: period 0",
    input: { startDate: "2025-05-01", initialTermMonths: 24, renewalTermMonths: 12, noticeMonths: 3, asOf: "2025-04-01" },
    expected: {
      periodIndex: 0,
      inInitialTerm: true,
      currentPeriodStart: "2025-05-01",
      currentPeriodEnd: "2027-04-30",
      initialTermEnd: "2027-04-30",
      noticeDeadline: "2027-01-31",
      nextNoticeDeadline: "2027-01-31",
      earliestEndDate: "2027-04-30",
      nextRenewalDate: "2027-05-01",
    },
    note: "remainingCycles and the fee before the start are left to the engine's documented convention",
  },
  {
    name: "waiver signed: a MICRO customer may commit for 36 months",
    input: {
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      asOf: "2025-03-10",
      customerCategory: "MICRO",
      serviceFamily: "IP_ACCESS_WIRED",
      waiverSigned: true,
    },
    expected: { initialTermEnd: "2028-03-09", noticeDeadline: "2027-12-09", nextRenewalDate: "2028-03-10" },
  },
];

export const COMMITMENT_ERROR_CASES: CommitmentErrorCase[] = [
  {
    name: "protected customer committed beyond 24 months without a waiver",
    input: {
      startDate: "2025-03-10",
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: 3,
      asOf: "2025-03-10",
      customerCategory: "MICRO",
      serviceFamily: "IP_ACCESS_WIRED",
    },
    field: "initialTermMonths",
  },
  {
    name: "negative initial term",
    input: { startDate: "2025-03-10", initialTermMonths: -1, renewalTermMonths: 12, asOf: "2025-03-10" },
    field: "initialTermMonths",
  },
  {
    name: "negative renewal term",
    input: { startDate: "2025-03-10", initialTermMonths: 12, renewalTermMonths: -12, asOf: "2025-03-10" },
    field: "renewalTermMonths",
  },
];
