/**
 * Intervention sheets (SPEC section 7, API.md "Intervention sheets"): the status is derived from
 * stored facts (sent, signed, contested dates) and an `asOf` date, never stored, so no background
 * job is needed and nothing is lost while the server is down.
 *
 * Conventions fixed here (docs/rules.md "Maintenance"):
 * - PAPER: DRAFT until its signing date, SIGNED from that date on.
 * - ELECTRONIC sent on D: DRAFT before D (it was not sent yet), AWAITING_CONTEST_WINDOW from D to
 *   D+5, DEEMED_ACCEPTED from D+6. The 5 days are calendar days, the sending day not counted.
 * - A contest received on r is accepted when D ≤ r ≤ D+5. API.md names D+1 … D+5; a contest on
 *   the sending day itself is obviously within 5 days of sending, so it is accepted too.
 *   A contested sheet is CONTESTED from r on (and DRAFT/AWAITING before r, as the facts then were).
 * - Validated = SIGNED or DEEMED_ACCEPTED: what such a sheet says can no longer be edited.
 *   It is validated on its signing date (PAPER) or on D+6 (ELECTRONIC, not contested).
 *
 * No Node-only imports: the add-in may bundle this module.
 */
import { addDays, compareLocalDates } from "./calendar.js";
import { type Text, text } from "./text.js";

export const INTERVENTION_MEDIUMS = ["PAPER", "ELECTRONIC"] as const;
export type InterventionMedium = (typeof INTERVENTION_MEDIUMS)[number];

export const INTERVENTION_SHEET_STATUSES = [
  "DRAFT",
  "SIGNED",
  "AWAITING_CONTEST_WINDOW",
  "CONTESTED",
  "DEEMED_ACCEPTED",
] as const;
export type InterventionSheetStatus = (typeof INTERVENTION_SHEET_STATUSES)[number];

/** Calendar days the customer has to contest an electronic sheet, the sending day not counted. */
export const CONTEST_WINDOW_DAYS = 5;

/** The stored facts of a sheet that its status depends on (`YYYY-MM-DD` dates). */
export interface SheetFacts {
  medium: InterventionMedium;
  sentOn: string | null;
  signedOn: string | null;
  contestedOn: string | null;
}

/** Last day a contest of a sheet sent on `sentOn` is accepted: sentOn + 5 days. */
export function contestDeadline(sentOn: string): string {
  return addDays(sentOn, CONTEST_WINDOW_DAYS);
}

/** The contest deadline of a sheet, or null when it is PAPER or not sent yet. */
export function sheetContestDeadline(facts: SheetFacts): string | null {
  return facts.medium === "ELECTRONIC" && facts.sentOn ? contestDeadline(facts.sentOn) : null;
}

/** True when a contest received on `receivedOn` is inside the window of a sheet sent on `sentOn`. */
export function isContestInWindow(sentOn: string, receivedOn: string): boolean {
  return compareLocalDates(receivedOn, sentOn) >= 0 && compareLocalDates(receivedOn, contestDeadline(sentOn)) <= 0;
}

const onOrBefore = (fact: string | null, asOf: string): fact is string => fact !== null && compareLocalDates(fact, asOf) <= 0;

/** The status of a sheet as of a date, from its facts only (facts dated after `asOf` are ignored). */
export function sheetStatus(facts: SheetFacts, asOf: string): InterventionSheetStatus {
  if (facts.medium === "PAPER") return onOrBefore(facts.signedOn, asOf) ? "SIGNED" : "DRAFT";
  if (!onOrBefore(facts.sentOn, asOf)) return "DRAFT";
  if (onOrBefore(facts.contestedOn, asOf)) return "CONTESTED";
  return compareLocalDates(asOf, contestDeadline(facts.sentOn)) <= 0 ? "AWAITING_CONTEST_WINDOW" : "DEEMED_ACCEPTED";
}

/** SIGNED and DEEMED_ACCEPTED sheets are validated: they can be billed and no longer edited. */
export function isValidated(status: InterventionSheetStatus): boolean {
  return status === "SIGNED" || status === "DEEMED_ACCEPTED";
}

/**
 * The date a sheet became (or will become, if nothing else happens) validated: its signing date
 * (PAPER), or the day after the contest window (ELECTRONIC, not contested); null otherwise.
 */
export function validatedOn(facts: SheetFacts): string | null {
  if (facts.medium === "PAPER") return facts.signedOn;
  if (!facts.sentOn || facts.contestedOn) return null;
  return addDays(contestDeadline(facts.sentOn), 1);
}

/**
 * Whether what a sheet says may still be edited on `today`: only before it reaches the customer.
 * A PAPER sheet is frozen once signed; an ELECTRONIC one once sent (the customer's 5-day window
 * runs on the content sent, so changing it afterwards would void the deemed acceptance), and
 * therefore also once contested or deemed accepted. Returns why not, or null when editable.
 */
export function whyNotEditable(facts: SheetFacts, today: string): Text | null {
  const status = sheetStatus(facts, today);
  if (status === "SIGNED") {
    return text(
      `la fiche a été signée le ${facts.signedOn} : une fiche signée est validée`,
      `the sheet was signed on ${facts.signedOn}: a signed sheet is validated`,
    );
  }
  if (status === "DEEMED_ACCEPTED") {
    return text(
      `la fiche est réputée acceptée depuis le ${validatedOn(facts)}`,
      `the sheet was deemed accepted on ${validatedOn(facts)}`,
    );
  }
  if (status === "CONTESTED") {
    return text(`la fiche a été contestée le ${facts.contestedOn}`, `the sheet was contested on ${facts.contestedOn}`);
  }
  if (status === "AWAITING_CONTEST_WINDOW") {
    return text(`la fiche a été envoyée au client le ${facts.sentOn}`, `the sheet was sent to the customer on ${facts.sentOn}`);
  }
  // Facts dated after today cannot be recorded (the service refuses future dates); be safe anyway.
  if (facts.signedOn || facts.sentOn)
    return text("la fiche a déjà été signée ou envoyée", "the sheet has already been signed or sent");
  return null;
}
