/**
 * French telephone numbers (SPEC section 5): parsing, normalisation to E.164 and kind.
 *
 * Accepted input: `+33…`, `0033…` or national `0…`, with spaces, dots and dashes anywhere, and the
 * written form `+33 (0)1 …` (the `(0)` is dropped). After the country code a French number has
 * exactly 9 digits, the first of which gives its kind. A `+33` followed by the trunk `0`
 * (`+33 06 …`) is refused rather than guessed: it is not E.164.
 *
 * Known simplification: overseas numbers (0262…, 0590…, 0690…) are normalised to `+33…` like the
 * rest, as the porting grid prices them by national prefix; their real E.164 country codes
 * (+262, +590, +594, +596) are not used.
 */
import { DomainValidationError } from "./errors.js";
import { type Text, text } from "./text.js";

export const NUMBER_KINDS = ["GEOGRAPHIC", "NON_GEOGRAPHIC", "SPECIAL", "MOBILE"] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

export interface FrenchNumber {
  /** `+33` followed by 9 digits. */
  e164: string;
  /** `0` followed by the same 9 digits. */
  national: string;
  kind: NumberKind;
}

export type ParsedNumber = { ok: true; number: FrenchNumber } | { ok: false; reason: Text };

/** Kind from the first digit after the trunk `0`; 0 is never a valid first digit. */
const KIND_BY_FIRST_DIGIT: Record<string, NumberKind> = {
  "1": "GEOGRAPHIC",
  "2": "GEOGRAPHIC",
  "3": "GEOGRAPHIC",
  "4": "GEOGRAPHIC",
  "5": "GEOGRAPHIC",
  "6": "MOBILE",
  "7": "MOBILE",
  "8": "SPECIAL",
  "9": "NON_GEOGRAPHIC",
};

/**
 * Parses without throwing; `reason` is a full sentence that does not repeat the input (the field
 * that carried it is named beside the message, and an answer never echoes a client's payload).
 */
export function tryParseFrenchNumber(raw: string): ParsedNumber {
  const fail = (fr: string, en: string): ParsedNumber => ({
    ok: false,
    reason: text(`Ce numéro n'est pas un numéro français valide : ${fr}.`, `This is not a valid French number: ${en}.`),
  });
  const compact = raw.replace(/[\s.-]/g, "").replace(/^\+33\(0\)/, "+33");
  if (compact === "") return { ok: false, reason: text("Le numéro est vide.", "The number is empty.") };
  if (!/^\+?[0-9]+$/.test(compact)) {
    return fail(
      "seuls les chiffres, les espaces, les points, les tirets et un + initial sont admis",
      "only digits, spaces, dots, dashes and a leading + are allowed",
    );
  }
  let digits: string;
  const international = !compact.startsWith("0") || compact.startsWith("0033");
  if (compact.startsWith("+33")) digits = compact.slice(3);
  else if (compact.startsWith("0033")) digits = compact.slice(4);
  else if (compact.startsWith("+"))
    return fail("seuls les numéros français (+33) sont acceptés", "only French numbers (+33) are accepted");
  else if (compact.startsWith("0")) digits = compact.slice(1);
  else return fail("il doit commencer par +33, 0033 ou 0", "it must start with +33, 0033 or 0");

  if (international && digits.startsWith("0")) {
    return fail("retirez le 0 qui suit l'indicatif pays", "drop the trunk 0 after the country code");
  }
  if (digits.length !== 9) {
    return fail(
      `il compte ${digits.length} chiffres après le préfixe au lieu de 9 (10 au format national 0X XX XX XX XX)`,
      `it has ${digits.length} digits after the prefix; expected 9 (10 in the national form 0X XX XX XX XX)`,
    );
  }
  const kind = KIND_BY_FIRST_DIGIT[digits[0] as string];
  if (kind === undefined) {
    return fail("le chiffre qui suit le 0 initial ne peut pas être 0", "the digit after the leading 0 cannot be 0");
  }
  return { ok: true, number: { e164: `+33${digits}`, national: `0${digits}`, kind } };
}

/** Parses or throws a `DomainValidationError` on `field`. */
export function parseFrenchNumber(raw: string, field = "number"): FrenchNumber {
  const parsed = tryParseFrenchNumber(raw);
  if (!parsed.ok) throw new DomainValidationError({ field, message: parsed.reason });
  return parsed.number;
}

/** National 10-digit form (`0612345678`) of any accepted spelling, e.g. `+33612345678`. */
export function nationalNumber(e164: string, field = "number"): string {
  return parseFrenchNumber(e164, field).national;
}

/** Display form `06 12 34 56 78`; parsing it gives the same number back. */
export function formatNationalNumber(e164: string, field = "number"): string {
  return nationalNumber(e164, field).replace(/(\d\d)(?=\d)/g, "$1 ");
}
