/**
 * Calendar dates as Excel sees them. The add-in talks `YYYY-MM-DD` with the server and writes real
 * Excel dates (serial numbers in the 1900 date system) into sheets. Integer arithmetic only: a JS
 * `Date` carries an instant and would shift a calendar date with the machine's time zone.
 *
 * Excel's 1900 system: serial 1 is 1900-01-01 and serial 60 is the fictitious 1900-02-29 (kept by
 * Excel for Lotus 1-2-3 compatibility), so from serial 61 (1900-03-01) on, serial = days since
 * 1899-12-30, and before it serial = days since 1899-12-31.
 *
 * The calendar arithmetic itself is the server's (`server/src/domain/calendar.ts`): one rule, one place.
 */
import {
  addDays as domainAddDays,
  todayInParis as domainTodayInParis,
  epochDayOf,
  fromEpochDay,
  isValidLocalDate,
  toEpochDay,
} from "../../../server/src/domain/calendar.js";

const EPOCH_1899_12_30 = epochDayOf(1899, 12, 30);
const EPOCH_1900_03_01 = epochDayOf(1900, 3, 1);
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

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (years 1900..9999). */
export function isIsoDate(s: string): boolean {
  return isValidLocalDate(s);
}

/** Excel serial of a `YYYY-MM-DD` date. Throws DateConversionError on anything else. */
export function isoToSerial(iso: string): number {
  if (!isValidLocalDate(iso)) {
    throw new DateConversionError(`"${iso}" is not a date in YYYY-MM-DD form (1900-01-01 to 9999-12-31)`);
  }
  const e = toEpochDay(iso);
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
  return fromEpochDay(day > FICTITIOUS_SERIAL ? EPOCH_1899_12_30 + day : EPOCH_1899_12_30 + day + 1);
}

/** `DD/MM/YYYY` for display in French, `YYYY-MM-DD` kept as is otherwise. */
export function formatIsoForDisplay(iso: string | null | undefined, lang: "fr" | "en"): string {
  if (!iso) return "";
  return lang === "fr" && isIsoDate(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** Today's date in Europe/Paris (SPEC section 3), as `YYYY-MM-DD`. */
export const todayInParis = domainTodayInParis;

/** `iso` plus `n` days (n may be negative). */
export function addDays(iso: string, n: number): string {
  if (!isValidLocalDate(iso)) throw new DateConversionError(`"${iso}" is not a date in YYYY-MM-DD form`);
  return domainAddDays(iso, n);
}
