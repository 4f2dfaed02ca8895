/**
 * The custom functions give exactly the dates of the shared case table (test/support), whether
 * dates are typed as Excel serials or as YYYY-MM-DD text. The API side of the parity runs the same
 * table through `commitmentPreview`.
 */
import { describe, expect, it } from "vitest";
import {
  dateLimitePreavis,
  finAuPlusTot,
  finEngagement,
  finPeriode,
  fraisResiliation,
  prochaineLimitePreavis,
  prochainRenouvellement,
} from "../../../addin/src/functions/functions.js";
import { LocalCustomFunctionError } from "../../../addin/src/functions/runtime.js";
import { isoToSerial, serialToIso } from "../../../addin/src/shared/dates.js";
import { computeCommitment } from "../../../server/src/domain/commitment.js";
import { COMMITMENT_CASES, COMMITMENT_ERROR_CASES, type CommitmentCase } from "../../support/commitment-cases.js";

type DateIn = number | string;
const asSerial = (iso: string): DateIn => isoToSerial(iso);
const asText = (iso: string): DateIn => iso;

/** What a cell shows: the ISO date of a serial, or the error code. */
function cell(compute: () => number): string {
  try {
    return serialToIso(compute());
  } catch (error) {
    if (error instanceof LocalCustomFunctionError) return error.code;
    throw error;
  }
}

function formulas(c: CommitmentCase, date: (iso: string) => DateIn) {
  const i = c.input;
  const start = date(i.startDate);
  const asOf = date(i.asOf);
  const args = [start, i.initialTermMonths, i.renewalTermMonths, i.noticeMonths, i.noticeDays, asOf] as const;
  return {
    initialTermEnd: () => cell(() => finEngagement(start, i.initialTermMonths)),
    currentPeriodEnd: () => cell(() => finPeriode(start, i.initialTermMonths, i.renewalTermMonths, asOf)),
    noticeDeadline: () => cell(() => dateLimitePreavis(...args)),
    nextNoticeDeadline: () => cell(() => prochaineLimitePreavis(...args)),
    nextRenewalDate: () => cell(() => prochainRenouvellement(...args)),
    earliestEndDate: () => cell(() => finAuPlusTot(...args)),
  };
}

const DATE_FIELDS = [
  "initialTermEnd",
  "currentPeriodEnd",
  "noticeDeadline",
  "nextNoticeDeadline",
  "nextRenewalDate",
  "earliestEndDate",
] as const;

describe("the shared commitment table", () => {
  it.each(COMMITMENT_CASES.map((c) => [c.name, c] as const))("matches the server's domain module: %s", (_, c) => {
    expect(computeCommitment(c.input)).toMatchObject(c.expected);
  });
});

describe.each([
  ["dates as Excel serials", asSerial],
  ["dates as YYYY-MM-DD text", asText],
] as const)("custom functions with %s", (_, date) => {
  it.each(COMMITMENT_CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const f = formulas(c, date);
    for (const field of DATE_FIELDS) {
      if (!(field in c.expected)) continue;
      const expected = c.expected[field];
      // A missing date (no renewal, no deadline left) is #N/A in the cell.
      expect(f[field](), field).toBe(expected === null ? "#N/A" : expected);
    }
    if (c.expected.earlyTerminationFeeCents !== undefined) {
      const i = c.input;
      const euros = fraisResiliation(
        date(i.startDate),
        i.initialTermMonths,
        i.renewalTermMonths,
        (i.monthlyAmountCents ?? 0) / 100,
        date(i.asOf),
        i.customerCategory,
        i.serviceFamily,
        i.subsidisedDevice,
        i.waiverSigned,
      );
      expect(Math.round(euros * 100)).toBe(c.expected.earlyTerminationFeeCents);
    }
  });
});

describe("custom function errors", () => {
  it.each(COMMITMENT_ERROR_CASES.map((c) => [c.name, c] as const))("%s → #VALUE! naming the parameter", (_, c) => {
    const i = c.input;
    const parameter = { initialTermMonths: "engagementMois", renewalTermMonths: "renouvellementMois" }[c.field] ?? c.field;
    try {
      fraisResiliation(
        i.startDate,
        i.initialTermMonths,
        i.renewalTermMonths,
        0,
        i.asOf,
        i.customerCategory,
        i.serviceFamily,
        false,
        i.waiverSigned,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LocalCustomFunctionError);
      expect((error as LocalCustomFunctionError).code).toBe("#VALUE!");
      expect((error as Error).message).toContain(`${parameter} :`);
    }
  });

  it("refuses serial 60 (1900-02-29), bad text dates, and both notice kinds at once", () => {
    const code = (f: () => number) => {
      try {
        f();
        return "ok";
      } catch (error) {
        return `${(error as LocalCustomFunctionError).code} ${(error as Error).message}`;
      }
    };
    expect(code(() => finEngagement(60, 12))).toMatch(/^#VALUE! debut : n'est pas une date Excel/);
    expect(code(() => finEngagement("2025-02-30", 12))).toMatch(/^#VALUE! debut :/);
    expect(code(() => finEngagement("31/02/2025", 12))).toMatch(/^#VALUE! debut :/);
    expect(code(() => dateLimitePreavis("2025-03-10", 36, 12, 3, 30, "2025-04-01"))).toMatch(/^#VALUE! preavisJours :/);
    expect(code(() => finPeriode("2025-03-10", 36, 12, "2025-13-01"))).toMatch(/^#VALUE! dateRef :/);
    expect(
      code(() => prochainRenouvellement("2025-03-10", 12, 0, null as unknown as number, null as unknown as number, "2025-04-01")),
    ).toMatch(/^#N\/A /);
  });

  it("treats omitted optional arguments (null or undefined) as absent, and as-of defaults to today", () => {
    const a = dateLimitePreavis(isoToSerial("2025-03-10"), 36, 12, 3, null as unknown as number, null as unknown as number);
    const b = dateLimitePreavis("2025-03-10", 36, 12, 3);
    expect(a).toBe(b);
    // A time of day in the serial (e.g. from NOW()) is dropped.
    expect(finEngagement(isoToSerial("2025-03-10") + 0.6, 36)).toBe(isoToSerial("2028-03-09"));
  });
});
