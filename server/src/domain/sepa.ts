/**
 * SEPA direct-debit mandate rules (SPEC section 6): IBAN, BIC, mandate reference (RUM), creditor
 * identifier (ICS) and lapse after 36 months without use.
 *
 * Conventions fixed here:
 * - IBAN and BIC are accepted with spaces and in any case, and returned in electronic form (upper
 *   case, no spaces). The IBAN must pass its checksum and the national checks ibantools knows (the
 *   French RIB key for FR and MC), and come from a SEPA country, since only SEPA direct debit is used.
 * - The BIC's country must be the IBAN's, except inside the French zone (France, its overseas
 *   territories and Monaco), whose banks share one banking system: an FR IBAN with a GP BIC, or an MC
 *   IBAN with an FR BIC, is accepted.
 * - Mandate references are unique case-insensitively: compare `normalizeMandateReference` values.
 * - `maskIban` keeps the country, the check digits and the last 4 characters, in groups of 4:
 *   `FR76 **** **** **** **** ***1 234` style.
 * - A mandate lapses on the day 36 calendar months (Excel EDATE) after its last use, or after its
 *   signature when never used.
 */
import { isSEPACountry, isValidBIC, ValidationErrorsIBAN, validateIBAN } from "ibantools";
import { addMonths, isValidLocalDate } from "./calendar.js";
import { DomainValidationError, type FieldError } from "./errors.js";
import { shown, type Text, text } from "./text.js";

export const SEPA_SCHEMES = ["CORE", "B2B"] as const;
export type SepaScheme = (typeof SEPA_SCHEMES)[number];

export const MANDATE_REFERENCE_MAX_LENGTH = 35;
/** Months without use after which a mandate lapses. */
export const MANDATE_LAPSE_MONTHS = 36;

/** One banking zone: IBAN and BIC countries may differ inside it. */
const FRENCH_ZONE = new Set(["FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "TF", "MC"]);

export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

function compact(value: string): string {
  return value.replace(/\s/g, "").toUpperCase();
}

/** Most fundamental problem first: a wrong length also breaks the checksum, but says more. */
const IBAN_REASONS: [ValidationErrorsIBAN, (iban: string) => Text][] = [
  [
    ValidationErrorsIBAN.NoIBANCountry,
    (i) =>
      text(
        `L'IBAN « ${shown(i)} » ne commence pas par le code d'un pays qui utilise l'IBAN.`,
        `"${shown(i)}" does not start with a country code that uses IBANs.`,
      ),
  ],
  [
    ValidationErrorsIBAN.WrongBBANLength,
    (i) =>
      text(
        `L'IBAN « ${shown(i)} » compte ${i.length} caractères, ce qui ne correspond pas à un IBAN ${i.slice(0, 2)}.`,
        `"${shown(i)}" has ${i.length} characters, which is wrong for an IBAN from ${i.slice(0, 2)}.`,
      ),
  ],
  [
    ValidationErrorsIBAN.WrongBBANFormat,
    (i) =>
      text(
        `L'IBAN « ${shown(i)} » n'a pas le format de compte d'un IBAN ${i.slice(0, 2)}.`,
        `"${shown(i)}" does not have the account format of an IBAN from ${i.slice(0, 2)}.`,
      ),
  ],
  [
    ValidationErrorsIBAN.ChecksumNotNumber,
    (i) =>
      text(
        `L'IBAN « ${shown(i)} » doit comporter deux chiffres de contrôle après le code pays.`,
        `"${shown(i)}" must have two check digits after the country code.`,
      ),
  ],
  [
    ValidationErrorsIBAN.WrongIBANChecksum,
    (i) =>
      text(
        `La clé de contrôle de l'IBAN « ${shown(i)} » est fausse : vérifiez qu'aucun caractère n'a été mal saisi.`,
        `"${shown(i)}" fails the IBAN checksum; check for a mistyped character.`,
      ),
  ],
  [
    ValidationErrorsIBAN.WrongAccountBankBranchChecksum,
    (i) =>
      text(
        `L'IBAN « ${shown(i)} » échoue au contrôle national du compte (la clé RIB pour un compte français).`,
        `"${shown(i)}" fails the national account check (the RIB key for a French account).`,
      ),
  ],
];

/** Validates an IBAN; returns its electronic form (`FR1420041010050500013M02606`). */
export function validateIban(iban: string, field = "iban"): Checked<string> {
  const value = compact(iban);
  const fail = (message: Text): Checked<string> => ({ ok: false, error: { field, message } });
  if (value === "") return fail(text("L'IBAN est obligatoire.", "An IBAN is required."));
  if (!/^[A-Z0-9]+$/.test(value)) {
    return fail(
      text(
        `L'IBAN « ${shown(iban)} » ne peut contenir que des lettres, des chiffres et des espaces.`,
        `"${shown(iban)}" may only contain letters, digits and spaces.`,
      ),
    );
  }
  const result = validateIBAN(value);
  if (!result.valid) {
    const reason = IBAN_REASONS.find(([code]) => result.errorCodes.includes(code));
    return fail(
      reason ? reason[1](value) : text(`« ${shown(value)} » n'est pas un IBAN valide.`, `"${shown(value)}" is not a valid IBAN.`),
    );
  }
  const country = value.slice(0, 2);
  if (!isSEPACountry(country) && !FRENCH_ZONE.has(country)) {
    return fail(
      text(
        `L'IBAN « ${shown(value)} » est d'un pays (${country}) hors de la zone SEPA ; un prélèvement SEPA exige un compte de la zone SEPA.`,
        `"${shown(value)}" is from ${country}, outside the SEPA area; a SEPA direct debit needs a SEPA account.`,
      ),
    );
  }
  return { ok: true, value };
}

/**
 * Validates a BIC (8 or 11 characters) and, when the IBAN's country is given, that the BIC belongs
 * to the same country (or both to the French zone). Returns its electronic form.
 */
export function validateBic(bic: string, ibanCountry?: string | null, field = "bic"): Checked<string> {
  const value = compact(bic);
  const fail = (message: Text): Checked<string> => ({ ok: false, error: { field, message } });
  if (value === "") return fail(text("Le BIC est obligatoire.", "A BIC is required."));
  if (value.length !== 8 && value.length !== 11) {
    return fail(
      text(
        `Le BIC « ${shown(bic)} » doit compter 8 ou 11 caractères ; il en a ${value.length}.`,
        `"${shown(bic)}" must have 8 or 11 characters; it has ${value.length}.`,
      ),
    );
  }
  if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value)) {
    return fail(
      text(
        `Le BIC « ${shown(bic)} » doit se composer de 4 lettres (banque), 2 lettres (pays), 2 lettres ou chiffres (localité) et éventuellement 3 pour l'agence.`,
        `"${shown(bic)}" must be 4 letters (bank), 2 letters (country), 2 letters or digits (location) and optionally 3 (branch).`,
      ),
    );
  }
  const country = value.slice(4, 6);
  if (!isValidBIC(value)) {
    return fail(
      text(
        `Le BIC « ${shown(bic)} » indique le pays ${country}, qui n'est pas un code pays connu.`,
        `"${shown(bic)}" names ${country}, which is not a known country code.`,
      ),
    );
  }
  const other = ibanCountry?.toUpperCase();
  if (other && other !== country && !(FRENCH_ZONE.has(other) && FRENCH_ZONE.has(country))) {
    return fail(
      text(
        `Le BIC « ${value} » est d'un pays (${country}) différent de celui de l'IBAN (${other}) : ils doivent être du même pays.`,
        `The BIC "${value}" is from ${country} but the IBAN is from ${other}; they must be from the same country.`,
      ),
    );
  }
  return { ok: true, value };
}

/** Every reason a mandate reference (RUM) breaks the SEPA rules; empty when valid. */
export function validateMandateReference(reference: string, field = "reference"): FieldError[] {
  if (reference.trim() === "") {
    return [{ field, message: text("La référence unique de mandat (RUM) est obligatoire.", "A mandate reference is required.") }];
  }
  const ref = shown(reference);
  const reasons: Text[] = [];
  if (reference.length > MANDATE_REFERENCE_MAX_LENGTH) {
    reasons.push(
      text(
        `La référence « ${ref} » compte ${reference.length} caractères ; ${MANDATE_REFERENCE_MAX_LENGTH} au plus sont admis.`,
        `"${ref}" has ${reference.length} characters; at most ${MANDATE_REFERENCE_MAX_LENGTH} are allowed.`,
      ),
    );
  }
  const forbidden = [...new Set(reference.replace(/[A-Za-z0-9/\-?:().,'+ ]/g, ""))].slice(0, 10).map(shown);
  if (forbidden.length > 0) {
    reasons.push(
      text(
        `La référence « ${ref} » contient des caractères interdits : ${forbidden.join(" ")} (admis : A–Z a–z 0–9 / - ? : ( ) . , ' + et l'espace).`,
        `"${ref}" contains characters that are not allowed: ${forbidden.join(" ")} (allowed: A–Z a–z 0–9 / - ? : ( ) . , ' + and space).`,
      ),
    );
  }
  if (reference.startsWith("/")) {
    reasons.push(text(`La référence « ${ref} » ne doit pas commencer par « / ».`, `"${ref}" must not start with "/".`));
  }
  if (reference.endsWith("/")) {
    reasons.push(text(`La référence « ${ref} » ne doit pas se terminer par « / ».`, `"${ref}" must not end with "/".`));
  }
  if (reference.includes("//")) {
    reasons.push(text(`La référence « ${ref} » ne doit pas contenir « // ».`, `"${ref}" must not contain "//".`));
  }
  return reasons.map((message) => ({ field, message }));
}

/** Key for the case-insensitive uniqueness of mandate references. */
export function normalizeMandateReference(reference: string): string {
  return reference.toUpperCase();
}

/** ISO 7064 mod 97-10 remainder of an alphanumeric string, letters as A=10 … Z=35. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const c of alphanumeric) {
    const digits = String(parseInt(c, 36));
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/**
 * Why a SEPA creditor identifier (ICS) is invalid, or null when valid; e.g. `FR72ZZZ123456` is
 * valid. Shape: country, 2 check digits, a 3-character business code that the check ignores, and
 * the national identifier (6 characters for France); spaces and case are ignored.
 * Check digits = 98 − mod97(national id + country + "00"), ISO 7064 mod 97-10.
 * (Returns a sentence rather than a FieldError: it validates server configuration as well as input.)
 */
export function validateCreditorIdentifier(ics: string): Text | null {
  const value = compact(ics);
  const match = /^([A-Z]{2})([0-9]{2})[A-Z0-9]{3}([A-Z0-9]{1,28})$/.exec(value);
  if (match === null) {
    return text(
      `« ${shown(ics)} » n'est pas un identifiant créancier SEPA (ICS) : attendu un code pays, 2 chiffres de contrôle, un code activité de 3 caractères et l'identifiant national.`,
      `"${shown(ics)}" is not a creditor identifier: expected country, 2 check digits, 3-character business code, national identifier.`,
    );
  }
  const [, country, check, national] = match as unknown as [string, string, string, string];
  if (country === "FR" && national.length !== 6) {
    return text(
      `L'identifiant créancier « ${shown(ics)} » doit avoir un identifiant national de 6 caractères pour la France (13 caractères en tout).`,
      `"${shown(ics)}" must have a 6-character national identifier for France (13 characters in all).`,
    );
  }
  const expected = String(98 - mod97(`${national}${country}00`)).padStart(2, "0");
  if (check !== expected) {
    return text(
      `Les chiffres de contrôle de l'identifiant créancier « ${shown(ics)} » sont faux (ISO 7064 mod 97-10).`,
      `"${shown(ics)}" fails the creditor identifier check digits (ISO 7064 mod 97-10).`,
    );
  }
  return null;
}

/** Compact form of a creditor identifier: upper case, no spaces. */
export function normalizeCreditorIdentifier(ics: string): string {
  return compact(ics);
}

/** Masked IBAN for display: country + check digits and the last 4 characters kept, grouped by 4. */
export function maskIban(iban: string): string {
  const value = compact(iban);
  const keepEnd = value.length > 8 ? 4 : 0;
  const masked = value.slice(0, 4) + "*".repeat(Math.max(0, value.length - 4 - keepEnd)) + value.slice(value.length - keepEnd);
  return masked.replace(/(.{4})(?=.)/g, "$1 ");
}

/** True when the mandate has gone 36 months unused as of `asOf` (all dates `YYYY-MM-DD`). */
export function mandateLapsed(lastUsedOn: string | null, signedOn: string, asOf: string): boolean {
  // A use recorded before the signature cannot extend the mandate beyond its signature anchor.
  const anchor = lastUsedOn !== null && lastUsedOn > signedOn ? lastUsedOn : signedOn;
  return asOf >= addMonths(anchor, MANDATE_LAPSE_MONTHS);
}

export interface SepaMandateFields {
  iban: string;
  bic: string;
  reference: string;
  signedOn: string;
  scheme: string;
}

export interface ValidSepaMandate {
  iban: string;
  bic: string;
  reference: string;
  /** For the uniqueness check. */
  referenceKey: string;
  signedOn: string;
  scheme: SepaScheme;
}

/**
 * Validates a mandate input as a whole, `today` being the Paris date (a signature cannot be in the
 * future); throws a `DomainValidationError` listing every bad field at once.
 */
export function validateSepaMandate(input: SepaMandateFields, today: string): ValidSepaMandate {
  const errors: FieldError[] = [];
  const iban = validateIban(input.iban);
  if (!iban.ok) errors.push(iban.error);
  const bic = validateBic(input.bic, iban.ok ? iban.value.slice(0, 2) : null);
  if (!bic.ok) errors.push(bic.error);
  errors.push(...validateMandateReference(input.reference));
  if (!isValidLocalDate(input.signedOn)) {
    errors.push({
      field: "signedOn",
      message: text(
        `« ${shown(input.signedOn)} » n'est pas une date (AAAA-MM-JJ).`,
        `"${shown(input.signedOn)}" is not a date (YYYY-MM-DD).`,
      ),
    });
  } else if (input.signedOn > today) {
    errors.push({
      field: "signedOn",
      message: text(
        `La date de signature ${input.signedOn} est dans le futur (nous sommes le ${today}).`,
        `The signature date ${input.signedOn} is in the future (today is ${today}).`,
      ),
    });
  }
  if (!(SEPA_SCHEMES as readonly string[]).includes(input.scheme)) {
    errors.push({
      field: "scheme",
      message: text(
        `« ${shown(input.scheme)} » n'est pas l'un des schémas ${SEPA_SCHEMES.join(", ")}.`,
        `"${shown(input.scheme)}" is not one of ${SEPA_SCHEMES.join(", ")}.`,
      ),
    });
  }
  if (!iban.ok || !bic.ok || errors.length > 0) throw new DomainValidationError(errors);
  return {
    iban: iban.value,
    bic: bic.value,
    reference: input.reference,
    referenceKey: normalizeMandateReference(input.reference),
    signedOn: input.signedOn,
    scheme: input.scheme as SepaScheme,
  };
}
