/**
 * Quote totals (SPEC section 6, API `QuoteTotals`), in integer euro cents excl. VAT unless named.
 *
 * Conventions fixed here:
 * - `setupFeeCents` is per unit: a line's one-off = setup fee × quantity + its porting price.
 * - `monthlyCents` = Σ quantity × monthly unit price.
 * - VAT is computed once, on the quote's one-off plus one month (not line by line, so lines never
 *   add up rounding differences): round half up to the cent of base × rate / 10 000, the rate in
 *   basis points (2000 = 20 %).
 * - `totalInclVatCents` = one-off + one month + VAT; `totalContractValueCents` = one-off +
 *   Σ line monthly × the line's initial term (excl. VAT).
 * Inputs are bounded so that every amount stays an exact (safe) integer; any overflow is an error.
 */
import { DomainValidationError, type FieldError, throwIfAny } from "./errors.js";
import { shown, text } from "./text.js";

export const MAX_QUANTITY = 100_000;
export const MAX_PRICE_CENTS = 1_000_000_000;
/** Only a bound for exact arithmetic; the commitment rules decide which terms are allowed. */
export const MAX_TERM_MONTHS = 1200;
export const DEFAULT_VAT_RATE_BASIS_POINTS = 2000;

export interface QuoteLineAmounts {
  quantity: number;
  monthlyUnitPriceCents: number;
  /** Per unit. */
  setupFeeCents: number;
  initialTermMonths: number;
  /** The line's porting price (from `pricePorting`); default 0. */
  portingCents?: number | null;
}

export interface LineTotals {
  oneOffCents: number;
  monthlyCents: number;
  /** One-off + monthly × initial term. */
  contractValueCents: number;
}

export interface QuoteTotals {
  oneOffCents: number;
  monthlyCents: number;
  vatCents: number;
  totalInclVatCents: number;
  totalContractValueCents: number;
}

function lineErrors(line: QuoteLineAmounts): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: keyof QuoteLineAmounts, min: number, max: number, fr: string, en: string) => {
    const value = line[field];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      errors.push({
        field,
        message: text(
          `${fr} doit être un nombre entier de ${min} à ${max} ; reçu : ${shown(value)}.`,
          `${en} must be a whole number from ${min} to ${max}; got ${shown(value)}.`,
        ),
      });
    }
  };
  check("quantity", 1, MAX_QUANTITY, "La quantité", "The quantity");
  check("monthlyUnitPriceCents", 0, MAX_PRICE_CENTS, "Le prix mensuel unitaire (en centimes)", "The monthly unit price (cents)");
  check("setupFeeCents", 0, MAX_PRICE_CENTS, "Les frais de mise en service (en centimes)", "The setup fee (cents)");
  check("initialTermMonths", 0, MAX_TERM_MONTHS, "La durée d'engagement initiale (en mois)", "The initial term (months)");
  const porting = line.portingCents ?? 0;
  if (!Number.isSafeInteger(porting) || porting < 0) {
    errors.push({
      field: "portingCents",
      message: text(
        `Le prix de portabilité doit être un nombre entier de centimes positif ou nul ; reçu : ${shown(porting)}.`,
        `The porting price must be a whole number of cents >= 0; got ${shown(porting)}.`,
      ),
    });
  }
  return errors;
}

function exact(value: number, field: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new DomainValidationError({
      field,
      message: text(
        "Les montants sont trop élevés pour être calculés exactement.",
        "The amounts are too large to compute exactly.",
      ),
    });
  }
  return value;
}

/** Totals of one line; throws a `DomainValidationError` on its input names (`quantity`, ...). */
export function lineTotals(line: QuoteLineAmounts): LineTotals {
  throwIfAny(lineErrors(line));
  // Each product of safe integers is checked: an inexact float result is never a safe integer.
  const oneOffCents = exact(line.setupFeeCents * line.quantity + (line.portingCents ?? 0), "setupFeeCents");
  const monthlyCents = line.quantity * line.monthlyUnitPriceCents;
  const contractValueCents = exact(
    oneOffCents + exact(monthlyCents * line.initialTermMonths, "initialTermMonths"),
    "initialTermMonths",
  );
  return { oneOffCents, monthlyCents, contractValueCents };
}

/** VAT on `baseCents` at `rateBasisPoints`, rounded half up to the cent (exact, via BigInt). */
export function vatOn(baseCents: number, rateBasisPoints: number): number {
  const vat = (BigInt(baseCents) * BigInt(rateBasisPoints) + 5000n) / 10000n;
  return Number(vat);
}

/**
 * Totals of a quote. Reports every bad line field as `lines[i].field`; `vatRateBasisPoints` is the
 * VAT rate in basis points (default 2000 = 20 %).
 */
export function quoteTotals(lines: readonly QuoteLineAmounts[], vatRateBasisPoints = DEFAULT_VAT_RATE_BASIS_POINTS): QuoteTotals {
  const errors: FieldError[] = [];
  if (!Number.isInteger(vatRateBasisPoints) || vatRateBasisPoints < 0 || vatRateBasisPoints > 10_000) {
    errors.push({
      field: "vatRateBasisPoints",
      message: text(
        `Le taux de TVA doit être compris entre 0 et 10000 points de base ; reçu : ${shown(vatRateBasisPoints)}.`,
        `The VAT rate must be 0 to 10000 basis points; got ${shown(vatRateBasisPoints)}.`,
      ),
    });
  }
  lines.forEach((line, i) => {
    errors.push(...lineErrors(line).map((e) => ({ field: `lines[${i}].${e.field}`, message: e.message })));
  });
  throwIfAny(errors);

  let oneOffCents = 0;
  let monthlyCents = 0;
  let totalContractValueCents = 0;
  lines.forEach((line, i) => {
    let totals: LineTotals;
    try {
      totals = lineTotals(line);
    } catch (error) {
      throw error instanceof DomainValidationError ? error.within(`lines[${i}]`) : error;
    }
    oneOffCents = exact(oneOffCents + totals.oneOffCents, "lines");
    monthlyCents = exact(monthlyCents + totals.monthlyCents, "lines");
    totalContractValueCents = exact(totalContractValueCents + totals.contractValueCents, "lines");
  });
  const vatCents = exact(vatOn(exact(oneOffCents + monthlyCents, "lines"), vatRateBasisPoints), "lines");
  const totalInclVatCents = exact(oneOffCents + monthlyCents + vatCents, "lines");
  return { oneOffCents, monthlyCents, vatCents, totalInclVatCents, totalContractValueCents };
}
