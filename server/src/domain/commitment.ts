/**
 * The commitment engine (SPEC sections 3 and 4): periods, notice deadlines, termination effect,
 * remaining cycles and the early-termination fee with the L224-28 cap. Pure: no I/O, no `Date`,
 * no Node-only imports (the Excel add-in bundles it so its custom functions match the server).
 *
 * Model: start S, initial term I months, renewal term R months (0 = no tacit renewal).
 * boundary(0) = S, boundary(k) = EDATE(S, I + (k-1)R); period k = [boundary(k), boundary(k+1) - 1].
 * Everything is computed from the anchor S; period indexes are found arithmetically, never by
 * walking periods, so cost does not grow with the contract's age.
 *
 * Decisions (conventions the SPEC leaves open, fixed here):
 * - Notice deadline of period k: months n → EDATE(boundary(k+1), -n) - 1 day (chained from the
 *   boundary, as SPEC says and its worked examples show); days n → boundary(k+1) - n - 1 day; no
 *   notice → boundary(k+1) - 1 day (a notice may arrive up to the period's last day).
 *   noticeMonths and noticeDays are exclusive; both null means no notice.
 * - A date before S belongs to period 0. With R = 0 every date belongs to period 0; after the
 *   initial term end the contract has simply ended (inInitialTerm stays true, as periodIndex is 0,
 *   and remainingCycles and the fee are 0).
 * - terminationEffect(r): end of the first period whose notice deadline is >= r. With R = 0 it is
 *   always the initial term end: the contract does not renew, so a notice received after the
 *   single deadline (even after the end) still ends it there.
 * - nextNoticeDeadline: first deadline >= asOf; null only with R = 0 once the deadline has passed.
 *   earliestEndDate = terminationEffect(asOf). nextRenewalDate = boundary(k+1), null when R = 0.
 *   noticeDeadline is the current period's deadline, even when it is before asOf.
 * - Cycles: cycle m starts at EDATE(S, m). remainingCycles counts m with asOf < EDATE(S, m) <
 *   boundary(k+1) (asOf is the last day of service, inside the current period k); the standard fee
 *   is monthlyAmountCents × remainingCycles.
 * - Protected customers: CONSUMER, MICRO, SMALL, NON_PROFIT. A signed waiver lifts the protection
 *   for MICRO, SMALL and NON_PROFIT (only the extension of L224-28 to them can be waived); a
 *   CONSUMER cannot waive public-order consumer law, so waiverSigned is ignored for CONSUMER.
 * - The protection covers electronic-communications families (IP_ACCESS_WIRED,
 *   IP_ACCESS_CELLULAR, IP_TELEPHONY, MOBILE_FLEET) and, when serviceFamily is not given, applies
 *   anyway (a preview takes the protective reading); it does not cover BACKUP or MAINTENANCE.
 * - A protected customer with initialTermMonths > 24 is a validation error on initialTermMonths.
 * - Protected fee, only in the initial term and only when I > 12 (e = asOf, the last day of
 *   service): if e >= EDATE(S, 12) - 1, 0, or with a subsidised device 20% of the standard fee;
 *   before that, monthly × (cycles m with e < EDATE(S, m) < EDATE(S, 12)) plus, with a subsidised
 *   device, 20% of monthly × (I - 12) (the cycles from month 12 to the end of the initial term).
 *   20% is rounded to the cent, half up. Never more than the standard fee. Renewal periods: the
 *   standard fee.
 * - Money is integer cents; monthlyAmountCents is 0..1e9, so fees (at most 1e9 × 1200) stay safe
 *   integers.
 * - Dates the engine would have to return past 9999-12-31 are a validation error (initialTermMonths
 *   when the initial term itself ends after it, asOf otherwise), never a malformed date.
 */
import {
  daysInMonthIndex,
  edate,
  epochDayOfMonthIndex,
  epochDayOfPacked,
  formatEpochDay,
  MAX_EPOCH_DAY,
  MAX_YEAR,
  MIN_YEAR,
  packedDay,
  packedFromEpochDay,
  packedMonthIndex,
  parseLocalDate,
  wholeMonthsFrom,
} from "./calendar.js";
import {
  CUSTOMER_CATEGORIES,
  type CustomerCategory,
  isCustomerCategory,
  isServiceFamily,
  SERVICE_FAMILIES,
  type ServiceFamily,
} from "./catalogue.js";
import { isProtected, PROTECTED_MAX_INITIAL_TERM_MONTHS, protectedTermError } from "./consumer-protection.js";
import { DomainValidationError, type FieldError, throwIfAny } from "./errors.js";
import { type Text, text } from "./text.js";

export {
  CUSTOMER_CATEGORIES,
  type CustomerCategory,
  isElectronicCommunications,
  SERVICE_FAMILIES,
  type ServiceFamily,
} from "./catalogue.js";
export { isProtected, PROTECTED_MAX_INITIAL_TERM_MONTHS, waiverCounts } from "./consumer-protection.js";

export const MAX_TERM_MONTHS = 1200;
export const MAX_NOTICE_MONTHS = 1200;
export const MAX_NOTICE_DAYS = 3650;
export const MAX_MONTHLY_AMOUNT_CENTS = 1_000_000_000;

export interface ContractTerms {
  startDate: string;
  initialTermMonths: number;
  /** 0 = no tacit renewal. */
  renewalTermMonths: number;
  noticeMonths?: number | null;
  noticeDays?: number | null;
}

export interface CommitmentQuery extends ContractTerms {
  asOf: string;
  /** Default 0. */
  monthlyAmountCents?: number | null;
  /** Default OTHER. */
  customerCategory?: CustomerCategory | null;
  /** Default none (the protective reading applies). */
  serviceFamily?: ServiceFamily | null;
  waiverSigned?: boolean | null;
  subsidisedDevice?: boolean | null;
}

/** API.md `CommitmentStatus`. */
export interface CommitmentStatus {
  periodIndex: number;
  inInitialTerm: boolean;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  initialTermEnd: string;
  noticeDeadline: string;
  nextNoticeDeadline: string | null;
  earliestEndDate: string;
  nextRenewalDate: string | null;
  remainingCycles: number;
  earlyTerminationFeeCents: number;
}

export interface Period {
  index: number;
  start: string;
  /** Inclusive. */
  end: string;
}

/** One period end for finance's renewal schedule. */
export interface RenewalEvent {
  periodIndex: number;
  periodEnd: string;
  noticeDeadline: string;
  /** First day of the following period; null when renewalTermMonths is 0 (the contract ends). */
  nextPeriodStart: string | null;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** A date argument that is not a real date of the supported years. */
export function dateMessage(): Text {
  return text(
    `doit être une date réelle au format AAAA-MM-JJ (années ${MIN_YEAR} à ${MAX_YEAR}).`,
    `must be a real calendar date in YYYY-MM-DD form (years ${MIN_YEAR} to ${MAX_YEAR})`,
  );
}

function given(v: unknown): boolean {
  return v !== null && v !== undefined;
}

/** How the French messages name each number the terms hold, and its unit. */
const NUMBER_LABELS: Record<string, { fr: string; unitFr: string; unitEn: string }> = {
  initialTermMonths: { fr: "La durée d'engagement initiale", unitFr: "mois", unitEn: "months" },
  renewalTermMonths: { fr: "La durée de renouvellement", unitFr: "mois", unitEn: "months" },
  noticeMonths: { fr: "Le préavis", unitFr: "mois", unitEn: "months" },
  noticeDays: { fr: "Le préavis", unitFr: "jours", unitEn: "days" },
  monthlyAmountCents: { fr: "Le montant mensuel", unitFr: "centimes", unitEn: "cents" },
};

/** Pushes an error unless `v` is an integer in [min, max]. */
function checkInt(errors: FieldError[], field: string, v: unknown, min: number, max: number): void {
  const label = NUMBER_LABELS[field] ?? { fr: "La valeur", unitFr: "unités", unitEn: "units" };
  if (typeof v !== "number" || !Number.isInteger(v)) {
    errors.push({
      field,
      message: text(`${label.fr} doit être un nombre entier de ${label.unitFr}.`, `must be a whole number of ${label.unitEn}`),
    });
  } else if (v < min) {
    errors.push({ field, message: text(`${label.fr} doit valoir au moins ${min} (reçu : ${v}).`, `must be at least ${min}`) });
  } else if (v > max) {
    errors.push({ field, message: text(`${label.fr} ne peut pas dépasser ${max} (reçu : ${v}).`, `must be at most ${max}`) });
  }
}

/** `1 month`, `3 months`. */
function months(n: number): string {
  return n === 1 ? "1 month" : `${n} months`;
}

/**
 * **(convention, SPEC section 3)** A notice longer than the shortest period it governs is refused:
 * noticeMonths above the initial term, or above a non-zero renewal term; noticeDays above 31 days
 * per month of that shortest period. A notice equal to the period is allowed.
 */
function noticeLongerThanPeriod(terms: ContractTerms): FieldError[] {
  const I = terms.initialTermMonths;
  const R = terms.renewalTermMonths;
  const shortest = R > 0 ? Math.min(I, R) : I;
  const which =
    R > 0 && R < I
      ? { fr: `la durée de renouvellement (${R} mois)`, en: `the renewal term (${months(R)})` }
      : { fr: `la durée d'engagement initiale (${I} mois)`, en: `the initial term (${months(I)})` };
  const notice = { months: terms.noticeMonths ?? null, days: terms.noticeDays ?? null };
  if (notice.months !== null && notice.months > shortest) {
    return [
      {
        field: "noticeMonths",
        message: text(
          `Le préavis de ${notice.months} mois est plus long que ${which.fr} : un préavis ne peut pas dépasser la plus courte période qu'il régit.`,
          `A notice of ${months(notice.months)} is longer than ${which.en}: a notice may not exceed the shortest period it governs.`,
        ),
      },
    ];
  }
  if (notice.days !== null && notice.days > 31 * shortest) {
    return [
      {
        field: "noticeDays",
        message: text(
          `Le préavis de ${notice.days} jours est plus long que ${which.fr}, soit ${31 * shortest} jours au plus : un préavis ne peut pas dépasser la plus courte période qu'il régit.`,
          `A notice of ${notice.days} days is longer than ${which.en}, at most ${31 * shortest} days: a notice may not exceed the shortest period it governs.`,
        ),
      },
    ];
  }
  return [];
}

export function validateContractTerms(terms: ContractTerms): FieldError[] {
  const errors: FieldError[] = [];
  const startOk = parseLocalDate(terms.startDate) >= 0;
  if (!startOk) errors.push({ field: "startDate", message: dateMessage() });
  const before = errors.length;
  checkInt(errors, "initialTermMonths", terms.initialTermMonths, 1, MAX_TERM_MONTHS);
  const initialOk = errors.length === before;
  checkInt(errors, "renewalTermMonths", terms.renewalTermMonths, 0, MAX_TERM_MONTHS);
  if (given(terms.noticeMonths)) checkInt(errors, "noticeMonths", terms.noticeMonths, 0, MAX_NOTICE_MONTHS);
  if (given(terms.noticeDays)) checkInt(errors, "noticeDays", terms.noticeDays, 0, MAX_NOTICE_DAYS);
  if (given(terms.noticeMonths) && given(terms.noticeDays)) {
    errors.push({
      field: "noticeDays",
      message: text(
        "Indiquez le préavis en mois (noticeMonths) ou en jours (noticeDays), pas les deux.",
        "give noticeMonths or noticeDays, not both",
      ),
    });
  }
  // Only on terms that are otherwise valid: one answer per mistake.
  if (errors.length === (startOk ? 0 : 1)) errors.push(...noticeLongerThanPeriod(terms));
  if (startOk && initialOk) {
    const p = parseLocalDate(terms.startDate);
    if (edate(packedMonthIndex(p), packedDay(p), terms.initialTermMonths) - 1 > MAX_EPOCH_DAY) {
      errors.push({
        field: "initialTermMonths",
        message: text(
          `La durée d'engagement initiale est trop longue : elle se terminerait après le 31/12/${MAX_YEAR}.`,
          `is too long: the initial term would end after ${MAX_YEAR}-12-31`,
        ),
      });
    }
  }
  return errors;
}

/** One of `allowed`, in both languages. */
function oneOfMessage(allowed: readonly string[]): Text {
  return text(`doit être l'une des valeurs ${allowed.join(", ")}.`, `must be one of ${allowed.join(", ")}`);
}

function booleanMessage(): Text {
  return text("doit valoir true ou false.", "must be true or false");
}

export function validateCommitmentQuery(q: CommitmentQuery): FieldError[] {
  const errors = validateContractTerms(q);
  if (parseLocalDate(q.asOf) < 0) errors.push({ field: "asOf", message: dateMessage() });
  if (given(q.monthlyAmountCents)) {
    checkInt(errors, "monthlyAmountCents", q.monthlyAmountCents, 0, MAX_MONTHLY_AMOUNT_CENTS);
  }
  const categoryOk = !given(q.customerCategory) || isCustomerCategory(q.customerCategory);
  if (!categoryOk) errors.push({ field: "customerCategory", message: oneOfMessage(CUSTOMER_CATEGORIES) });
  const familyOk = !given(q.serviceFamily) || isServiceFamily(q.serviceFamily);
  if (!familyOk) errors.push({ field: "serviceFamily", message: oneOfMessage(SERVICE_FAMILIES) });
  if (given(q.waiverSigned) && typeof q.waiverSigned !== "boolean") {
    errors.push({ field: "waiverSigned", message: booleanMessage() });
  }
  if (given(q.subsidisedDevice) && typeof q.subsidisedDevice !== "boolean") {
    errors.push({ field: "subsidisedDevice", message: booleanMessage() });
  }
  if (
    categoryOk &&
    familyOk &&
    q.initialTermMonths > PROTECTED_MAX_INITIAL_TERM_MONTHS &&
    !errors.some((e) => e.field === "initialTermMonths") &&
    isProtected(q.customerCategory, q.serviceFamily, q.waiverSigned)
  ) {
    errors.push(protectedTermError("initialTermMonths", q.initialTermMonths, q.customerCategory));
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Numeric core on validated terms. A Plan is the only allocation besides the result.
// ---------------------------------------------------------------------------------------------

interface Plan {
  startEpoch: number;
  sMi: number; // month index of S
  sDay: number; // day of month of S
  I: number;
  R: number;
  nM: number; // notice months (0 when none or given in days)
  nD: number; // notice days (0 when none or given in months)
}

function planOf(terms: ContractTerms): Plan {
  const p = parseLocalDate(terms.startDate);
  return {
    startEpoch: epochDayOfPacked(p),
    sMi: packedMonthIndex(p),
    sDay: packedDay(p),
    I: terms.initialTermMonths,
    R: terms.renewalTermMonths,
    nM: terms.noticeMonths ?? 0,
    nD: terms.noticeDays ?? 0,
  };
}

/** Epoch day of boundary(k). */
function boundary(pl: Plan, k: number): number {
  return k === 0 ? pl.startEpoch : edate(pl.sMi, pl.sDay, pl.I + (k - 1) * pl.R);
}

/** Epoch day of period k's notice deadline. */
function deadline(pl: Plan, k: number): number {
  const mi = pl.sMi + pl.I + k * pl.R; // boundary(k+1)'s month
  const dim = daysInMonthIndex(mi);
  const day = Math.min(pl.sDay, dim);
  if (pl.nM === 0) return epochDayOfMonthIndex(mi, day) - pl.nD - 1;
  // EDATE(boundary(k+1), -n): clamp boundary's own day again in the earlier month.
  const mi2 = mi - pl.nM;
  const dim2 = daysInMonthIndex(mi2);
  return epochDayOfMonthIndex(mi2, Math.min(day, dim2)) - 1;
}

/** Period index of a date `elapsed` whole months after S: no walk over periods. */
function periodOfElapsed(pl: Plan, elapsed: number): number {
  return elapsed < pl.I || pl.R === 0 ? 0 : 1 + Math.floor((elapsed - pl.I) / pl.R);
}

/** Largest m with EDATE(S, m) <= the packed date p (epoch day e); -1 before S, so cycle 0 is still to come. */
function elapsedMonths(pl: Plan, p: number, e: number): number {
  return e < pl.startEpoch ? -1 : wholeMonthsFrom(pl.sMi, pl.sDay, packedMonthIndex(p), packedDay(p));
}

/** Cycles m with asOf < EDATE(S, m) < boundary(k+1) = EDATE(S, I + kR). */
function cyclesLeft(pl: Plan, k: number, elapsed: number): number {
  const n = pl.I + k * pl.R - elapsed - 1;
  return Math.max(n, 0);
}

/** Period index of an epoch day (any date: before S is period 0). */
function periodIndexAtEpoch(pl: Plan, e: number): number {
  if (e < pl.startEpoch) return 0;
  const p = packedFromEpochDay(e);
  return periodOfElapsed(pl, wholeMonthsFrom(pl.sMi, pl.sDay, packedMonthIndex(p), packedDay(p)));
}

/**
 * Index of the first period whose notice deadline is >= r (epoch day), or -1 when none (R = 0 and
 * the single deadline passed). Deadlines strictly increase with k when R >= 1, so the estimate
 * (the period containing "r + notice") is off by at most one; the loops correct it.
 */
function firstDeadlineIndex(pl: Plan, r: number): number {
  // `<= 0` keeps a negative renewal from unchecked input from looping forever.
  if (pl.R <= 0) return deadline(pl, 0) >= r ? 0 : -1;
  let target = r + pl.nD;
  if (pl.nM > 0) {
    const p = packedFromEpochDay(r);
    target = edate(packedMonthIndex(p), packedDay(p), pl.nM);
  }
  let j = periodIndexAtEpoch(pl, target);
  while (j > 0 && deadline(pl, j - 1) >= r) j--;
  while (deadline(pl, j) < r) j++;
  return j;
}

/** 20% of an amount in cents, rounded to the cent, half up (amount >= 0). */
function twentyPercent(cents: number): number {
  return Math.floor((cents * 2 + 5) / 10);
}

function tooLate(): DomainValidationError {
  return new DomainValidationError({
    field: "asOf",
    message: text(
      `est trop loin dans le futur pour ces conditions : les dates d'engagement dépasseraient le 31/12/${MAX_YEAR}.`,
      `is too far in the future for these terms: the commitment dates would pass ${MAX_YEAR}-12-31`,
    ),
  });
}

/**
 * `computeCommitment` without validation, for bulk use on stored, already-validated contracts.
 * Pass only input that `validateCommitmentQuery` accepts: results for anything else are unspecified.
 */
export function computeCommitmentUnchecked(q: CommitmentQuery): CommitmentStatus {
  const pl = planOf(q);
  const { I, R } = pl;
  const asP = parseLocalDate(q.asOf);
  const asE = epochDayOfPacked(asP);
  const elapsed = elapsedMonths(pl, asP, asE);
  const k = periodOfElapsed(pl, elapsed);

  const start = boundary(pl, k);
  const next = boundary(pl, k + 1);
  const initialEnd = k === 0 ? next - 1 : edate(pl.sMi, pl.sDay, I) - 1;
  const j = firstDeadlineIndex(pl, asE);
  const earliestEnd = R === 0 ? initialEnd : j === k ? next - 1 : boundary(pl, j + 1) - 1;
  if (earliestEnd > MAX_EPOCH_DAY || (R > 0 && next > MAX_EPOCH_DAY)) throw tooLate();

  const deadlineK = deadline(pl, k);
  const cycles = cyclesLeft(pl, k, elapsed);
  const monthly = q.monthlyAmountCents ?? 0;
  const standardFee = monthly * cycles;
  let fee = standardFee;
  if (k === 0 && I > 12 && isProtected(q.customerCategory, q.serviceFamily, q.waiverSigned)) {
    const device = q.subsidisedDevice === true;
    if (asE >= edate(pl.sMi, pl.sDay, 12) - 1) {
      fee = device ? twentyPercent(standardFee) : 0;
    } else {
      // elapsed <= 11 here, so cycles elapsed+1 .. 11 are the ones before the 12-month boundary.
      const protectedFee = monthly * (11 - elapsed) + (device ? twentyPercent(monthly * (I - 12)) : 0);
      fee = Math.min(protectedFee, standardFee);
    }
  }

  return {
    periodIndex: k,
    inInitialTerm: k === 0,
    currentPeriodStart: formatEpochDay(start),
    currentPeriodEnd: formatEpochDay(next - 1),
    initialTermEnd: formatEpochDay(initialEnd),
    noticeDeadline: formatEpochDay(deadlineK),
    nextNoticeDeadline: j < 0 ? null : formatEpochDay(j === k ? deadlineK : deadline(pl, j)),
    earliestEndDate: formatEpochDay(earliestEnd),
    nextRenewalDate: R === 0 ? null : formatEpochDay(next),
    remainingCycles: cycles,
    earlyTerminationFeeCents: fee,
  };
}

/** The commitment status as of `q.asOf` (API.md `CommitmentStatus`). Throws DomainValidationError. */
export function computeCommitment(q: CommitmentQuery): CommitmentStatus {
  throwIfAny(validateCommitmentQuery(q));
  return computeCommitmentUnchecked(q);
}

/** The fee owed if the last day of service is `q.asOf`, after the legal cap. */
export function earlyTerminationFeeCents(q: CommitmentQuery): number {
  return computeCommitment(q).earlyTerminationFeeCents;
}

// ---------------------------------------------------------------------------------------------
// Period helpers on validated terms (each validates and throws DomainValidationError).
// ---------------------------------------------------------------------------------------------

function checkedPlan(terms: ContractTerms): Plan {
  throwIfAny(validateContractTerms(terms));
  return planOf(terms);
}

function checkedDate(field: string, value: string): number {
  const p = parseLocalDate(value);
  if (p < 0) throw new DomainValidationError({ field, message: dateMessage() });
  return epochDayOfPacked(p);
}

function checkIndex(pl: Plan, k: number, max: number): void {
  if (!Number.isSafeInteger(k) || k < 0 || (pl.R === 0 && k > max)) {
    throw new RangeError(`no period ${String(k)}${pl.R === 0 ? " (the contract does not renew)" : ""}`);
  }
}

function format(e: number): string {
  if (e > MAX_EPOCH_DAY) throw new RangeError(`the date would pass ${MAX_YEAR}-12-31`);
  return formatEpochDay(e);
}

/** SPEC boundary(k): S for k = 0, EDATE(S, I + (k-1)R) after. With R = 0 only k = 0 and 1 exist. */
export function periodBoundary(terms: ContractTerms, k: number): string {
  const pl = checkedPlan(terms);
  checkIndex(pl, k, 1);
  return format(boundary(pl, k));
}

/**
 * Last day of the initial term: EDATE(S, I) − 1 (SPEC section 3; a term ends the day before the
 * same-numbered day). The one definition used by quotes, signing and contracts.
 */
export function initialTermEnd(terms: Pick<ContractTerms, "startDate" | "initialTermMonths">): string {
  const pl = checkedPlan({ startDate: terms.startDate, initialTermMonths: terms.initialTermMonths, renewalTermMonths: 0 });
  return format(boundary(pl, 1) - 1);
}

/** The period containing `date`; a date before the start, or after a non-renewing term, is period 0. */
export function periodAt(terms: ContractTerms, date: string): Period {
  const pl = checkedPlan(terms);
  const k = periodIndexAtEpoch(pl, checkedDate("date", date));
  return { index: k, start: format(boundary(pl, k)), end: format(boundary(pl, k + 1) - 1) };
}

/** Last day a notice can be received to stop renewal at the end of period k. */
export function noticeDeadline(terms: ContractTerms, k: number): string {
  const pl = checkedPlan(terms);
  checkIndex(pl, k, 0);
  return format(deadline(pl, k));
}

/**
 * Last day of service for a notice received on `receivedOn`: the end of the first period whose
 * deadline is >= receivedOn. With R = 0, the initial term end whatever the date.
 */
export function terminationEffect(terms: ContractTerms, receivedOn: string): string {
  const pl = checkedPlan(terms);
  const r = checkedDate("receivedOn", receivedOn);
  if (pl.R === 0) return format(boundary(pl, 1) - 1);
  return format(boundary(pl, firstDeadlineIndex(pl, r) + 1) - 1);
}

/** Cycles m with asOf < EDATE(S, m) < the day after the current period's end. */
export function remainingCycles(terms: ContractTerms, asOf: string): number {
  const pl = checkedPlan(terms);
  const e = checkedDate("asOf", asOf);
  const elapsed = elapsedMonths(pl, parseLocalDate(asOf), e);
  return cyclesLeft(pl, periodOfElapsed(pl, elapsed), elapsed);
}

/** L215-1: the reminder is due from 3 months to 1 month before the notice deadline. */
export function renewalReminderWindow(noticeDeadline: string): { from: string; to: string } {
  const p = parseLocalDate(noticeDeadline);
  if (p < 0) throw new DomainValidationError({ field: "noticeDeadline", message: dateMessage() });
  const mi = packedMonthIndex(p);
  const d = packedDay(p);
  return { from: format(edate(mi, d, -3)), to: format(edate(mi, d, -1)) };
}

/**
 * Whether L215-1 requires a renewal reminder for this category (CONSUMER and NON_PROFIT). It only
 * matters for tacitly renewed contracts: the caller checks renewalTermMonths > 0.
 */
export function requiresRenewalReminder(category: CustomerCategory): boolean {
  return category === "CONSUMER" || category === "NON_PROFIT";
}

/**
 * Every period end in [from, to] (inclusive), in order, for finance's renewal schedule. Jumps to
 * the period containing `from`, so a long-running contract costs only the events returned.
 */
export function renewalEvents(terms: ContractTerms, from: string, to: string): RenewalEvent[] {
  const pl = checkedPlan(terms);
  const errors: FieldError[] = [];
  const fp = parseLocalDate(from);
  const tp = parseLocalDate(to);
  if (fp < 0) errors.push({ field: "from", message: dateMessage() });
  if (tp < 0) errors.push({ field: "to", message: dateMessage() });
  else if (fp >= 0 && tp < fp) {
    errors.push({ field: "to", message: text("ne doit pas précéder la date de début (from).", "must not be before from") });
  }
  throwIfAny(errors);
  const f = epochDayOfPacked(fp);
  const t = epochDayOfPacked(tp);
  const events: RenewalEvent[] = [];
  for (let k = periodIndexAtEpoch(pl, f); ; k++) {
    const next = boundary(pl, k + 1);
    const end = next - 1;
    if (end > t) break;
    if (end >= f) {
      if (pl.R > 0 && next > MAX_EPOCH_DAY) {
        throw new DomainValidationError({
          field: "to",
          message: text(
            `est trop tardive : la période suivante commencerait après le 31/12/${MAX_YEAR}.`,
            `is too late: the next period would start after ${MAX_YEAR}-12-31`,
          ),
        });
      }
      events.push({
        periodIndex: k,
        periodEnd: format(end),
        noticeDeadline: format(deadline(pl, k)),
        nextPeriodStart: pl.R === 0 ? null : format(next),
      });
    }
    if (pl.R === 0) break;
  }
  return events;
}
