import { LocalDate } from "@js-joda/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../../server/src/domain/calendar.js";
import { addWorkingDays, easterSunday, frenchPublicHolidays, isWorkingDay } from "../../../server/src/domain/working-days.js";

describe("Easter (computed, Gregorian)", () => {
  // Published dates (Catholic Church / Bureau des longitudes).
  it.each([
    [1900, "1900-04-15"],
    [1961, "1961-04-02"],
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i → %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe("French public holidays", () => {
  it("lists the eleven holidays of 2026, Easter-based ones included", () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-04-06", // Easter Monday
      "2026-05-01",
      "2026-05-08",
      "2026-05-14", // Ascension Thursday
      "2026-05-25", // Whit Monday
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("orders a year where Ascension falls on 1 May (2008)", () => {
    expect(frenchPublicHolidays(2008).slice(0, 5)).toEqual([
      "2008-01-01",
      "2008-03-24",
      "2008-05-01",
      "2008-05-01",
      "2008-05-08",
    ]);
  });
});

describe("working days and the legal porting deadline's arithmetic", () => {
  it.each([
    // date, n, expected, why
    ["2026-12-24", 1, "2026-12-28", "Thursday before Christmas: Friday 25 is a holiday, then the weekend (SPEC section 5)"],
    ["2026-12-24", 7, "2027-01-06", "28, 29, 30, 31 December, 1 January off, 4, 5, 6 January"],
    ["2025-04-18", 1, "2025-04-22", "Good Friday is not a holiday, Easter Monday 21 April is"],
    ["2025-05-07", 1, "2025-05-09", "8 May is a holiday"],
    ["2025-05-28", 1, "2025-05-30", "Ascension Thursday 29 May"],
    ["2025-06-06", 1, "2025-06-10", "Whit Monday 9 June"],
    ["2025-07-11", 1, "2025-07-15", "14 July on a Monday"],
    ["2025-11-10", 1, "2025-11-12", "11 November"],
    ["2025-08-14", 1, "2025-08-18", "15 August on a Friday"],
    ["2025-06-14", 1, "2025-06-16", "a Saturday request is due the Monday"],
    ["2025-06-16", 7, "2025-06-25", "a week and two days with no holiday"],
    ["2025-06-16", 0, "2025-06-16", "zero working days"],
  ])("%s + %i working days → %s (%s)", (date, n, expected) => {
    expect(addWorkingDays(date, n as number)).toBe(expected);
  });

  it("knows weekends and holidays are not working days", () => {
    expect([
      isWorkingDay("2026-12-24"),
      isWorkingDay("2026-12-25"),
      isWorkingDay("2026-12-26"),
      isWorkingDay("2026-12-28"),
    ]).toEqual([true, false, false, true]);
  });

  const day = fc.integer({ min: 0, max: 366 * 200 }).map((n) => addDays("1950-01-01", n));

  it("Easter Sunday is a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9998 }), (year) => {
        const easter = LocalDate.parse(easterSunday(year));
        expect(easter.dayOfWeek().value()).toBe(7);
        expect(easter.isBefore(LocalDate.of(year, 3, 22))).toBe(false);
        expect(easter.isAfter(LocalDate.of(year, 4, 25))).toBe(false);
      }),
    );
  });

  it("n working days after d: a working day after d, with exactly n working days in (d, result]", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 15 }), (d, n) => {
        const result = addWorkingDays(d, n);
        expect(result > d).toBe(true);
        expect(isWorkingDay(result)).toBe(true);
        let counted = 0;
        for (let k = 1; k <= daysBetween(d, result); k++) if (isWorkingDay(addDays(d, k))) counted++;
        expect(counted).toBe(n);
      }),
    );
  });

  it("never moves backwards: a later request is never due earlier", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 7), (d, gap, n) => {
        expect(addWorkingDays(addDays(d, gap), n) >= addWorkingDays(d, n)).toBe(true);
      }),
    );
  });

  it("agrees with js-joda on weekdays (no holiday falls on a weekend's count)", () => {
    fc.assert(
      fc.property(day, (d) => {
        const weekday = LocalDate.parse(d).dayOfWeek().value();
        const holiday = frenchPublicHolidays(Number(d.slice(0, 4))).includes(d);
        expect(isWorkingDay(d)).toBe(weekday <= 5 && !holiday);
      }),
    );
  });
});
