/**
 * Calendar dates as Excel sees them. The add-in talks `YYYY-MM-DD` with the server and writes real
 * Excel dates (serial numbers in the 1900 date system) into sheets. Integer arithmetic only: a JS
 * `Date` carries an instant and would shift a calendar date with the machine's time zone.
 *
 * Excel's 1900 system: serial 1 is 1900-01-01 and serial 60 is the fictitious 1900-02-29 (kept by
 * Excel for Lotus 1-2-3 compatibility), so from serial 61 (1900-03-01) on, serial = days since
 * 1899-12-30, and before it serial = days since 1899-12-31.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function epochDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of epochDay (H. Hinnant's civil_from_days). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const EPOCH_1899_12_30 = epochDay(1899, 12, 30);
const EPOCH_1900_03_01 = epochDay(1900, 3, 1);
/** 9999-12-31, Excel's last date. */
export const MAX_SERIAL = 2958465;
/** The serial Excel gives to 1900-02-29, a day that never existed. */
export const FICTITIOUS_SERIAL = 60;

export class DateConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateConversionError";
  }
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (years 1900..9999). */
export function isIsoDate(s: string): boolean {
  return parseIso(s) !== null;
}

function parseIso(s: string): [number, number, number] | null {
  if (s.length !== 10 || s[4] !== "-" || s[7] !== "-") return null;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

/** Excel serial of a `YYYY-MM-DD` date. Throws DateConversionError on anything else. */
export function isoToSerial(iso: string): number {
  const parsed = parseIso(iso);
  if (!parsed) throw new DateConversionError(`"${iso}" is not a date in YYYY-MM-DD form (1900-01-01 to 9999-12-31)`);
  const e = epochDay(...parsed);
  // Before 1900-03-01 Excel has not yet counted its fictitious 29 February.
  return e >= EPOCH_1900_03_01 ? e - EPOCH_1899_12_30 : e - EPOCH_1899_12_30 - 1;
}

/**
 * `YYYY-MM-DD` of an Excel serial. A fraction (a time of day) is dropped. Serial 60 (1900-02-29)
 * and serials outside 1..2958465 have no calendar date and throw DateConversionError.
 */
export function serialToIso(serial: number): string {
  if (typeof serial !== "number" || !Number.isFinite(serial)) throw new DateConversionError("a date serial must be a number");
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL) throw new DateConversionError(`${serial} is not an Excel date (1 to ${MAX_SERIAL})`);
  if (day === FICTITIOUS_SERIAL) throw new DateConversionError("serial 60 is 1900-02-29, a day that does not exist");
  const [y, m, d] = civil(day > FICTITIOUS_SERIAL ? EPOCH_1899_12_30 + day : EPOCH_1899_12_30 + day + 1);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `DD/MM/YYYY` for display in French, `YYYY-MM-DD` kept as is otherwise. */
export function formatIsoForDisplay(iso: string | null | undefined, lang: "fr" | "en"): string {
  if (!iso) return "";
  return lang === "fr" && isIsoDate(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** Today's date in Europe/Paris (SPEC section 3), as `YYYY-MM-DD`. */
export function todayInParis(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD; the time zone does the Paris conversion.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
}

/** `iso` plus `n` days (n may be negative). */
export function addDays(iso: string, n: number): string {
  const parsed = parseIso(iso);
  if (!parsed) throw new DateConversionError(`"${iso}" is not a date in YYYY-MM-DD form`);
  const [y, m, d] = civil(epochDay(...parsed) + n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
