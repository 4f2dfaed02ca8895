import { LocalDate } from "@js-joda/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  epochDayOf,
  formatEpochDay,
  formatPacked,
  fromEpochDay,
  isValidLocalDate,
  monthsBetween,
  packedFromEpochDay,
  todayInParis,
  toEpochDay,
} from "../../../server/src/domain/calendar.js";

const MIN_DAY = LocalDate.parse("1900-01-01").toEpochDay();
const MAX_DAY = LocalDate.parse("9999-12-31").toEpochDay();
/** Any valid input date, generated through js-joda (an independent implementation). */
const anyDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map((n) => LocalDate.ofEpochDay(n).toString());
/** Dates far enough from the edges that ±100 years stays in range. */
const midDate = fc
  .integer({ min: LocalDate.parse("2000-01-01").toEpochDay(), max: LocalDate.parse("9899-12-31").toEpochDay() })
  .map((n) => LocalDate.ofEpochDay(n).toString());

describe("isValidLocalDate", () => {
  it.each([
    ["2025-01-01", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["1900-01-01", true],
    ["9999-12-31", true],
    ["2025-02-29", false],
    ["2025-02-30", false],
    ["1900-02-29", false],
    ["2025-04-31", false],
    ["2025-13-01", false],
    ["2025-00-10", false],
    ["2025-01-00", false],
    ["1899-12-31", false],
    ["10000-01-01", false],
    ["2025-1-01", false],
    ["2025/01/01", false],
    [" 2025-01-01", false],
    ["2025-01-01T00:00:00Z", false],
    ["2025-0a-01", false],
    ["", false],
  ])("%s → %s", (s, ok) => {
    expect(isValidLocalDate(s)).toBe(ok);
  });

  it("rejects non-strings", () => {
    for (const v of [null, undefined, 20250101, new Date(), {}]) expect(isValidLocalDate(v)).toBe(false);
  });
});

describe("epoch days", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["1900-01-01", -25567],
  ])("%s is epoch day %i", (s, n) => {
    expect(toEpochDay(s)).toBe(n);
    expect(fromEpochDay(n)).toBe(s);
  });

  it("agrees with js-joda and round-trips", () => {
    fc.assert(
      fc.property(anyDate, (s) => {
        expect(toEpochDay(s)).toBe(LocalDate.parse(s).toEpochDay());
        expect(fromEpochDay(toEpochDay(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("throws RangeError on bad input", () => {
    expect(() => toEpochDay("2025-02-30")).toThrow(RangeError);
    expect(() => fromEpochDay(1.5)).toThrow(RangeError);
    expect(() => fromEpochDay(MAX_DAY + 1)).toThrow(RangeError);
  });
});

describe("addMonths (Excel EDATE)", () => {
  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2025-01-31", 1, "2025-02-28"],
    ["2025-01-31", 2, "2025-03-31"],
    ["2025-01-31", 3, "2025-04-30"],
    ["2024-08-31", 3, "2024-11-30"],
    ["2024-08-31", 4, "2024-12-31"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2025-03-31", -1, "2025-02-28"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2025-01-15", -1, "2024-12-15"],
    ["2025-01-15", -13, "2023-12-15"],
    ["2024-12-31", 2, "2025-02-28"],
    ["2025-03-10", 36, "2028-03-10"],
    ["2025-05-20", 0, "2025-05-20"],
  ])("addMonths(%s, %i) = %s", (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it("agrees with js-joda plusMonths", () => {
    fc.assert(
      fc.property(midDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        expect(addMonths(d, n)).toBe(LocalDate.parse(d).plusMonths(n).toString());
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects fractional counts, bad dates and results past 9999", () => {
    expect(() => addMonths("2025-01-01", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2025-02-30", 1)).toThrow(RangeError);
    expect(() => addMonths("9999-12-01", 1)).toThrow(RangeError);
  });
});

describe("addDays, daysBetween, compareLocalDates", () => {
  it.each([
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2025-02-28", 1, "2025-03-01"],
    ["2027-01-20", -31, "2026-12-20"],
    ["2025-01-01", 0, "2025-01-01"],
  ])("addDays(%s, %i) = %s", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });

  it("agrees with js-joda", () => {
    fc.assert(
      fc.property(midDate, fc.integer({ min: -30000, max: 30000 }), (d, n) => {
        expect(addDays(d, n)).toBe(LocalDate.parse(d).plusDays(n).toString());
      }),
    );
  });

  it("compares", () => {
    expect(compareLocalDates("2025-01-01", "2025-01-02")).toBe(-1);
    expect(compareLocalDates("2025-01-02", "2025-01-02")).toBe(0);
    expect(compareLocalDates("2026-01-01", "2025-12-31")).toBe(1);
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(compareLocalDates(a, b)).toBe(Math.sign(LocalDate.parse(a).compareTo(LocalDate.parse(b))));
      }),
    );
  });
});

describe("monthsBetween", () => {
  it.each([
    ["2025-01-31", "2025-02-28", 1],
    ["2025-01-31", "2025-02-27", 0],
    ["2025-01-15", "2025-01-15", 0],
    ["2025-01-15", "2025-01-14", -1],
    ["2025-03-31", "2025-02-28", -1],
    ["2025-03-31", "2025-02-27", -2],
    ["2025-03-10", "2027-12-09", 32],
    ["2025-03-10", "2027-12-10", 33],
  ])("monthsBetween(%s, %s) = %i", (a, b, m) => {
    expect(monthsBetween(a, b)).toBe(m);
  });

  it("is the largest m with addMonths(a, m) <= b", () => {
    fc.assert(
      fc.property(midDate, fc.integer({ min: -30000, max: 30000 }), (a, delta) => {
        const b = addDays(a, delta);
        const m = monthsBetween(a, b);
        expect(compareLocalDates(addMonths(a, m), b)).toBeLessThanOrEqual(0);
        expect(compareLocalDates(addMonths(a, m + 1), b)).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("todayInParis", () => {
  it.each([
    ["2025-03-29T23:30:00Z", "2025-03-30"], // UTC+1 before the spring change
    ["2025-03-30T21:59:59Z", "2025-03-30"], // UTC+2 after it
    ["2025-03-30T22:00:00Z", "2025-03-31"],
    ["2025-06-30T22:30:00Z", "2025-07-01"],
    ["2025-12-31T22:59:59Z", "2025-12-31"],
    ["2025-12-31T23:00:00Z", "2026-01-01"],
    ["2025-10-26T22:59:59Z", "2025-10-26"], // back to UTC+1
  ])("%s is %s in Paris", (instant, date) => {
    expect(todayInParis(new Date(instant))).toBe(date);
  });

  it("defaults to now and gives a valid date", () => {
    expect(isValidLocalDate(todayInParis())).toBe(true);
  });

  it("answers as Intl does for every instant, however close the previous question was (kept answers never go stale)", () => {
    const reference = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const parisDate = (t: number) => reference.format(new Date(t));
    // Midnights and daylight-saving changes, then random walks of steps from a millisecond to a day.
    const boundaries = [
      "2025-03-29T23:00:00Z",
      "2025-03-30T01:00:00Z",
      "2025-03-30T22:00:00Z",
      "2025-10-26T01:00:00Z",
      "2025-10-26T23:00:00Z",
    ];
    for (const boundary of boundaries) {
      const at = Date.parse(boundary);
      for (const step of [-3_600_001, -60_000, -1001, -1, 0, 1, 999, 60_000, 3_600_000]) {
        expect(todayInParis(new Date(at + step)), new Date(at + step).toISOString()).toBe(parisDate(at + step));
      }
    }
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("1950-01-01T00:00:00Z"), max: Date.parse("2100-01-01T00:00:00Z") }),
        fc.array(fc.integer({ min: -86_400_000, max: 86_400_000 }), { maxLength: 30 }),
        (start, steps) => {
          let t = start;
          for (const step of [0, ...steps]) {
            t += step;
            if (todayInParis(new Date(t)) !== parisDate(t)) return false;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("formatEpochDay and formatPacked (dates formatted from tables)", () => {
  it("give js-joda's text for every day of years 0..9999, first and later calls alike", () => {
    const first = epochDayOf(0, 1, 1);
    const last = epochDayOf(9999, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (e) => {
        const expected = LocalDate.ofEpochDay(e).toString().replace(/^\+/, "");
        expect(formatEpochDay(e)).toBe(expected);
        expect(formatEpochDay(e)).toBe(expected);
        expect(formatPacked(packedFromEpochDay(e))).toBe(expected);
      }),
      { numRuns: 5000 },
    );
    for (const e of [
      first,
      last,
      epochDayOf(1900, 1, 1),
      epochDayOf(1899, 12, 31),
      epochDayOf(2199, 12, 31),
      epochDayOf(2200, 1, 1),
    ]) {
      expect(formatEpochDay(e)).toBe(LocalDate.ofEpochDay(e).toString());
    }
  });
});
