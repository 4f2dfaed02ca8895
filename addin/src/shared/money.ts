/**
 * Money is integer euro cents (SPEC section 6). Amounts typed by people are parsed as strings into
 * cents, never through a float, so "0,29" is 29 cents and not 28.999…; amounts read back from
 * Excel cells are doubles holding euros and are rounded to the cent only when they have at most
 * two decimals.
 */

import { type Text, text } from "../../../server/src/domain/text.js";

/** An amount that is not one; `text` says why in French and English (`message` is the English). */
export class MoneyFormatError extends Error {
  readonly text: Text;
  constructor(why: Text) {
    super(why.en);
    this.name = "MoneyFormatError";
    this.text = why;
  }
}

const WHY = {
  oneSeparator: text(
    "un seul séparateur décimal (une virgule ou un point), et des espaces pour grouper les milliers",
    "use one decimal separator (a comma or a dot), and spaces to group thousands",
  ),
  notAnAmount: (input: string) => text(`« ${input} » n'est pas un montant en euros`, `"${input}" is not an amount in euros`),
  required: text("un montant est obligatoire", "an amount is required"),
  twoDecimals: text("deux décimales au plus (les centimes)", "at most two decimals (cents)"),
  tooLarge: text("le montant est trop grand", "the amount is too large"),
  negative: text("le montant ne doit pas être négatif", "the amount must not be negative"),
  euros: text("un montant en euros est obligatoire", "an amount in euros is required"),
};

/** Grouping spaces people and Excel put in numbers: space, no-break space, narrow no-break space. */
const GROUPING = new Set([" ", "\u00a0", "\u202f"]);
const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Parses a non-negative euro amount typed with a comma or a dot as decimal separator, optional
 * grouping spaces and an optional € sign ("1 234,5 €", "59.00", "12") into integer cents.
 * At most two decimals; anything else throws MoneyFormatError.
 */
export function parseEurosToCents(input: string): number {
  let s = input.trim();
  if (s.endsWith("€")) s = s.slice(0, -1).trim();
  if (s.startsWith("€")) s = s.slice(1).trim();
  let units = "";
  let decimals: string | null = null;
  for (const c of s) {
    if (c >= "0" && c <= "9") {
      if (decimals === null) units += c;
      else decimals += c;
    } else if (c === "," || c === ".") {
      if (decimals !== null) throw new MoneyFormatError(WHY.oneSeparator);
      decimals = "";
    } else if (GROUPING.has(c) && decimals === null && units !== "") {
      // grouping space inside the whole part: ignored
    } else {
      throw new MoneyFormatError(WHY.notAnAmount(input));
    }
  }
  if (units === "" && (decimals === null || decimals === "")) throw new MoneyFormatError(WHY.required);
  if (decimals !== null && decimals.length > 2) throw new MoneyFormatError(WHY.twoDecimals);
  const cents = Number(units || "0") * 100 + Number((decimals ?? "").padEnd(2, "0") || "0");
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) throw new MoneyFormatError(WHY.tooLarge);
  return cents;
}

/**
 * Cents of a euro amount read from an Excel cell (a double). Rejects negatives and amounts with
 * more than two decimals rather than silently rounding them.
 */
export function eurosNumberToCents(value: unknown): number {
  if (typeof value === "string") return parseEurosToCents(value);
  if (typeof value !== "number" || !Number.isFinite(value)) throw new MoneyFormatError(WHY.euros);
  if (value < 0) throw new MoneyFormatError(WHY.negative);
  const cents = Math.round(value * 100);
  // value * 100 is off by at most a few ulps; anything further away had a third decimal.
  if (Math.abs(value * 100 - cents) > 1e-6 + Math.abs(cents) * 1e-13) {
    throw new MoneyFormatError(WHY.twoDecimals);
  }
  if (!Number.isSafeInteger(cents)) throw new MoneyFormatError(WHY.tooLarge);
  return cents;
}

/** Euros for an Excel cell: the cell holds a number, its format shows the € sign. */
export function centsToEurosNumber(cents: number): number {
  return cents / 100;
}

/** "1 234,56 €" (fr) or "€1,234.56" (en) from integer cents, without float formatting. */
export function formatCents(cents: number, lang: "fr" | "en"): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const rest = String(abs % 100).padStart(2, "0");
  const sep = lang === "fr" ? "\u202f" : ",";
  let grouped = "";
  for (let i = 0; i < units.length; i++) {
    if (i > 0 && (units.length - i) % 3 === 0) grouped += sep;
    grouped += units[i];
  }
  const sign = negative ? "-" : "";
  return lang === "fr" ? `${sign}${grouped},${rest}\u00a0€` : `${sign}€${grouped}.${rest}`;
}

/** "59,00" (fr) or "59.00" (en): cents as people type them back into an input. */
export function centsToInput(cents: number, lang: "fr" | "en"): string {
  const units = Math.floor(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${units}${lang === "fr" ? "," : "."}${rest}`;
}
