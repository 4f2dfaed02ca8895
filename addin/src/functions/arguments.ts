/**
 * Reading the custom functions' arguments as people type them, and writing their date results as
 * dates. Everything here is about one cell of input or output; the rules themselves are the
 * domain's (server/src/domain), shared with the API.
 *
 * - Dates: an Excel date, `YYYY-MM-DD`, or a short date in the user's locale (`31/03/2024` in
 *   French, `03/31/2024` in US English): Office's content language, or its display language.
 * - Amounts: more than two decimals are rounded half up to the cent (2.675 € → 2.68 €).
 * - Categories and families: the API's codes, or their French or English labels, in any case and
 *   with or without accents, spaces or hyphens (`Microentreprise`, `micro-enterprise`, `MICRO`).
 * - Date results: a number with a date format where the host supports formatted numbers
 *   (ExcelApi 1.19 DoubleCellValue, or 1.16 FormattedNumberCellValue); a bare date serial otherwise
 *   (format the cell as a date).
 */
import {
  CUSTOMER_CATEGORIES,
  type CustomerCategory,
  SERVICE_FAMILIES,
  type ServiceFamily,
} from "../../../server/src/domain/catalogue.js";
import { type Text, text } from "../../../server/src/domain/text.js";
import { dateOrderOf, parseDateInput, parseMoneyInput } from "../excel/cell-input.js";
import { DICTIONARIES } from "../taskpane/i18n.js";

/** A bad argument: the message names the parameter, in both languages. */
export class ArgumentError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "ArgumentError";
  }
}

interface OfficeContext {
  displayLanguage?: string;
  contentLanguage?: string;
  requirements?: { isSetSupported(name: string, version?: string): boolean };
}

function officeContext(): OfficeContext | null {
  try {
    return (globalThis as { Office?: { context?: OfficeContext } }).Office?.context ?? null;
  } catch {
    return null;
  }
}

/** The language of the messages: French unless Office speaks English. */
export function messageLanguage(): "fr" | "en" {
  return (officeContext()?.displayLanguage ?? "fr").toLowerCase().startsWith("en") ? "en" : "fr";
}

/** The locale text dates are read in: Office's editing language, else its display language, else French. */
export function dateLocale(): string {
  const context = officeContext();
  return context?.contentLanguage || context?.displayLanguage || "fr-FR";
}

/**
 * A cell's plain value. With custom data allowed for `any` (functions.json), a cell holding a
 * formatted number (one of our own dates, say) arrives as {type, basicValue, …}.
 */
export function plain(v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "basicValue" in v)
    return (v as { basicValue: unknown }).basicValue;
  return v;
}

export function given(v: unknown): boolean {
  const p = plain(v);
  return p !== null && p !== undefined && p !== "";
}

const named = (parameter: string, message: Text): Text => text(`${parameter} : ${message.fr}`, `${parameter}: ${message.en}`);

export function dateArg(value: unknown, parameter: string): string {
  const parsed = parseDateInput(plain(value), dateLocale());
  if (!parsed.ok) throw new ArgumentError(named(parameter, parsed.message));
  return parsed.value;
}

export function numberArg(raw: unknown, parameter: string): number {
  const value = plain(raw);
  const n = typeof value === "string" && value.trim() !== "" ? Number(value.trim().replace(",", ".")) : value;
  if (typeof n !== "number" || !Number.isFinite(n))
    throw new ArgumentError(named(parameter, text("un nombre est attendu", "a number is required")));
  return n;
}

export function optionalNumber(value: unknown, parameter: string): number | null {
  return given(value) ? numberArg(value, parameter) : null;
}

export function centsArg(value: unknown, parameter: string): number {
  const parsed = parseMoneyInput(plain(value));
  if (!parsed.ok) throw new ArgumentError(named(parameter, parsed.message));
  return parsed.value;
}

export function booleanArg(raw: unknown): boolean {
  const value = plain(raw);
  return (
    value === true ||
    value === 1 ||
    (typeof value === "string" && ["VRAI", "TRUE", "OUI", "YES", "1"].includes(value.trim().toUpperCase()))
  );
}

/** Lower case, no accents, no spaces, hyphens, underscores, dots or commas: "Micro-entreprise" ~ "MICROENTREPRISE". */
function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s\-_.,'’]/g, "");
}

/** Every way a code may be written: the code, its French and English labels (the pane's dictionary). */
function aliases<T extends string>(codes: readonly T[], prefix: "category_" | "family_"): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(fold(code), code);
    for (const dict of Object.values(DICTIONARIES)) {
      const label = (dict as Record<string, string>)[`${prefix}${code}`];
      if (label) map.set(fold(label), code);
    }
  }
  return map;
}

const CATEGORY_ALIASES = aliases(CUSTOMER_CATEGORIES, "category_");
const FAMILY_ALIASES = aliases(SERVICE_FAMILIES, "family_");
// "Micro-entreprise" is how the French often write it; the dictionary says "Microentreprise".
CATEGORY_ALIASES.set(fold("micro-entreprise"), "MICRO");

function labelled<T extends string>(
  value: unknown,
  parameter: string,
  table: Map<string, T>,
  codes: readonly T[],
  prefix: string,
): T | null {
  if (!given(value)) return null;
  const code = table.get(fold(String(plain(value))));
  if (code) return code;
  const choices = (lang: "fr" | "en") =>
    codes.map((c) => (DICTIONARIES[lang] as Record<string, string>)[`${prefix}${c}`] ?? c).join(", ");
  throw new ArgumentError(
    named(
      parameter,
      text(
        `« ${String(value)} » n'est pas reconnu : ${choices("fr")} (ou ${codes.join(", ")})`,
        `"${String(value)}" is not recognised: ${choices("en")} (or ${codes.join(", ")})`,
      ),
    ),
  );
}

export function categoryArg(value: unknown, parameter: string): CustomerCategory | null {
  return labelled(value, parameter, CATEGORY_ALIASES, CUSTOMER_CATEGORIES, "category_");
}

export function familyArg(value: unknown, parameter: string): ServiceFamily | null {
  return labelled(value, parameter, FAMILY_ALIASES, SERVICE_FAMILIES, "family_");
}

/** A formatted number, as custom functions may return it with data types enabled. */
export interface DateValue {
  type: "Double" | "FormattedNumber";
  basicValue: number;
  numberFormat: string;
}

/** The date format of the user's locale (day first but in US English). */
export function dateFormat(): string {
  return dateOrderOf(dateLocale()) === "MDY" ? "mm/dd/yyyy" : "dd/mm/yyyy";
}

/**
 * A date result: formatted as a date where the host supports formatted numbers from custom
 * functions (functions.json allows custom data for `any` results), a bare serial otherwise.
 */
export function dateValue(serial: number): number | DateValue {
  const requirements = officeContext()?.requirements;
  try {
    if (requirements?.isSetSupported("ExcelApi", "1.19"))
      return { type: "Double", basicValue: serial, numberFormat: dateFormat() };
    if (requirements?.isSetSupported("ExcelApi", "1.16"))
      return { type: "FormattedNumber", basicValue: serial, numberFormat: dateFormat() };
  } catch {
    // No requirement check here: a bare serial.
  }
  return serial;
}
