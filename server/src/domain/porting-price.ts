/**
 * Number porting prices from the porting tariff grid (SPEC section 5, API "Porting").
 *
 * Conventions fixed here:
 * - A request is priced as one line per number kind present; each line uses the grid row for
 *   (direction, kind) and costs: the row's fixed fee + the tiered price of its units + the row's
 *   outside-hours surcharge when the porting is scheduled outside business hours. The fixed fee and
 *   the surcharge are charged once per line (not per number); a row without a surcharge
 *   (`null`) charges nothing extra outside business hours.
 * - PER_BLOCK rows count units = ceil(quantity / blockSize); numbers are not checked to be
 *   consecutive.
 * - Tiers are in units, ascending by `upTo` (inclusive); the last tier must be unbounded
 *   (`upTo: null`) so that every quantity has a price.
 * - Grid selection: the grid with the latest `effectiveFrom` <= the request date (ISO dates compare
 *   as strings); on equal dates the later one in the list wins.
 */
import { isValidLocalDate } from "./calendar.js";
import { DomainValidationError, type FieldError, throwIfAny } from "./errors.js";
import { NUMBER_KINDS, type NumberKind, tryParseFrenchNumber } from "./phone-number.js";
import { shown, type Text, text } from "./text.js";

export { NUMBER_KINDS, type NumberKind } from "./phone-number.js";

export const PORTING_DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;
export type PortingDirection = (typeof PORTING_DIRECTIONS)[number];
export const PORTING_UNITS = ["PER_NUMBER", "PER_BLOCK"] as const;
export type PortingUnit = (typeof PORTING_UNITS)[number];
export const TIER_MODES = ["VOLUME", "GRADUATED"] as const;
export type TierMode = (typeof TIER_MODES)[number];

/** Upper bound of any single amount in a grid (10 million euros): keeps every total exact. */
export const MAX_GRID_AMOUNT_CENTS = 1_000_000_000;
/** Upper bound of numbers in one request; keeps requests and totals reasonable. */
export const MAX_NUMBERS_PER_REQUEST = 10_000;

export interface PriceTier {
  /** Inclusive upper bound in units; null = no upper bound (last tier only). */
  upTo: number | null;
  unitPriceCents: number;
}

export interface PortingTariffRow {
  direction: PortingDirection;
  numberKind: NumberKind;
  unit: PortingUnit;
  /** Numbers per block; required (>= 1) for PER_BLOCK, absent for PER_NUMBER. */
  blockSize: number | null;
  tierMode: TierMode;
  tiers: PriceTier[];
  fixedFeeCents: number;
  outsideHoursSurchargeCents: number | null;
}

export interface PortingTariffGrid {
  effectiveFrom: string;
  rows: PortingTariffRow[];
}

export interface PortingPriceRequest {
  direction: PortingDirection;
  numbers: readonly string[];
  requestDate: string;
  outsideBusinessHours?: boolean | null;
}

export interface PortingPriceLine {
  numberKind: NumberKind;
  /** Numbers of this kind in the request. */
  quantity: number;
  /** Billed units: the quantity, or the blocks it needs. */
  units: number;
  amountCents: number;
}

export interface PortingPrice {
  totalCents: number;
  lines: PortingPriceLine[];
}

function notADate(value: unknown): Text {
  return text(`« ${shown(value)} » n'est pas une date (AAAA-MM-JJ).`, `"${shown(value)}" is not a date (YYYY-MM-DD).`);
}

function isAmount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_GRID_AMOUNT_CENTS;
}

/** `what` (French, English) must be an amount of the grid. */
function amountRule(fr: string, en: string, orNull = false): Text {
  return text(
    `${fr} doit être un nombre entier de centimes entre 0 et ${MAX_GRID_AMOUNT_CENTS}${orNull ? ", ou null" : ""}.`,
    `${en} must be a whole number of cents between 0 and ${MAX_GRID_AMOUNT_CENTS}${orNull ? ", or null" : ""}.`,
  );
}

function notOneOf(value: unknown, allowed: readonly string[]): Text {
  return text(
    `« ${shown(value)} » n'est pas l'une des valeurs ${allowed.join(", ")}.`,
    `"${shown(value)}" is not one of ${allowed.join(", ")}.`,
  );
}

function validateTiers(tiers: readonly PriceTier[], path: string): FieldError[] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    return [{ field: path, message: text("Au moins une tranche est obligatoire.", "At least one tier is required.") }];
  }
  const errors: FieldError[] = [];
  let previous = 0;
  tiers.forEach((tier, i) => {
    const at = `${path}[${i}]`;
    const last = i === tiers.length - 1;
    if (!isAmount(tier.unitPriceCents)) {
      errors.push({ field: `${at}.unitPriceCents`, message: amountRule("Le prix unitaire", "The unit price") });
    }
    if (tier.upTo === null || tier.upTo === undefined) {
      if (!last) {
        errors.push({
          field: `${at}.upTo`,
          message: text(
            "Seule la dernière tranche peut être sans borne supérieure.",
            "Only the last tier may have no upper bound.",
          ),
        });
      }
      return;
    }
    if (last) {
      errors.push({
        field: `${at}.upTo`,
        message: text(
          `La dernière tranche doit être sans borne supérieure (upTo null), sinon les quantités au-delà de ${tier.upTo} n'auraient pas de prix.`,
          `The last tier must have no upper bound (upTo null), or quantities above ${tier.upTo} would have no price.`,
        ),
      });
    }
    if (!Number.isSafeInteger(tier.upTo) || tier.upTo < 1) {
      errors.push({
        field: `${at}.upTo`,
        message: text(
          `La borne de tranche ${shown(tier.upTo)} doit être un nombre entier d'unités supérieur ou égal à 1.`,
          `The tier bound ${shown(tier.upTo)} must be a whole number of units >= 1.`,
        ),
      });
    } else if (tier.upTo <= previous) {
      errors.push({
        field: `${at}.upTo`,
        message: text(
          `Les bornes des tranches doivent être croissantes : ${tier.upTo} n'est pas supérieur à ${previous}.`,
          `Tier bounds must ascend: ${tier.upTo} is not above ${previous}.`,
        ),
      });
    } else {
      previous = tier.upTo;
    }
  });
  return errors;
}

function validateRow(row: PortingTariffRow, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const oneOf = (field: keyof PortingTariffRow, allowed: readonly string[]) => {
    if (!allowed.includes(row[field] as string)) {
      errors.push({ field: `${path}.${field}`, message: notOneOf(row[field], allowed) });
    }
  };
  oneOf("direction", PORTING_DIRECTIONS);
  oneOf("numberKind", NUMBER_KINDS);
  oneOf("unit", PORTING_UNITS);
  oneOf("tierMode", TIER_MODES);
  const hasBlock = row.blockSize !== null && row.blockSize !== undefined;
  if (row.unit === "PER_BLOCK" && (!Number.isSafeInteger(row.blockSize) || (row.blockSize as number) < 1)) {
    errors.push({
      field: `${path}.blockSize`,
      message: text(
        "Une ligne PER_BLOCK exige une taille de bloc : un nombre entier supérieur ou égal à 1.",
        "A PER_BLOCK row needs a block size, a whole number >= 1.",
      ),
    });
  } else if (row.unit === "PER_NUMBER" && hasBlock) {
    errors.push({
      field: `${path}.blockSize`,
      message: text("Une ligne PER_NUMBER ne prend pas de taille de bloc.", "A PER_NUMBER row takes no block size."),
    });
  }
  errors.push(...validateTiers(row.tiers, `${path}.tiers`));
  if (!isAmount(row.fixedFeeCents)) {
    errors.push({ field: `${path}.fixedFeeCents`, message: amountRule("Les frais fixes", "The fixed fee") });
  }
  const surcharge = row.outsideHoursSurchargeCents;
  if (surcharge !== null && surcharge !== undefined && !isAmount(surcharge)) {
    errors.push({
      field: `${path}.outsideHoursSurchargeCents`,
      message: amountRule("La majoration hors heures ouvrées", "The surcharge", true),
    });
  }
  return errors;
}

/** Every rule a grid breaks, with API input paths (`rows[1].tiers[0].upTo`); empty when valid. */
export function validateTariffGrid(input: PortingTariffGrid): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidLocalDate(input.effectiveFrom)) {
    errors.push({ field: "effectiveFrom", message: notADate(input.effectiveFrom) });
  }
  if (!Array.isArray(input.rows) || input.rows.length === 0) {
    errors.push({
      field: "rows",
      message: text("Une grille doit compter au moins une ligne.", "A grid needs at least one row."),
    });
    return errors;
  }
  const seen = new Map<string, number>();
  input.rows.forEach((row, i) => {
    errors.push(...validateRow(row, `rows[${i}]`));
    const key = `${row.direction} ${row.numberKind}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      errors.push({
        field: `rows[${i}].numberKind`,
        message: text(
          `${key} est déjà tarifé par rows[${first}] : une grille a une seule ligne par sens et par type de numéro.`,
          `${key} is already priced by rows[${first}]; a grid has one row per direction and number kind.`,
        ),
      });
    }
  });
  return errors;
}

/** The grid in force on `date`: latest `effectiveFrom` <= date; null when none. */
export function selectGridInForce<G extends { effectiveFrom: string }>(grids: readonly G[], date: string): G | null {
  let best: G | null = null;
  for (const grid of grids) {
    if (grid.effectiveFrom <= date && (best === null || grid.effectiveFrom >= best.effectiveFrom)) best = grid;
  }
  return best;
}

/**
 * Price of `units` over ascending tiers. VOLUME: all units at the price of the tier the total falls
 * in. GRADUATED: each unit at the price of its own tier. Throws if `units` exceeds the last bound
 * (a grid that passed `validateTariffGrid` cannot).
 */
export function tieredPrice(units: number, tiers: readonly PriceTier[], mode: TierMode): number {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`units must be a non-negative integer: ${units}`);
  if (units === 0) return 0;
  if (mode === "VOLUME") {
    const tier = tiers.find((t) => t.upTo === null || units <= t.upTo);
    if (tier === undefined) throw new RangeError(`${units} units are beyond the last tier`);
    return units * tier.unitPriceCents;
  }
  let total = 0;
  let floor = 0; // units already priced by lower tiers
  for (const tier of tiers) {
    const ceiling = tier.upTo === null ? units : Math.min(units, tier.upTo);
    if (ceiling > floor) total += (ceiling - floor) * tier.unitPriceCents;
    floor = Math.max(floor, ceiling);
    if (floor >= units) return total;
  }
  throw new RangeError(`${units} units are beyond the last tier`);
}

/** Billed units for `quantity` numbers: PER_NUMBER one each, PER_BLOCK ceil(quantity / blockSize). */
export function unitsFor(row: Pick<PortingTariffRow, "unit" | "blockSize">, quantity: number): number {
  if (row.unit === "PER_NUMBER") return quantity;
  const size = row.blockSize ?? 0;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`PER_BLOCK row with block size ${row.blockSize}`);
  return Math.floor((quantity + size - 1) / size);
}

/**
 * Prices a porting request against the grid in force on its date. `grids` may be every stored
 * version, or just the one already selected (null when none). Reports every bad input at once:
 * invalid or duplicate numbers (`numbers[i]`), an empty list, no grid in force (`requestDate`),
 * and a kind the grid has no row for (on the first number of that kind).
 */
export function pricePorting(
  request: PortingPriceRequest,
  grids: PortingTariffGrid | readonly PortingTariffGrid[] | null | undefined,
): PortingPrice {
  const errors: FieldError[] = [];
  const { direction, numbers, requestDate } = request;
  if (!PORTING_DIRECTIONS.includes(direction)) {
    errors.push({ field: "direction", message: notOneOf(direction, PORTING_DIRECTIONS) });
  }
  if (numbers.length === 0) {
    errors.push({ field: "numbers", message: text("Au moins un numéro est obligatoire.", "At least one number is required.") });
  }
  if (numbers.length > MAX_NUMBERS_PER_REQUEST) {
    errors.push({
      field: "numbers",
      message: text(
        `Une demande compte au plus ${MAX_NUMBERS_PER_REQUEST} numéros.`,
        `At most ${MAX_NUMBERS_PER_REQUEST} numbers per request.`,
      ),
    });
  }

  const firstIndexOf = new Map<string, number>(); // e164 -> first index
  const byKind = new Map<NumberKind, number[]>(); // kind -> indexes
  const nationalOf = new Map<number, string>(); // index -> national form, for messages
  numbers.forEach((raw, i) => {
    const parsed = tryParseFrenchNumber(raw);
    if (!parsed.ok) {
      errors.push({ field: `numbers[${i}]`, message: parsed.reason });
      return;
    }
    const { e164, kind } = parsed.number;
    const earlier = firstIndexOf.get(e164);
    if (earlier !== undefined) {
      errors.push({
        field: `numbers[${i}]`,
        message: text(
          `Ce numéro est le même que numbers[${earlier}] (${e164}) : un numéro figure une seule fois.`,
          `This is the same number as numbers[${earlier}], ${e164}; a number appears once.`,
        ),
      });
      return;
    }
    firstIndexOf.set(e164, i);
    nationalOf.set(i, parsed.number.national);
    byKind.set(kind, [...(byKind.get(kind) ?? []), i]);
  });

  let grid: PortingTariffGrid | null = null;
  if (!isValidLocalDate(requestDate)) {
    errors.push({ field: "requestDate", message: notADate(requestDate) });
  } else {
    grid = Array.isArray(grids) ? selectGridInForce(grids, requestDate) : ((grids as PortingTariffGrid | null) ?? null);
    if (grid !== null && grid.effectiveFrom > requestDate) grid = null;
    if (grid === null) {
      errors.push({
        field: "requestDate",
        message: text(
          `Aucune grille tarifaire de portabilité n'est en vigueur le ${requestDate}.`,
          `No porting tariff grid is in force on ${requestDate}.`,
        ),
      });
    }
  }

  const lines: PortingPriceLine[] = [];
  for (const kind of NUMBER_KINDS) {
    const indexes = byKind.get(kind);
    if (indexes === undefined || grid === null) continue;
    const row = grid.rows.find((r) => r.direction === direction && r.numberKind === kind);
    if (row === undefined) {
      const first = indexes[0] as number;
      errors.push({
        field: `numbers[${first}]`,
        message: text(
          `Le numéro ${nationalOf.get(first)} est de type ${kind}, et la grille en vigueur le ${requestDate} (depuis le ${grid.effectiveFrom}) n'a pas de ligne ${direction} ${kind}.`,
          `${nationalOf.get(first)} is a ${kind} number, and the grid in force on ${requestDate} (from ${grid.effectiveFrom}) has no ${direction} ${kind} row.`,
        ),
      });
      continue;
    }
    const quantity = indexes.length;
    const units = unitsFor(row, quantity);
    const surcharge = request.outsideBusinessHours ? (row.outsideHoursSurchargeCents ?? 0) : 0;
    const amountCents = row.fixedFeeCents + tieredPrice(units, row.tiers, row.tierMode) + surcharge;
    lines.push({ numberKind: kind, quantity, units, amountCents });
  }
  throwIfAny(errors);

  const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  if (!Number.isSafeInteger(totalCents)) {
    throw new DomainValidationError({
      field: "numbers",
      message: text(
        "Le prix de portabilité est trop élevé pour être calculé exactement.",
        "The porting price is too large to compute exactly.",
      ),
    });
  }
  return { totalCents, lines };
}
