/**
 * Turns the lines a client sends into priced quote lines, or one `DomainValidationError` listing
 * every bad field as `lines[i].field` (SPEC sections 4 to 6). No I/O: the caller loads the offers,
 * the customer and the porting grid in force on the quote date.
 *
 * Rules applied here:
 * - Terms come from the offer unless the line gives them; an offer without published terms
 *   (BACKUP, MAINTENANCE) needs the line's own. The notice is the offer's unless the line gives
 *   noticeMonths or noticeDays.
 * - A protected customer (consumer-protection.ts: `isProtected`, the waiver counting from its date
 *   by `waiverCounts`) may not be committed for more than 24 months on electronic communications.
 * - Porting only on offers billed per the grid, priced with the grid in force on the quote date
 *   and frozen in `portingCents`. A RIO is required for each MOBILE number of an INBOUND porting;
 *   any RIO given must match its number. A number appears once in a quote.
 * - Every amount the API returns must fit a GraphQL Int.
 */
import { isValidLocalDate } from "../domain/calendar.js";
import type { CustomerCategory } from "../domain/catalogue.js";
import { validateContractTerms } from "../domain/commitment.js";
import {
  isProtected,
  PROTECTED_MAX_INITIAL_TERM_MONTHS,
  protectedTermError,
  waiverCounts,
} from "../domain/consumer-protection.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { tryParseFrenchNumber } from "../domain/phone-number.js";
import { type PortingDirection, type PortingPrice, type PortingTariffGrid, pricePorting } from "../domain/porting-price.js";
import { lineTotals, type QuoteTotals, quoteTotals } from "../domain/quote-totals.js";
import { checkRio, normalizeRio } from "../domain/rio.js";
import { shown, text } from "../domain/text.js";
import type { Offer } from "../entities/index.js";
import { MAX_GRAPHQL_INT } from "./db-errors.js";

export const MAX_QUOTE_LINES = 100;

export interface QuoteLineData {
  offerCode: string;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  initialTermMonths?: number | null;
  renewalTermMonths?: number | null;
  noticeMonths?: number | null;
  noticeDays?: number | null;
  startDate?: string | null;
  subsidisedDevice?: boolean | null;
  portingDirection?: PortingDirection | null;
  portingNumbers?: string[] | null;
  portingOutsideHours?: boolean | null;
  portingRios?: (string | null)[] | null;
}

/** The stored values of one line (quote_line columns but ids). */
export interface PreparedLine {
  position: number;
  offerId: number;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths: number | null;
  noticeDays: number | null;
  startDate: string | null;
  subsidisedDevice: boolean;
  portingDirection: PortingDirection | null;
  portingNumbers: { number: string; rio: string | null }[];
  portingOutsideHours: boolean;
  portingCents: number;
}

export interface LinePricingContext {
  /** Offers by code (the active and inactive ones the lines name). */
  offers: ReadonlyMap<string, Offer>;
  customer: { category: CustomerCategory; waiverSignedOn: string | null };
  quoteDate: string;
  /** The porting grid in force on the quote date; null when none. */
  grid: PortingTariffGrid | null;
}

type Porting = Pick<PreparedLine, "portingDirection" | "portingNumbers" | "portingOutsideHours" | "portingCents">;

const NO_PORTING: Porting = { portingDirection: null, portingNumbers: [], portingOutsideHours: false, portingCents: 0 };

/** Field of a `pricePorting` error, as the quote line names it. */
function portingField(at: string, field: string): string {
  if (field.startsWith("numbers")) return `${at}.portingNumbers${field.slice("numbers".length)}`;
  if (field === "direction") return `${at}.portingDirection`;
  return `${at}.portingNumbers`; // requestDate: no grid in force on the quote date
}

/** Where each number was first quoted: e164 → `lines[i].portingNumbers[j]`. */
type SeenNumbers = Map<string, { line: number; path: string }>;

function preparePorting(
  line: QuoteLineData,
  offer: Offer,
  i: number,
  context: LinePricingContext,
  seen: SeenNumbers,
  errors: FieldError[],
): Porting {
  const at = `lines[${i}]`;
  const numbers = line.portingNumbers ?? [];
  const rios = line.portingRios ?? [];
  const direction = line.portingDirection ?? null;
  if (numbers.length === 0 && direction === null) {
    if (rios.length > 0) {
      errors.push({
        field: `${at}.portingRios`,
        message: text("Des RIO sont indiqués mais aucun numéro à porter.", "RIOs are given but no porting numbers."),
      });
    }
    return NO_PORTING;
  }
  if (!offer.portingBilledPerGrid) {
    errors.push({
      field: numbers.length > 0 ? `${at}.portingNumbers` : `${at}.portingDirection`,
      message: text(
        `La portabilité des numéros ne se chiffre que sur les offres facturées selon la grille de portabilité (téléphonie IP) ; ${offer.code} n'en fait pas partie.`,
        `Number porting is only quoted on offers billed per the porting grid (IP telephony); ${offer.code} is not one.`,
      ),
    });
    return NO_PORTING;
  }
  if (direction === null) {
    errors.push({
      field: `${at}.portingDirection`,
      message: text(
        "Le sens de la portabilité (INBOUND ou OUTBOUND) est obligatoire avec des numéros à porter.",
        "The porting direction (INBOUND or OUTBOUND) is required with porting numbers.",
      ),
    });
    return NO_PORTING;
  }
  if (numbers.length === 0) {
    errors.push({
      field: `${at}.portingNumbers`,
      message: text(
        `Une portabilité ${direction} exige au moins un numéro.`,
        `A ${direction} porting needs at least one number.`,
      ),
    });
    return NO_PORTING;
  }
  if (rios.length > numbers.length) {
    errors.push({
      field: `${at}.portingRios`,
      message: text(
        `${rios.length} RIO pour ${numbers.length} numéros : indiquez au plus un RIO par numéro, dans le même ordre.`,
        `${rios.length} RIOs for ${numbers.length} numbers: give at most one RIO per number, in the same order.`,
      ),
    });
  }

  const outsideBusinessHours = line.portingOutsideHours === true;
  let price: PortingPrice | null = null;
  try {
    price = pricePorting({ direction, numbers, requestDate: context.quoteDate, outsideBusinessHours }, context.grid);
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    errors.push(...error.fields.map((f) => ({ field: portingField(at, f.field), message: f.message })));
  }

  const stored: { number: string; rio: string | null }[] = [];
  numbers.forEach((raw, j) => {
    const parsed = tryParseFrenchNumber(raw);
    if (!parsed.ok) return; // pricePorting named it
    const { e164, kind } = parsed.number;
    const path = `${at}.portingNumbers[${j}]`;
    const earlier = seen.get(e164);
    if (earlier === undefined) seen.set(e164, { line: i, path });
    else if (earlier.line !== i) {
      errors.push({
        field: path,
        message: text(
          `Le numéro ${e164} est déjà porté par ${earlier.path} : un numéro figure une seule fois dans un devis.`,
          `${e164} is already ported by ${earlier.path}; a number appears once in a quote.`,
        ),
      });
    }
    const given = rios[j];
    const rio = given === null || given === undefined || given.trim() === "" ? null : normalizeRio(given);
    if (rio === null) {
      if (direction === "INBOUND" && kind === "MOBILE") {
        errors.push({
          field: `${at}.portingRios[${j}]`,
          message: text(
            `Un RIO est obligatoire pour porter le numéro mobile ${e164} vers nous.`,
            `A RIO is required to port in the mobile number ${e164}.`,
          ),
        });
      }
    } else {
      const check = checkRio(rio, raw);
      if (!check.valid) {
        errors.push({
          field: `${at}.portingRios[${j}]`,
          message: check.reason ?? text("Le RIO n'est pas valide.", "The RIO is not valid."),
        });
      }
    }
    stored.push({ number: e164, rio });
  });

  const portingCents = price?.totalCents ?? 0;
  if (portingCents > MAX_GRAPHQL_INT) {
    errors.push({
      field: `${at}.portingNumbers`,
      message: text(
        `Le prix de la portabilité dépasse ${MAX_GRAPHQL_INT} centimes : répartissez les numéros sur plusieurs lignes.`,
        `The porting price exceeds ${MAX_GRAPHQL_INT} cents; split the line.`,
      ),
    });
  }
  return { portingDirection: direction, portingNumbers: stored, portingOutsideHours: outsideBusinessHours, portingCents };
}

/** Terms of a line: its own, else the offer's; errors name `lines[i].…`. */
function prepareTerms(line: QuoteLineData, offer: Offer, i: number, context: LinePricingContext, errors: FieldError[]) {
  const at = `lines[${i}]`;
  const initial = line.initialTermMonths ?? offer.initialTermMonths;
  const renewal = line.renewalTermMonths ?? offer.renewalTermMonths;
  const ownNotice = (line.noticeMonths ?? null) !== null || (line.noticeDays ?? null) !== null;
  const noticeMonths = ownNotice ? (line.noticeMonths ?? null) : offer.noticeMonths;
  const noticeDays = ownNotice ? (line.noticeDays ?? null) : offer.noticeDays;
  const startDate = line.startDate ?? null;
  if (initial === null) {
    errors.push({
      field: `${at}.initialTermMonths`,
      message: text(
        `La durée d'engagement initiale est obligatoire pour cette offre : ${offer.code} n'en publie pas, la ligne doit donc la préciser.`,
        `required for this offer: ${offer.code} publishes no initial term, so the line sets it.`,
      ),
    });
  }
  if (renewal === null) {
    errors.push({
      field: `${at}.renewalTermMonths`,
      message: text(
        `La durée de renouvellement est obligatoire pour cette offre : ${offer.code} n'en publie pas, la ligne doit donc la préciser (0 = pas de reconduction tacite).`,
        `required for this offer: ${offer.code} publishes no renewal term, so the line sets it (0 = no tacit renewal).`,
      ),
    });
  }
  if (startDate !== null && isValidLocalDate(startDate) && startDate < context.quoteDate) {
    errors.push({
      field: `${at}.startDate`,
      message: text(
        `La date de début ${startDate} précède la date du devis (${context.quoteDate}).`,
        `The start date ${startDate} is before the quote date ${context.quoteDate}.`,
      ),
    });
  }
  if (initial !== null && renewal !== null) {
    const terms = {
      startDate: startDate ?? context.quoteDate,
      initialTermMonths: initial,
      renewalTermMonths: renewal,
      noticeMonths,
      noticeDays,
    };
    errors.push(...validateContractTerms(terms).map((e) => ({ field: `${at}.${e.field}`, message: e.message })));
    const { category } = context.customer;
    const waiverSigned = waiverCounts(context.customer, context.quoteDate);
    const termsValid = !errors.some((e) => e.field === `${at}.initialTermMonths`);
    if (termsValid && initial > PROTECTED_MAX_INITIAL_TERM_MONTHS && isProtected(category, offer.family, waiverSigned)) {
      errors.push(protectedTermError(`${at}.initialTermMonths`, initial, category));
    }
  }
  return { initialTermMonths: initial ?? 0, renewalTermMonths: renewal ?? 0, noticeMonths, noticeDays, startDate };
}

/** Refuses line amounts (quote-totals.ts `lineTotals`) a GraphQL Int (or an INT column) cannot hold. */
function checkLineAmounts(
  line: QuoteLineData,
  terms: { initialTermMonths: number },
  portingCents: number,
  i: number,
  errors: FieldError[],
): void {
  let amounts: ReturnType<typeof lineTotals>;
  try {
    amounts = lineTotals({ ...line, initialTermMonths: terms.initialTermMonths, portingCents });
  } catch (error) {
    if (error instanceof DomainValidationError) return; // quoteTotals names the field
    throw error;
  }
  if (amounts.monthlyCents > MAX_GRAPHQL_INT) {
    errors.push({
      field: `lines[${i}].monthlyUnitPriceCents`,
      message: text(
        `La quantité multipliée par le prix mensuel unitaire donne ${amounts.monthlyCents} centimes, au-delà du plus grand montant traité (${MAX_GRAPHQL_INT}).`,
        `quantity × monthly unit price is ${amounts.monthlyCents} cents, above the largest amount handled (${MAX_GRAPHQL_INT}).`,
      ),
    });
  }
  if (amounts.oneOffCents > MAX_GRAPHQL_INT) {
    errors.push({
      field: `lines[${i}].setupFeeCents`,
      message: text(
        `La quantité multipliée par les frais de mise en service, plus la portabilité, donne ${amounts.oneOffCents} centimes, au-delà du plus grand montant traité (${MAX_GRAPHQL_INT}).`,
        `quantity × setup fee + porting is ${amounts.oneOffCents} cents, above the largest amount handled (${MAX_GRAPHQL_INT}).`,
      ),
    });
  }
}

function checkTotals(totals: QuoteTotals, errors: FieldError[]): void {
  for (const [name, value] of Object.entries(totals)) {
    if (value > MAX_GRAPHQL_INT) {
      errors.push({
        field: "lines",
        message: text(
          `Le total ${name} du devis serait de ${value} centimes, au-delà du plus grand montant traité (${MAX_GRAPHQL_INT}) : répartissez les lignes sur plusieurs devis.`,
          `The quote's ${name} would be ${value} cents, above the largest amount handled (${MAX_GRAPHQL_INT}); split the quote.`,
        ),
      });
    }
  }
}

/** Validates and prices every line; throws one error listing every bad field. */
export function prepareQuoteLines(
  lines: readonly QuoteLineData[],
  context: LinePricingContext,
): { lines: PreparedLine[]; totals: QuoteTotals } {
  const errors: FieldError[] = [];
  if (lines.length === 0) {
    errors.push({
      field: "lines",
      message: text("Un devis doit compter au moins une ligne.", "A quote needs at least one line."),
    });
  }
  if (lines.length > MAX_QUOTE_LINES) {
    errors.push({
      field: "lines",
      message: text(
        `Un devis compte au plus ${MAX_QUOTE_LINES} lignes ; celui-ci en a ${lines.length}.`,
        `A quote has at most ${MAX_QUOTE_LINES} lines; it has ${lines.length}.`,
      ),
    });
  }
  throwIfAny(errors);

  const seen: SeenNumbers = new Map();
  const prepared: PreparedLine[] = [];
  lines.forEach((line, i) => {
    const offer = context.offers.get(line.offerCode);
    if (offer === undefined || !offer.active) {
      errors.push({
        field: `lines[${i}].offerCode`,
        message:
          offer === undefined
            ? text(`Aucune offre n'a le code « ${shown(line.offerCode)} ».`, `No offer has the code "${shown(line.offerCode)}".`)
            : text(`L'offre ${offer.code} n'est plus commercialisée.`, `The offer ${offer.code} is no longer sold.`),
      });
      return;
    }
    const terms = prepareTerms(line, offer, i, context, errors);
    const porting = preparePorting(line, offer, i, context, seen, errors);
    checkLineAmounts(line, terms, porting.portingCents, i, errors);
    prepared.push({
      position: i,
      offerId: offer.id,
      quantity: line.quantity,
      monthlyUnitPriceCents: line.monthlyUnitPriceCents,
      setupFeeCents: line.setupFeeCents,
      ...terms,
      subsidisedDevice: line.subsidisedDevice === true,
      ...porting,
    });
  });

  // Amount rules (quantity 1..100 000, prices 0..1e9, terms) from quote-totals.ts.
  let totals: QuoteTotals | null = null;
  try {
    totals = quoteTotals(
      lines.map((line, i) => ({
        quantity: line.quantity,
        monthlyUnitPriceCents: line.monthlyUnitPriceCents,
        setupFeeCents: line.setupFeeCents,
        initialTermMonths: prepared.find((p) => p.position === i)?.initialTermMonths ?? 1,
        portingCents: prepared.find((p) => p.position === i)?.portingCents ?? 0,
      })),
    );
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    const known = new Set(errors.map((e) => e.field));
    errors.push(...error.fields.filter((e) => !known.has(e.field)));
  }
  if (totals !== null) checkTotals(totals, errors);
  throwIfAny(errors);
  return { lines: prepared, totals: totals as QuoteTotals };
}
