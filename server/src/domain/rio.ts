/**
 * RIO (relevé d'identité opérateur), SPEC section 5: 12 characters `OO Q RRRRRR CCC`:
 * operator (2 alphanumerics), contract type Q (1 alphanumeric), reference (6 alphanumerics) and a
 * 3-character key computed from the first 9 characters and the 10-digit national number.
 *
 * Input is accepted with spaces and in any case, and normalised to upper case without spaces.
 * Q is not restricted to the known mobile values (P prepaid, E business, ...): operators and fixed
 * lines use others, so any alphanumeric is accepted and only the key is checked.
 */
import { tryParseFrenchNumber } from "./phone-number.js";
import { joinTexts, type Text, text } from "./text.js";

/** A–Z → 0–25, 0–9 → 26–35; index 36 is the `+` that only a key can contain (convention). */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+";

export interface RioParts {
  operator: string;
  contractType: string;
  reference: string;
  key: string;
}

export interface RioCheck {
  valid: boolean;
  /** The key the number calls for; null when the RIO or the number is malformed. */
  expectedKey: string | null;
  /** Why the RIO is refused, as a sentence that does not repeat the input; null when valid. */
  reason: Text | null;
}

/** Upper case, whitespace removed. */
export function normalizeRio(rio: string): string {
  return rio.replace(/\s/g, "").toUpperCase();
}

/** Splits a normalised RIO; assumes 12 characters. */
export function rioParts(rio: string): RioParts {
  const r = normalizeRio(rio);
  return { operator: r.slice(0, 2), contractType: r.slice(2, 3), reference: r.slice(3, 9), key: r.slice(9, 12) };
}

/**
 * The 3-character key for the first 9 RIO characters (OO+Q+RRRRRR) and the 10-digit national
 * number, e.g. `rioKey("01PEROY4P", "0612345678") === "4TR"`. Throws on malformed arguments.
 */
export function rioKey(operatorQRef9: string, nationalNumber10: string): string {
  const head = operatorQRef9.toUpperCase();
  if (!/^[A-Z0-9]{9}$/.test(head)) throw new RangeError(`expected 9 letters or digits: "${operatorQRef9}"`);
  if (!/^[0-9]{10}$/.test(nationalNumber10)) throw new RangeError(`expected 10 digits: "${nationalNumber10}"`);
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  for (const c of head + nationalNumber10) {
    const x = ALPHABET.indexOf(c);
    r1 = (r1 + x) % 37;
    r2 = (2 * r2 + x) % 37;
    r3 = (4 * r3 + x) % 37;
  }
  return `${ALPHABET[r1]}${ALPHABET[r2]}${ALPHABET[r3]}`;
}

/** Why a normalised RIO is malformed, or null when its shape is right (the input is not repeated). */
function rioShapeProblem(rio: string): Text | null {
  if (rio.length !== 12) {
    return text(
      `Le RIO doit compter 12 caractères (OO Q RRRRRR CCC) ; celui-ci en a ${rio.length}.`,
      `The RIO must have 12 characters (OO Q RRRRRR CCC); this one has ${rio.length}.`,
    );
  }
  const bad = [...rio.slice(0, 9).replace(/[A-Z0-9]/g, ""), ...rio.slice(9).replace(/[A-Z0-9+]/g, "")];
  if (bad.length > 0) {
    return text(
      "Le RIO contient des caractères interdits : seuls les lettres et les chiffres sont admis, et le + dans la clé.",
      "The RIO contains characters that are not allowed: only letters and digits, and + in the key.",
    );
  }
  return null;
}

/** Checks a RIO against the number it is for; the number may be in any accepted French form. */
export function checkRio(rio: string, number: string): RioCheck {
  const normalized = normalizeRio(rio);
  const shape = rioShapeProblem(normalized);
  const parsed = tryParseFrenchNumber(number);
  const reasons = [shape, parsed.ok ? null : parsed.reason].filter((r): r is Text => r !== null);
  if (reasons.length > 0 || !parsed.ok) return { valid: false, expectedKey: null, reason: joinTexts(reasons) };

  const expectedKey = rioKey(normalized.slice(0, 9), parsed.number.national);
  const key = normalized.slice(9);
  if (key === expectedKey) return { valid: true, expectedKey, reason: null };
  return {
    valid: false,
    expectedKey,
    reason: text(
      `La clé ${key} du RIO ne correspond pas au numéro ${parsed.number.national} ; la clé attendue est ${expectedKey}.`,
      `The RIO key ${key} does not match the number ${parsed.number.national}; expected ${expectedKey}.`,
    ),
  };
}
