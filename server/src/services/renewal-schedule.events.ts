/**
 * The pure half of the renewal schedule: rows of `renewal-schedule.sql.ts` → the events of one
 * page, in (periodEnd, contractId, periodIndex) order. No I/O.
 *
 * Every event of the window is needed for `totalCount` and for the order, but only a page is
 * returned: indexing keeps one number per event (its sort key), a page's events are then rebuilt
 * from their rows. A contract has at most one period ending on a given day, so
 * (periodEnd, contractId) already orders events totally; periodIndex rides along in the cursor.
 */
import { epochDayOf, epochDayOfPacked, MIN_YEAR, parseLocalDate, todayInParis } from "../domain/calendar.js";
import { type RenewalEvent, renewalEvents, renewalReminderWindow, requiresRenewalReminder } from "../domain/commitment.js";
import type { ContractStatus } from "../entities/contract.entity.js";
import { effectiveContractStatus } from "./commitment-status.js";
import type { ScheduleReminderRow, ScheduleRow } from "./renewal-schedule.sql.js";

/** One period end of one contract, as `RenewalEvent` in the API. */
export interface ScheduleEvent {
  contractId: number;
  customerId: number;
  customerName: string;
  customerCategory: ScheduleRow["customerCategory"];
  offerCode: string;
  offerName: string;
  family: ScheduleRow["family"];
  periodIndex: number;
  periodEnd: string;
  noticeDeadline: string;
  /** First day of the next period; null when the contract does not renew here (renewal 0, or a notice ends it). */
  nextPeriodStart: string | null;
  monthlyAmountCents: number;
  reminderRequired: boolean;
  reminderWindowStart: string | null;
  reminderWindowEnd: string | null;
  /** From the recorded reminders given to `scheduleIndex`. */
  reminderSentOn: string | null;
  contractStatus: ContractStatus;
}

/** The position of an event in the schedule's order: what a cursor carries. */
export interface ScheduleCursor {
  periodEnd: string;
  contractId: number;
  periodIndex: number;
}

export interface ScheduleEventsPage {
  totalCount: number;
  events: ScheduleEvent[];
  hasNextPage: boolean;
}

// Sort key = (epoch day of periodEnd + DAY_BIAS) × 2^31 + contractId: below 2^53 for every date
// up to 9999-12-31 and every 32-bit id, so one float compares like the (periodEnd, contractId) pair.
const ID_SPACE = 2 ** 31;
const DAY_BIAS = -epochDayOf(MIN_YEAR, 1, 1);

function sortKey(periodEnd: string, contractId: number): number {
  return (epochDayOfPacked(parseLocalDate(periodEnd)) + DAY_BIAS) * ID_SPACE + contractId;
}

/** Last day whose events a row contributes: `to`, or its end date when it ends earlier. */
function lastEventDay(row: ScheduleRow, to: string): string {
  return row.endDate !== null && row.endDate < to ? row.endDate : to;
}

function toScheduleEvent(row: ScheduleRow, event: RenewalEvent, today: string): ScheduleEvent {
  const endsHere = row.endDate !== null && event.periodEnd >= row.endDate;
  const nextPeriodStart = endsHere ? null : event.nextPeriodStart;
  const reminderRequired = nextPeriodStart !== null && requiresRenewalReminder(row.customerCategory);
  const window = reminderRequired ? renewalReminderWindow(event.noticeDeadline) : null;
  return {
    contractId: row.contractId,
    customerId: row.customerId,
    customerName: row.customerName,
    customerCategory: row.customerCategory,
    offerCode: row.offerCode,
    offerName: row.offerName,
    family: row.family,
    periodIndex: event.periodIndex,
    periodEnd: event.periodEnd,
    noticeDeadline: event.noticeDeadline,
    nextPeriodStart,
    monthlyAmountCents: row.monthlyAmountCents,
    reminderRequired,
    reminderWindowStart: window?.from ?? null,
    reminderWindowEnd: window?.to ?? null,
    reminderSentOn: null,
    contractStatus: effectiveContractStatus(row, today),
  };
}

/**
 * Every event of a window, as sort keys in schedule order, plus the events themselves: built once
 * per window (each contract's events derived in one call), sliced into pages by `schedulePageOf`.
 */
export interface ScheduleIndex {
  /** Sort keys of every event, ascending. */
  keys: Float64Array;
  /** Each contract with events in the window: its row, and its events in period order. */
  contracts: Map<number, IndexedContract>;
  /** Recorded reminders of the indexed contracts: sentOn by `reminderKey(contractId, periodIndex)`. */
  reminders: Map<number, string>;
}

interface IndexedContract {
  row: ScheduleRow;
  events: RenewalEvent[];
  /** `sortKey` of each event, to find the one a key names without formatting a date. */
  keys: number[];
}

// contractId < 2^31 and periodIndex < 2^21 (1200-month terms over 10,000 years stay far below).
function reminderKey(contractId: number, periodIndex: number): number {
  return contractId * 2 ** 21 + periodIndex;
}

/**
 * Indexes the events of [from, to] (inclusive): a contract contributes its period ends up to its
 * end date. `from` and `to` must be valid dates with from <= to (the service checks them).
 */
export function scheduleIndex(
  rows: readonly ScheduleRow[],
  window: { from: string; to: string },
  reminderRows: readonly ScheduleReminderRow[] = [],
): ScheduleIndex {
  const allKeys: number[] = [];
  const contracts = new Map<number, IndexedContract>();
  const reminders = new Map<number, string>();
  for (const r of reminderRows) reminders.set(reminderKey(r.contractId, r.periodIndex), r.sentOn);
  for (const row of rows) {
    const last = lastEventDay(row, window.to);
    if (last < window.from) continue;
    const events = renewalEvents(row, window.from, last);
    if (events.length === 0) continue;
    const keys = events.map((event) => sortKey(event.periodEnd, row.contractId));
    contracts.set(row.contractId, { row, events, keys });
    for (const key of keys) allKeys.push(key);
  }
  return { keys: Float64Array.from(allKeys).sort(), contracts, reminders };
}

/** Index of the first key greater than `key` (binary search). */
function firstKeyAfter(keys: Float64Array, key: number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((keys[mid] as number) <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** At most `first` events strictly after `after`, from the index; totalCount counts the whole window. */
export function schedulePageOf(
  index: ScheduleIndex,
  page: { first: number; after?: ScheduleCursor | null },
  today: string = todayInParis(),
): ScheduleEventsPage {
  const start = page.after ? firstKeyAfter(index.keys, sortKey(page.after.periodEnd, page.after.contractId)) : 0;
  const end = Math.min(index.keys.length, start + page.first);
  const events: ScheduleEvent[] = new Array(end - start);
  for (let i = start; i < end; i++) {
    const key = index.keys[i] as number;
    const contract = index.contracts.get(key % ID_SPACE) as IndexedContract;
    const event = contract.events[contract.keys.indexOf(key)] as RenewalEvent;
    const scheduleEvent = toScheduleEvent(contract.row, event, today);
    scheduleEvent.reminderSentOn = index.reminders.get(reminderKey(contract.row.contractId, event.periodIndex)) ?? null;
    events[i - start] = scheduleEvent;
  }
  return { totalCount: index.keys.length, events, hasNextPage: end < index.keys.length };
}

/** One page of the events of a window, straight from the rows. */
export function renewalSchedulePage(
  rows: readonly ScheduleRow[],
  window: { from: string; to: string },
  page: { first: number; after?: ScheduleCursor | null },
  today: string = todayInParis(),
): ScheduleEventsPage {
  return schedulePageOf(scheduleIndex(rows, window), page, today);
}

/** Every event of the window in schedule order (one page as large as the window). */
export function renewalScheduleEvents(
  rows: readonly ScheduleRow[],
  window: { from: string; to: string },
  today: string = todayInParis(),
): ScheduleEvent[] {
  return renewalSchedulePage(rows, window, { first: Number.MAX_SAFE_INTEGER }, today).events;
}

// Cursors: opaque to clients, base64url of the sort key "periodEnd|contractId|periodIndex".

export function encodeScheduleCursor(event: Pick<ScheduleEvent, "periodEnd" | "contractId" | "periodIndex">): string {
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
