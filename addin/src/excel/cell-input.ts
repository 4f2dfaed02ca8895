/**
 * What people put in cells, read back into the API's values: dates, amounts, whole numbers and
 * phone numbers, as Excel hands them over (numbers for real dates and amounts, text for what was
 * typed as text). Used by the quote sheet's read-back and by the custom functions, so a cell and a
 * formula argument are understood the same way. Every refusal is a bilingual message.
 */
import { tryParseFrenchNumber } from "../../../server/src/domain/phone-number.js";
import { type Text, text } from "../../../server/src/domain/text.js";
import { isIsoDate, serialToIso } from "../shared/dates.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Text };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(fr: string, en: string): Parsed<T> => ({ ok: false, message: text(fr, en) });

/** Day-month or month-day order of a locale's short dates (en-US writes 03/31/2024). */
export function dateOrderOf(locale: string | null | undefined): "DMY" | "MDY" {
  const tag = (locale ?? "fr-FR").toLowerCase();
  return tag === "en" || tag === "en-us" || tag.startsWith("en-us-") || tag === "en-ph" ? "MDY" : "DMY";
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A date from a cell or an argument: an Excel date serial (a time of day is dropped), `YYYY-MM-DD`,
 * or a short date in the user's locale (`31/03/2024` in French, `03/31/2024` in US English; `.` and
 * `-` separators too). Anything else is refused with the forms that are accepted.
 */
export function parseDateInput(value: unknown, locale?: string | null): Parsed<string> {
  if (typeof value === "number") {
    try {
      return ok(serialToIso(value));
    } catch {
      return no("n'est pas une date Excel", "is not an Excel date");
    }
  }
  if (typeof value !== "string" || value.trim() === "") return no("une date est attendue", "a date is required");
  const s = value.trim();
  if (isIsoDate(s)) return ok(s);
  const order = dateOrderOf(locale);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [d, mo] = order === "DMY" ? [a, b] : [b, a];
    const iso = isoOf(y, mo, d);
    if (isIsoDate(iso)) return ok(iso);
  }
  return order === "DMY"
    ? no(`« ${s} » n'est pas une date : écrivez JJ/MM/AAAA ou AAAA-MM-JJ`, `"${s}" is not a date: write DD/MM/YYYY or YYYY-MM-DD`)
    : no(
        `« ${s} » n'est pas une date : écrivez MM/JJ/AAAA ou AAAA-MM-JJ`,
        `"${s}" is not a date: write MM/DD/YYYY or YYYY-MM-DD`,
      );
}

const GROUPING = /[\s\u00a0\u202f]/g;

/**
 * Cents of a euro amount: a number (an Excel cell holds euros as a double) or text with a comma or
 * a dot ("1 234,567 €"). More than two decimals are rounded half up to the cent on the decimal
 * value shown (2.675 → 2.68, as Excel's ROUND), never refused. Negative amounts are refused.
 */
export function parseMoneyInput(value: unknown): Parsed<number> {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && value.trim() !== "") {
    const s = value.trim().replace(/€/g, "").replace(GROUPING, "");
    if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) {
      return no(`« ${value.trim()} » n'est pas un montant en euros`, `"${value.trim()}" is not an amount in euros`);
    }
    n = Number(s.replace(",", "."));
  } else return no("un montant en euros est attendu", "an amount in euros is required");
  if (!Number.isFinite(n)) return no("un montant en euros est attendu", "an amount in euros is required");
  if (n < 0) return no("le montant ne peut pas être négatif", "the amount must not be negative");
  // x * 100 is off by a few ulps (2.675 * 100 = 267.49999…): round on its 15 significant digits.
  const cents = Math.round(Number((n * 100).toPrecision(15)));
  if (!Number.isSafeInteger(cents)) return no("le montant est trop grand", "the amount is too large");
  return ok(cents);
}

/** A whole number of at least `min` (a number cell, or digits typed as text). */
export function parseWholeNumberInput(value: unknown, min: number): Parsed<number> {
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= min) return ok(n);
  return no(`nombre entier supérieur ou égal à ${min} attendu`, `a whole number of at least ${min} is required`);
}

/**
 * One phone number as a cell gives it. A number typed into a General cell loses its leading 0
 * (0612345678 becomes 612345678): a whole number of 9 digits gets its 0 back.
 */
export function phoneNumberText(value: unknown): string {
  if (typeof value === "number" && Number.isInteger(value) && value > 0 && String(value).length === 9) return `0${value}`;
  return typeof value === "number" ? String(value) : String(value ?? "").trim();
}

/**
 * Phone numbers from a cell (or each cell of a range), separated by commas, semicolons or new
 * lines; each checked by the domain's rule and returned in E.164 (`+33…`). Bad ones are named.
 */
export function parsePhoneNumbers(value: unknown): Parsed<string[]> {
  const cells = Array.isArray(value) ? (value as unknown[]).flat(2) : [value];
  const numbers: string[] = [];
  const bad: string[] = [];
  for (const cell of cells) {
    if (cell === null || cell === undefined || cell === "") continue;
    for (const part of phoneNumberText(cell).split(/[,;\n]+/)) {
      const raw = part.trim();
      if (raw === "") continue;
      const parsed = tryParseFrenchNumber(raw);
      if (parsed.ok) numbers.push(parsed.number.e164);
      else bad.push(raw);
    }
  }
  if (bad.length > 0) {
    return no(
      `numéro(s) invalide(s) : ${bad.join(", ")} (numéros français : 0X XX XX XX XX ou +33…)`,
      `invalid number(s): ${bad.join(", ")} (French numbers: 0X XX XX XX XX or +33…)`,
    );
  }
  return ok(numbers);
}
