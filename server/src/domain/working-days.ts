/**
 * Working days in France (SPEC section 5): Monday to Friday except the French public holidays
 * (jours fériés, Code du travail L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension
 * Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December. Easter is
 * computed (the Gregorian computus), not tabled, so every year of the supported range works.
 * The local holidays of Alsace-Moselle (Good Friday, 26 December) are not national ones and are
 * not counted.
 *
 * Pure: calendar dates `YYYY-MM-DD` and integer arithmetic (calendar.ts), no `Date`.
 */
import { epochDayOf, epochDayOfPacked, formatPacked, MAX_EPOCH_DAY, packedFromEpochDay, parseLocalDate } from "./calendar.js";

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as an epoch day. */
export function easterSundayEpochDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return epochDayOf(year, month, day);
}

/** Easter Sunday of `year` as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  return formatPacked(packedFromEpochDay(easterSundayEpochDay(year)));
}

/** The eleven French public holidays of `year`, as epoch days in date order. */
function holidayEpochDays(year: number): number[] {
  const easter = easterSundayEpochDay(year);
  return [
    epochDayOf(year, 1, 1), // Jour de l'an
    easter + 1, // Lundi de Pâques
    epochDayOf(year, 5, 1), // Fête du Travail
    epochDayOf(year, 5, 8), // Victoire 1945
    easter + 39, // Ascension
    easter + 50, // Lundi de Pentecôte
    epochDayOf(year, 7, 14), // Fête nationale
    epochDayOf(year, 8, 15), // Assomption
    epochDayOf(year, 11, 1), // Toussaint
    epochDayOf(year, 11, 11), // Armistice 1918
    epochDayOf(year, 12, 25), // Noël
  ].sort((x, y) => x - y);
}

/** The French public holidays of `year` as `YYYY-MM-DD`, in date order. */
export function frenchPublicHolidays(year: number): string[] {
  return holidayEpochDays(year).map((d) => formatPacked(packedFromEpochDay(d)));
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

// Holidays by year, computed once per year met (a few years at most in a process's life).
const holidaysByYear = new Map<number, Set<number>>();

function isHolidayEpochDay(epochDay: number): boolean {
  const year = Math.floor(packedFromEpochDay(epochDay) / 10000);
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(holidayEpochDays(year));
    holidaysByYear.set(year, holidays);
  }
  return holidays.has(epochDay);
}

function isWorkingEpochDay(epochDay: number): boolean {
  return isoWeekday(epochDay) <= 5 && !isHolidayEpochDay(epochDay);
}

function epochDayOrThrow(date: string): number {
  const p = parseLocalDate(date);
  if (p < 0) throw new RangeError(`not a calendar date YYYY-MM-DD: ${date}`);
  return epochDayOfPacked(p);
}

/** True for Monday to Friday outside the French public holidays. */
export function isWorkingDay(date: string): boolean {
  return isWorkingEpochDay(epochDayOrThrow(date));
}

/**
 * The `n`-th working day after `date` (`date` itself never counts, whatever day it is): 1 working
 * day after Thursday 2026-12-24 is Monday 2026-12-28 (25 December, then a weekend). Throws a
 * RangeError past 9999-12-31.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
  let day = epochDayOrThrow(date);
  for (let left = n; left > 0; ) {
    day += 1;
    if (day > MAX_EPOCH_DAY) throw new RangeError("the date would pass 9999-12-31");
    if (isWorkingEpochDay(day)) left -= 1;
  }
  return formatPacked(packedFromEpochDay(day));
}
