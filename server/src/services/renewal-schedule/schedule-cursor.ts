/**
 * The renewal schedule's order and its cursors. Events are ordered by (periodEnd, contractId); a
 * contract has at most one period ending on a given day, so that pair orders them totally, and
 * periodIndex rides along in the cursor. A cursor is opaque to clients: base64url of
 * "periodEnd|contractId|periodIndex". The benchmark's raw-SQL floor uses these same functions.
 */
import { epochDayOf, epochDayOfPacked, MIN_YEAR, parseLocalDate } from "../../domain/calendar.js";

/** The position of an event in the schedule's order: what a cursor carries. */
export interface ScheduleCursor {
  periodEnd: string;
  contractId: number;
  periodIndex: number;
}

// Sort key = (epoch day of periodEnd + DAY_BIAS) × 2^31 + contractId: below 2^53 for every date
// up to 9999-12-31 and every 32-bit id, so one float compares like the (periodEnd, contractId) pair.
export const ID_SPACE = 2 ** 31;
export const DAY_BIAS = -epochDayOf(MIN_YEAR, 1, 1);

/** The sort key of an event whose period ends on the epoch day `endDay`. */
export function sortKeyOfDay(endDay: number, contractId: number): number {
  return (endDay + DAY_BIAS) * ID_SPACE + contractId;
}

/** The sort key of the event a cursor names. */
export function sortKeyOf(cursor: Pick<ScheduleCursor, "periodEnd" | "contractId">): number {
  return sortKeyOfDay(epochDayOfPacked(parseLocalDate(cursor.periodEnd)), cursor.contractId);
}

/** The cursor of an event (its `endCursor` when it ends a page). */
export function encodeScheduleCursor(event: ScheduleCursor): string {
  return Buffer.from(`${event.periodEnd}|${event.contractId}|${event.periodIndex}`, "utf8").toString("base64url");
}

/** The cursor's position, or null when the text is not a schedule cursor. */
export function decodeScheduleCursor(cursor: string): ScheduleCursor | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return null;
  const match = /^(\d{4}-\d{2}-\d{2})\|([1-9]\d{0,9})\|(0|[1-9]\d{0,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || parseLocalDate(match[1]) < 0) return null;
  const contractId = Number(match[2]);
  if (contractId >= ID_SPACE) return null;
  return { periodEnd: match[1] as string, contractId, periodIndex: Number(match[3]) };
}
