/**
 * SIREN (9 digits) and SIRET (SIREN + 5-digit establishment number) of French companies: Luhn
 * check digit, spaces tolerated.
 *
 * La Poste exception (INSEE): its establishments' SIRETs (starting with its SIREN 356000000) are
 * too many for Luhn; they are also valid when the sum of their 14 digits is a multiple of 5 (its
 * head office, 35600000000048, is an ordinary Luhn number). La Poste's SIREN itself, 356000000,
 * passes plain Luhn, so the exception only changes SIRETs: applied to the 9-digit SIREN
 * (digit sum 14) it would wrongly refuse La Poste.
 */
import type { FieldError } from "./errors.js";
import { shown, type Text, text } from "./text.js";

export const LA_POSTE_SIREN = "356000000";

export type CheckedId = { ok: true; value: string } | { ok: false; error: FieldError };

/** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, d) => sum + Number(d), 0);
}

function checkDigits(raw: string, length: number, label: string, field: string): CheckedId {
  const value = raw.replace(/\s/g, "");
  const fail = (message: Text): CheckedId => ({ ok: false, error: { field, message } });
  const quoted = shown(raw);
  if (!/^[0-9]*$/.test(value)) {
    return fail(
      text(
        `Le ${label} « ${quoted} » ne doit contenir que des chiffres (espaces admis).`,
        `"${quoted}" must contain only digits (spaces allowed).`,
      ),
    );
  }
  if (value.length !== length) {
    return fail(
      text(
        `Le ${label} « ${quoted} » doit compter ${length} chiffres ; il en a ${value.length}.`,
        `"${quoted}" must have ${length} digits; it has ${value.length}.`,
      ),
    );
  }
  const laPoste = length === 14 && value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0;
  const valid = laPoste || luhnValid(value);
  if (!valid) {
    return fail(
      text(
        `Le ${label} « ${quoted} » n'est pas valide : sa clé de contrôle est fausse (formule de Luhn).`,
        `"${quoted}" is not a valid ${label}: its check digit is wrong (Luhn).`,
      ),
    );
  }
  return { ok: true, value };
}

/** Validates a SIREN; returns its 9 digits without spaces. */
export function validateSiren(siren: string, field = "siren"): CheckedId {
  return checkDigits(siren, 9, "SIREN", field);
}

/** Validates a SIRET (with La Poste's exception); returns its 14 digits without spaces. */
export function validateSiret(siret: string, field = "siret"): CheckedId {
  return checkDigits(siret, 14, "SIRET", field);
}
