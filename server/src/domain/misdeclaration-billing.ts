/**
 * Billing of time (SPEC section 7): a misdeclared incident's minutes, and a validated intervention
 * sheet's minutes, are billed at the maintenance contract's hourly rate.
 *
 * Convention fixed here: amount (integer euro cents, excl. VAT) = minutes × hourly rate (cents) / 60,
 * rounded half up to the cent (e.g. 7 min at 90.01 €/h = 1050.1166… → 1050 cents; 1 min at
 * 0.30 €/h = 0.5 → 1 cent). The bounds below keep every amount inside GraphQL's 32-bit Int.
 */
import type { FieldError } from "./errors.js";
import { shown, text } from "./text.js";

/** A month of round-the-clock work: more on one incident or sheet is surely a typing error. */
export const MAX_MINUTES = 31 * 24 * 60;
/** 10 000 € per hour. */
export const MAX_HOURLY_RATE_CENTS = 1_000_000;

/** minutes × rate / 60 rounded half up; inputs must be within the bounds (checked by callers). */
export function timeAmountCents(minutes: number, hourlyRateCents: number): number {
  // Exact: the product stays far below 2^53, and floor((x + 30) / 60) is x / 60 rounded half up.
  return Math.floor((minutes * hourlyRateCents + 30) / 60);
}

/** The amount billed for a misdeclared incident. */
export function misdeclarationAmountCents(minutesSpent: number, hourlyRateCents: number): number {
  return timeAmountCents(minutesSpent, hourlyRateCents);
}

/** Errors for a count of minutes (0 allowed unless `min` says otherwise). */
export function minutesErrors(field: string, value: number, min = 0): FieldError[] {
  return Number.isInteger(value) && value >= min && value <= MAX_MINUTES
    ? []
    : [
        {
          field,
          message: text(
            `doit être un nombre entier de minutes de ${min} à ${MAX_MINUTES} ; reçu : ${shown(value)}.`,
            `must be a whole number of minutes from ${min} to ${MAX_MINUTES}; got ${shown(value)}`,
          ),
        },
      ];
}

export function hourlyRateErrors(field: string, value: number): FieldError[] {
  return Number.isInteger(value) && value >= 0 && value <= MAX_HOURLY_RATE_CENTS
    ? []
    : [
        {
          field,
          message: text(
            `doit être un nombre entier de centimes de 0 à ${MAX_HOURLY_RATE_CENTS} ; reçu : ${shown(value)}.`,
            `must be a whole number of cents from 0 to ${MAX_HOURLY_RATE_CENTS}; got ${shown(value)}`,
          ),
        },
      ];
}
