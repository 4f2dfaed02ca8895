import { describe, expect, it } from "vitest";
import { contractStatusOn, lastScheduledDay, scheduledPeriodEnd } from "../../../server/src/domain/renewal-schedule.js";

const periodEnd = { periodIndex: 1, periodEnd: "2027-03-09", noticeDeadline: "2026-12-09", nextPeriodStart: "2027-03-10" };

describe("renewal schedule rules", () => {
  it.each([
    // status, end date, today → status read
    ["ACTIVE", null, "2030-01-01", "ACTIVE"],
    ["NOTICE_RECEIVED", "2027-03-09", "2027-03-09", "NOTICE_RECEIVED"],
    ["NOTICE_RECEIVED", "2027-03-09", "2027-03-10", "ENDED"],
    ["ACTIVE", "2027-03-09", "2027-03-10", "ENDED"],
  ] as const)("a contract %s ending %s reads, on %s, as %s", (status, endDate, today, expected) => {
    expect(contractStatusOn({ status, endDate }, today)).toBe(expected);
  });

  it.each([
    [null, "2027-12-31", "2027-12-31"],
    ["2027-03-09", "2027-12-31", "2027-03-09"],
    ["2028-03-09", "2027-12-31", "2027-12-31"],
  ] as const)("end date %s in a window ending %s: events up to %s", (endDate, to, expected) => {
    expect(lastScheduledDay(endDate, to)).toBe(expected);
  });

  it.each([
    // category, end date → next period start, reminder required, window
    ["CONSUMER", null, "2027-03-10", true, { from: "2026-09-09", to: "2026-11-09" }],
    ["NON_PROFIT", null, "2027-03-10", true, { from: "2026-09-09", to: "2026-11-09" }],
    ["MICRO", null, "2027-03-10", false, null],
    ["OTHER", null, "2027-03-10", false, null],
    // A notice ends the contract at this period end: no renewal, so no reminder either.
    ["CONSUMER", "2027-03-09", null, false, null],
    // Ended before (the event is outside what the contract contributes, but the rule still holds).
    ["CONSUMER", "2026-03-09", null, false, null],
    // Ends after this period end: this one still renews.
    ["CONSUMER", "2028-03-09", "2027-03-10", true, { from: "2026-09-09", to: "2026-11-09" }],
  ] as const)("%s customer, end date %s: next period %s, reminder %s", (customerCategory, endDate, next, required, window) => {
    expect(scheduledPeriodEnd({ customerCategory, endDate }, periodEnd)).toEqual({
      nextPeriodStart: next,
      reminderRequired: required,
      reminderWindow: window,
    });
  });

  it("has no next period and owes no reminder where the contract does not renew at all", () => {
    expect(scheduledPeriodEnd({ customerCategory: "CONSUMER", endDate: null }, { ...periodEnd, nextPeriodStart: null })).toEqual({
      nextPeriodStart: null,
      reminderRequired: false,
      reminderWindow: null,
    });
  });
});
