/**
 * Calendar dates (SPEC section 3): `YYYY-MM-DD` strings with no time and no time zone.
 *
 * Calendar math is integer arithmetic, never `Date`: a `Date` carries an instant, so month and day
 * arithmetic on it depends on the host's time zone and daylight saving. Internally a date is either
 * an epoch day (days since 1970-01-01) or a month index (`year * 12 + month - 1`) plus a day of month;
 * both are plain numbers, so the hot paths of the commitment engine allocate nothing.
 *
 * Input dates are valid for years 1900..9999. Computed dates (e.g. a notice deadline long before a
 * 1900 start) may fall before 1900; `fromEpochDay` formats years 0..9999.
 *
 * No Node-only imports: the Excel add-in bundles this module.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

// ---------------------------------------------------------------------------------------------
// Numeric core. Exported for the commitment engine; callers pass already-valid numbers.
// ---------------------------------------------------------------------------------------------

export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec; 30 otherwise.
  return 30 + ((m + (m >> 3)) & 1);
}

/** Days in the month of a month index (`year * 12 + month - 1`). */
export function daysInMonthIndex(mi: number): number {
  return daysInMonth(Math.floor(mi / 12), (mi % 12) + 1);
}

/** Epoch day of a civil date (H. Hinnant's days_from_civil; proleptic Gregorian). */
export function epochDayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch day of day `d` of the month with index `mi`. */
export function epochDayOfMonthIndex(mi: number, d: number): number {
  return epochDayOf(Math.floor(mi / 12), (mi % 12) + 1, d);
}

/**
 * Epoch day of EDATE(anchor, n): the anchor's day of month, `n` months later, clamped to the end of
 * a shorter month. Always from the anchor, never chained (SPEC section 3).
 */
export function edate(anchorMi: number, anchorDay: number, n: number): number {
  const mi = anchorMi + n;
  const dim = daysInMonthIndex(mi);
  return epochDayOfMonthIndex(mi, Math.min(anchorDay, dim));
}

/**
 * Largest m with EDATE(a, m) <= b. EDATE from a fixed anchor is strictly increasing in m, and
 * EDATE(a, b's month - a's month) falls in b's month, so only that month and the one before it
 * can be the answer: no loop.
 */
export function wholeMonthsFrom(aMi: number, aDay: number, bMi: number, bDay: number): number {
  const m = bMi - aMi;
  const dim = daysInMonthIndex(bMi);
  return Math.min(aDay, dim) > bDay ? m - 1 : m;
}

/**
 * A civil date packed into one number, `y * 10000 + m * 100 + d`, so conversions return a single
 * value instead of allocating a tuple. Unpack with `packedYear`, `packedMonth`, `packedDay`.
 */
export function packedFromEpochDay(z: number): number {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export function packedYear(p: number): number {
  return Math.floor(p / 10000);
}
export function packedMonth(p: number): number {
  return Math.floor(p / 100) % 100;
}
export function packedDay(p: number): number {
  return p % 100;
}
/** Month index (`year * 12 + month - 1`) of a packed date. */
export function packedMonthIndex(p: number): number {
  return Math.floor(p / 10000) * 12 + (Math.floor(p / 100) % 100) - 1;
}
export function epochDayOfPacked(p: number): number {
  return epochDayOf(Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100);
}

/** Reads `n` decimal digits at `at`; -1 when any is not a digit. */
function readDigits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(at + i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses a strict `YYYY-MM-DD` date of years 1900..9999 into a packed date, or -1 when the value is
 * not such a real calendar date (e.g. `2025-02-30`, `2025-2-3`, a `Date`, a number).
 */
export function parseLocalDate(s: unknown): number {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const y = readDigits(s, 0, 4);
  const m = readDigits(s, 5, 2);
  const d = readDigits(s, 8, 2);
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Formats a packed date as `YYYY-MM-DD` (years below 1000 are zero-padded). Dates are formatted by
 * the million (previews, schedule pages): the year's text and the `-MM-DD` tail come from tables
 * filled once, so a date costs one concatenation instead of four and two paddings.
 */
export function formatPacked(p: number): string {
  const y = Math.floor(p / 10000);
  const md = p - y * 10000;
  const tail = MONTH_DAY_TEXTS[md];
  if (y >= 0 && y <= 9999 && tail !== undefined) {
    let year = YEAR_TEXTS[y];
    if (year === undefined) {
      year = y >= 1000 ? `${y}` : `${y}`.padStart(4, "0");
      YEAR_TEXTS[y] = year;
    }
    return year + tail;
  }
  const ys = y >= 1000 ? `${y}` : `${y}`.padStart(4, "0");
  return `${ys}-${pad2(Math.floor(p / 100) % 100)}-${pad2(p % 100)}`;
}

/** `-MM-DD` by `month * 100 + day` (1..12, 1..31); the gaps stay undefined. */
const MONTH_DAY_TEXTS: (string | undefined)[] = (() => {
  const texts: (string | undefined)[] = new Array(1232).fill(undefined);
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) texts[m * 100 + d] = `-${pad2(m)}-${pad2(d)}`;
  return texts;
})();
/** Year texts, filled as years are met (a process meets a few hundred). */
const YEAR_TEXTS: (string | undefined)[] = new Array(10000).fill(undefined);

/**
 * `formatPacked(packedFromEpochDay(e))`, from a table of the texts of years 1900..2199 filled as days
 * are met (one array read for the dates previews and schedules return by the million); other
 * days are computed each time.
 */
export function formatEpochDay(e: number): string {
  const i = e - TABLE_FIRST_EPOCH_DAY;
  if (i >= 0 && i < EPOCH_DAY_TEXTS.length) {
    let value = EPOCH_DAY_TEXTS[i];
    if (value === undefined) {
      value = formatPacked(packedFromEpochDay(e));
      EPOCH_DAY_TEXTS[i] = value;
    }
    return value;
  }
  return formatPacked(packedFromEpochDay(e));
}

const TABLE_FIRST_EPOCH_DAY = epochDayOf(1900, 1, 1);
const EPOCH_DAY_TEXTS: (string | undefined)[] = new Array(epochDayOf(2200, 1, 1) - TABLE_FIRST_EPOCH_DAY).fill(undefined);

/** Epoch days of 0000-01-01 and 9999-12-31: the range `fromEpochDay` can format. */
export const FORMATTABLE_MIN_EPOCH_DAY = epochDayOf(0, 1, 1);
export const MAX_EPOCH_DAY = epochDayOf(MAX_YEAR, 12, 31);

// ---------------------------------------------------------------------------------------------
// String API.
// ---------------------------------------------------------------------------------------------

/** True for a real calendar date in strict `YYYY-MM-DD` form, years 1900..9999. */
export function isValidLocalDate(s: unknown): s is string {
  return parseLocalDate(s) >= 0;
}

function parseOrThrow(s: string): number {
  const p = parseLocalDate(s);
  if (p < 0) throw new RangeError(`not a calendar date in YYYY-MM-DD form (years ${MIN_YEAR}..${MAX_YEAR}): ${String(s)}`);
  return p;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${String(n)}`);
}

/** Days since 1970-01-01 (negative before). Throws RangeError for an invalid date. */
export function toEpochDay(s: string): number {
  return epochDayOfPacked(parseOrThrow(s));
}

/** The `YYYY-MM-DD` date of an epoch day; throws RangeError outside years 0..9999. */
export function fromEpochDay(n: number): string {
  checkCount(n, "epoch day");
  if (n < FORMATTABLE_MIN_EPOCH_DAY || n > MAX_EPOCH_DAY) throw new RangeError(`epoch day ${n} is outside years 0..9999`);
  return formatEpochDay(n);
}

/**
 * Excel EDATE: same day of month `n` months later (n may be negative), clamped to the last day of a
 * shorter month. `addMonths("2024-01-31", 1)` is `2024-02-29`.
 */
export function addMonths(date: string, n: number): string {
  checkCount(n, "months");
  const p = parseOrThrow(date);
  return fromEpochDay(edate(packedMonthIndex(p), packedDay(p), n));
}

export function addDays(date: string, n: number): string {
  checkCount(n, "days");
  return fromEpochDay(toEpochDay(date) + n);
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`. */
export function compareLocalDates(a: string, b: string): -1 | 0 | 1 {
  const pa = parseOrThrow(a);
  const pb = parseOrThrow(b);
  // Packed dates order like the dates themselves.
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** Days from `a` to `b` (`b - a`; negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Largest m with `addMonths(a, m) <= b` (negative when b is before a): whole months elapsed. */
export function monthsBetween(a: string, b: string): number {
  const pa = parseOrThrow(a);
  const pb = parseOrThrow(b);
  return wholeMonthsFrom(packedMonthIndex(pa), packedDay(pa), packedMonthIndex(pb), packedDay(pb));
}

// One formatter for the process: a fixed object, not a growing cache.
let parisFormatter: Intl.DateTimeFormat | undefined;

/** The last date answered and the instants (epoch ms, [from, until)) it holds for. */
let lastToday = { date: "", from: 0, until: 0 };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Today's date in Europe/Paris (SPEC section 3: "today" is the Paris date), read through Intl.
 * Intl is slow (tens of microseconds, and stored contracts ask for today once per field), so the
 * answer is kept for the instants around `now` that surely share it: back to the Paris midnight
 * before and up to the next, and never more than an hour either way, so a daylight-saving change
 * (at 2 or 3 a.m., never near midnight) cannot shift the boundary.
 */
export function todayInParis(now: Date = new Date()): string {
  const t = now.getTime();
  if (t >= lastToday.from && t < lastToday.until) return lastToday.date;
  parisFormatter ??= new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  let y = "";
  let m = "";
  let d = "";
  let sinceMidnight = now.getUTCMilliseconds();
  for (const part of parisFormatter.formatToParts(now)) {
    if (part.type === "year") y = part.value;
    else if (part.type === "month") m = part.value;
    else if (part.type === "day") d = part.value;
    else if (part.type === "hour") sinceMidnight += Number(part.value) * HOUR_MS;
    else if (part.type === "minute") sinceMidnight += Number(part.value) * 60_000;
    else if (part.type === "second") sinceMidnight += Number(part.value) * 1000;
  }
  const date = `${y.padStart(4, "0")}-${m}-${d}`;
  if (Number.isFinite(t)) {
    lastToday = { date, from: t - Math.min(sinceMidnight, HOUR_MS), until: t + Math.min(DAY_MS - sinceMidnight, HOUR_MS) };
  }
  return date;
}
