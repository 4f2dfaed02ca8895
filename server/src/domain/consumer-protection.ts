/**
 * The L224-28 protection (SPEC section 4), in one place: who is protected, when a waiver lifts the
 * protection, and the 24-month cap it puts on what may be sold. Used by quotes, signing, the
 * commitment preview and stored contracts alike. Pure; the add-in bundles it.
 */
import {
  type CustomerCategory,
  isElectronicCommunications,
  PROTECTED_CATEGORIES,
  type ServiceFamily,
  WAIVABLE_CATEGORIES,
} from "./catalogue.js";
import type { FieldError } from "./errors.js";
import { text } from "./text.js";

/** L224-28: the longest initial commitment a protected customer may be held to. */
export const PROTECTED_MAX_INITIAL_TERM_MONTHS = 24;

/**
 * Whether the L224-28 rules protect this customer on this service. Missing category means OTHER;
 * missing family means the protective reading (a preview without a family is protected); only
 * electronic-communications families are covered. A signed waiver lifts the protection of MICRO,
 * SMALL and NON_PROFIT customers; a CONSUMER cannot waive public-order consumer law.
 */
export function isProtected(
  category: CustomerCategory | null | undefined,
  family: ServiceFamily | null | undefined,
  waiverSigned: boolean | null | undefined,
): boolean {
  if (family !== null && family !== undefined && !isElectronicCommunications(family)) return false;
  if (category === null || category === undefined || !PROTECTED_CATEGORIES.includes(category)) return false;
  return !(WAIVABLE_CATEGORIES.includes(category) && waiverSigned === true);
}

/**
 * The waiver rule **(convention)**: a waiver counts from its date. It lifts the protection for a
 * quote dated on or after it and for a contract signed on or after it; a waiver dated later does
 * not reach back. A CONSUMER's waiver never counts.
 */
export function waiverCounts(customer: { category: CustomerCategory; waiverSignedOn: string | null }, onDate: string): boolean {
  return customer.waiverSignedOn !== null && customer.waiverSignedOn <= onDate && WAIVABLE_CATEGORIES.includes(customer.category);
}

/** The refusal of an initial term over the cap, on `field`, in both languages. */
export function protectedTermError(
  field: string,
  initialTermMonths: number,
  category: CustomerCategory | null | undefined,
): FieldError {
  const consumer = category === "CONSUMER";
  return {
    field,
    message: text(
      `La durée d'engagement de ${initialTermMonths} mois dépasse les ${PROTECTED_MAX_INITIAL_TERM_MONTHS} mois autorisés pour un client protégé ` +
        `(particulier, micro-entreprise, petite entreprise ou association) sur un service de communications électroniques (article L224-28 du Code de la consommation)` +
        (consumer ? " ; un particulier ne peut pas y renoncer." : ", sauf renonciation datée de sa part."),
      `${initialTermMonths} months is too long: a protected customer (CONSUMER, MICRO, SMALL, NON_PROFIT) cannot be committed for more than ` +
        `${PROTECTED_MAX_INITIAL_TERM_MONTHS} months on electronic communications services without a dated waiver (L224-28` +
        (consumer ? "; a CONSUMER cannot waive it)." : ")."),
    ),
  };
}
