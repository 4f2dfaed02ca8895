import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromEpochDay, toEpochDay } from "../../../server/src/domain/calendar.js";
import {
  contestDeadline,
  isContestInWindow,
  isValidated,
  type SheetFacts,
  sheetContestDeadline,
  sheetStatus,
  validatedOn,
  whyNotEditable,
} from "../../../server/src/domain/intervention-sheet.js";

const paper = (signedOn: string | null = null): SheetFacts => ({ medium: "PAPER", sentOn: null, signedOn, contestedOn: null });
const electronic = (sentOn: string | null, contestedOn: string | null = null): SheetFacts => ({
  medium: "ELECTRONIC",
  sentOn,
  signedOn: null,
  contestedOn,
});

describe("sheetStatus", () => {
  it.each([
    // PAPER: DRAFT until its signing date, SIGNED from then on.
    [paper(), "2025-03-10", "DRAFT"],
    [paper("2025-03-10"), "2025-03-09", "DRAFT"],
    [paper("2025-03-10"), "2025-03-10", "SIGNED"],
    [paper("2025-03-10"), "2030-01-01", "SIGNED"],
    // ELECTRONIC not sent.
    [electronic(null), "2025-03-10", "DRAFT"],
    // Sent on D = 2025-03-10: DRAFT before D, awaiting D … D+5, deemed accepted from D+6.
    [electronic("2025-03-10"), "2025-03-09", "DRAFT"],
    [electronic("2025-03-10"), "2025-03-10", "AWAITING_CONTEST_WINDOW"],
    [electronic("2025-03-10"), "2025-03-11", "AWAITING_CONTEST_WINDOW"],
    [electronic("2025-03-10"), "2025-03-15", "AWAITING_CONTEST_WINDOW"],
    [electronic("2025-03-10"), "2025-03-16", "DEEMED_ACCEPTED"],
    // Across a month end and February of a leap year.
    [electronic("2024-02-26"), "2024-03-02", "AWAITING_CONTEST_WINDOW"],
    [electronic("2024-02-26"), "2024-03-03", "DEEMED_ACCEPTED"],
    [electronic("2025-12-29"), "2026-01-03", "AWAITING_CONTEST_WINDOW"],
    [electronic("2025-12-29"), "2026-01-04", "DEEMED_ACCEPTED"],
    // Contested on D+5: awaiting before the contest, contested from it, never deemed accepted.
    [electronic("2025-03-10", "2025-03-15"), "2025-03-14", "AWAITING_CONTEST_WINDOW"],
    [electronic("2025-03-10", "2025-03-15"), "2025-03-15", "CONTESTED"],
    [electronic("2025-03-10", "2025-03-15"), "2025-04-30", "CONTESTED"],
    [electronic("2025-03-10", "2025-03-10"), "2025-03-10", "CONTESTED"],
  ] as const)("%o as of %s is %s", (facts, asOf, expected) => {
    expect(sheetStatus(facts, asOf)).toBe(expected);
  });
});

describe("contest window", () => {
  it("ends 5 calendar days after sending, the sending day not counted", () => {
    expect(contestDeadline("2025-03-10")).toBe("2025-03-15");
    expect(contestDeadline("2025-02-26")).toBe("2025-03-03");
    expect(contestDeadline("2024-02-26")).toBe("2024-03-02");
    expect(sheetContestDeadline(electronic("2025-03-10"))).toBe("2025-03-15");
    expect(sheetContestDeadline(electronic(null))).toBeNull();
    expect(sheetContestDeadline(paper("2025-03-10"))).toBeNull();
  });

  it.each([
    ["2025-03-09", false], // before sending
    ["2025-03-10", true], // the sending day itself (convention: accepted)
    ["2025-03-11", true], // D+1
    ["2025-03-15", true], // D+5
    ["2025-03-16", false], // D+6
  ])("a contest received on %s of a sheet sent on 2025-03-10 is accepted: %s", (receivedOn, accepted) => {
    expect(isContestInWindow("2025-03-10", receivedOn)).toBe(accepted);
  });
});

describe("validation", () => {
  it("is SIGNED or DEEMED_ACCEPTED", () => {
    expect(isValidated("SIGNED")).toBe(true);
    expect(isValidated("DEEMED_ACCEPTED")).toBe(true);
    for (const status of ["DRAFT", "AWAITING_CONTEST_WINDOW", "CONTESTED"] as const) expect(isValidated(status)).toBe(false);
  });

  it("dates validation on the signing day or on D+6", () => {
    expect(validatedOn(paper("2025-03-10"))).toBe("2025-03-10");
    expect(validatedOn(paper())).toBeNull();
    expect(validatedOn(electronic("2025-03-10"))).toBe("2025-03-16");
    expect(validatedOn(electronic("2025-03-10", "2025-03-12"))).toBeNull();
    expect(validatedOn(electronic(null))).toBeNull();
  });

  it("freezes a sheet once signed, sent, contested or deemed accepted", () => {
    expect(whyNotEditable(paper(), "2025-03-10")).toBeNull();
    expect(whyNotEditable(electronic(null), "2025-03-10")).toBeNull();
    expect(whyNotEditable(paper("2025-03-10"), "2025-03-10")?.en).toMatch(/signed on 2025-03-10/);
    expect(whyNotEditable(electronic("2025-03-10"), "2025-03-12")?.en).toMatch(/sent to the customer on 2025-03-10/);
    expect(whyNotEditable(electronic("2025-03-10"), "2025-03-16")?.en).toMatch(/deemed accepted on 2025-03-16/);
    expect(whyNotEditable(electronic("2025-03-10", "2025-03-11"), "2025-03-16")?.en).toMatch(/contested on 2025-03-11/);
    expect(whyNotEditable(electronic("2025-03-10", "2025-03-11"), "2025-03-16")?.fr).toBe(
      "la fiche a été contestée le 2025-03-11",
    );
  });
});

const day = fc.integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2099-12-31") }).map(fromEpochDay);
const offset = fc.integer({ min: -30, max: 30 });

describe("properties", () => {
  it("an uncontested electronic sheet is awaiting exactly on D … D+5 and deemed accepted from D+6", () => {
    fc.assert(
      fc.property(day, offset, (sentOn, k) => {
        const status = sheetStatus(electronic(sentOn), addDays(sentOn, k));
        if (k < 0) return status === "DRAFT";
        if (k <= 5) return status === "AWAITING_CONTEST_WINDOW";
        return status === "DEEMED_ACCEPTED";
      }),
    );
  });

  it("a contest is accepted exactly on D … D+5, and the sheet is then never deemed accepted", () => {
    fc.assert(
      fc.property(day, offset, offset, (sentOn, k, later) => {
        const receivedOn = addDays(sentOn, k);
        expect(isContestInWindow(sentOn, receivedOn)).toBe(k >= 0 && k <= 5);
        if (k >= 0 && k <= 5) {
          const asOf = addDays(receivedOn, Math.abs(later));
          expect(sheetStatus(electronic(sentOn, receivedOn), asOf)).toBe("CONTESTED");
          expect(validatedOn(electronic(sentOn, receivedOn))).toBeNull();
        }
      }),
    );
  });

  it("once validated a sheet stays validated, and it is validated from validatedOn on", () => {
    const facts = fc.oneof(
      day.map((d) => paper(d)),
      day.map((d) => electronic(d)),
    );
    fc.assert(
      fc.property(facts, day, fc.nat(400), (f, asOf, more) => {
        const on = validatedOn(f) as string;
        expect(isValidated(sheetStatus(f, asOf))).toBe(asOf >= on);
        if (isValidated(sheetStatus(f, asOf))) expect(isValidated(sheetStatus(f, addDays(asOf, more)))).toBe(true);
      }),
    );
  });
});
