/**
 * The pure half of the renewal schedule: rows of `schedule-queries.ts` → the events of one
 * page, in (periodEnd, contractId, periodIndex) order. No I/O.
 *
 * Every event of the window is needed for `totalCount` and for the order, but only a page is
 * returned: indexing keeps a few numbers per event (sort key, period, dates as epoch days), a
 * page's events are then built from them and the window's contracts, kept as columns. A contract has at most one period ending on a given day, so
 * (periodEnd, contractId) already orders events totally; periodIndex rides along in the cursor.
 */
import { epochDayOf, fromEpochDay, todayInParis } from "../../domain/calendar.js";
import { type RenewalEvent, renewalEvents, renewalReminderWindow } from "../../domain/commitment.js";
import { contractStatusOn, lastScheduledDay, scheduledPeriodEnd } from "../../domain/renewal-schedule.js";
import type { ContractStatus } from "../../entities/contract.entity.js";
import { type ScheduleCursor, sortKeyOf, sortKeyOfDay } from "./schedule-cursor.js";
import type { ScheduleReminderRow, ScheduleRow } from "./schedule-queries.js";

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

export interface ScheduleEventsPage {
  totalCount: number;
  events: ScheduleEvent[];
  hasNextPage: boolean;
}

function toScheduleEvent(
  row: KeptContract,
  event: RenewalEvent,
  today: string,
  reminderWindowOf: (noticeDeadline: string) => { from: string; to: string } = renewalReminderWindow,
): ScheduleEvent {
  const { nextPeriodStart, reminderRequired, reminderWindow: window } = scheduledPeriodEnd(row, event, reminderWindowOf);
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
    contractStatus: contractStatusOn(row, today),
  };
}

/**
 * Every event of a window in schedule order, in flat typed arrays (no object per event): built
 * once per window, each contract's events derived in one `renewalEvents` call and its dates kept
 * as epoch days; sliced into pages by `schedulePageOf`, which formats only the page's dates.
 */
export interface ScheduleIndex {
  /** Sort key of each event, ascending (cursors are found by binary search). */
  keys: Float64Array;
  /** Each event's contract, as an index into `contracts`. */
  row: Int32Array;
  period: Int32Array;
  /** Epoch days of periodEnd, noticeDeadline and nextPeriodStart (-1 when null). */
  end: Int32Array;
  deadline: Int32Array;
  nextStart: Int32Array;
  contracts: KeptContracts;
  /** Recorded reminders by contract id (small integer keys: a fast lookup for every event of a page). */
  reminders: Map<number, ScheduleReminderRow[]>;
  /**
   * Dates as text by epoch day, and L215-1 windows by notice deadline, filled as pages need them:
   * a window has a few hundred distinct days, so its events share their date strings.
   */
  dayTexts: Map<number, string>;
  reminderWindows: Map<string, { from: string; to: string }>;
}

type KeptCustomer = Pick<ScheduleRow, "customerId" | "customerName" | "customerCategory">;
type KeptOffer = Pick<ScheduleRow, "offerCode" | "offerName" | "family">;
/** What a page needs of a contract of the window. */
type KeptContract = KeptCustomer & KeptOffer & Pick<ScheduleRow, "contractId" | "monthlyAmountCents" | "status" | "endDate">;

/**
 * The contracts of a window as columns: a page needs only a few of a row's columns, and the rows
 * as read (15 properties, their own date and status strings) would be kept for every later page.
 * Customers and offers are shared by reference, status and end-date strings interned.
 */
export class KeptContracts {
  private readonly contractId: number[] = [];
  private readonly amount: number[] = [];
  private readonly customer: KeptCustomer[] = [];
  private readonly offer: KeptOffer[] = [];
  private readonly status: ScheduleRow["status"][] = [];
  private readonly endDate: (string | null)[] = [];
  private readonly customers = new Map<number, KeptCustomer>();
  private readonly offers = new Map<string, KeptOffer>();
  private readonly texts = new Map<string, string>();

  get length(): number {
    return this.contractId.length;
  }

  /** Keeps a contract; returns its index. */
  push(row: ScheduleRow): number {
    let customer = this.customers.get(row.customerId);
    if (
      customer === undefined ||
      customer.customerName !== row.customerName ||
      customer.customerCategory !== row.customerCategory
    ) {
      customer = { customerId: row.customerId, customerName: row.customerName, customerCategory: row.customerCategory };
      this.customers.set(row.customerId, customer);
    }
    let offer = this.offers.get(row.offerCode);
    if (offer === undefined || offer.offerName !== row.offerName || offer.family !== row.family) {
      offer = { offerCode: row.offerCode, offerName: row.offerName, family: row.family };
      this.offers.set(row.offerCode, offer);
    }
    this.contractId.push(row.contractId);
    this.amount.push(row.monthlyAmountCents);
    this.customer.push(customer);
    this.offer.push(offer);
    this.status.push(this.intern(row.status) as ScheduleRow["status"]);
    this.endDate.push(row.endDate === null ? null : this.intern(row.endDate));
    return this.contractId.length - 1;
  }

  idOf(r: number): number {
    return this.contractId[r] as number;
  }

  /** The contract kept at index `r`, as a fresh object. */
  at(r: number): KeptContract {
    const customer = this.customer[r] as KeptCustomer;
    const offer = this.offer[r] as KeptOffer;
    return {
      contractId: this.contractId[r] as number,
      customerId: customer.customerId,
      customerName: customer.customerName,
      customerCategory: customer.customerCategory,
      offerCode: offer.offerCode,
      offerName: offer.offerName,
      family: offer.family,
      monthlyAmountCents: this.amount[r] as number,
      status: this.status[r] as ScheduleRow["status"],
      endDate: this.endDate[r] as string | null,
    };
  }

  private intern(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }
}

const NO_DAY = -1_000_000_000;

function sentOnOf(reminders: Map<number, ScheduleReminderRow[]>, contractId: number, periodIndex: number): string | null {
  const recorded = reminders.get(contractId);
  if (recorded === undefined) return null;
  for (const reminder of recorded) if (reminder.periodIndex === periodIndex) return reminder.sentOn;
  return null;
}

/** Epoch day of a `YYYY-MM-DD` the domain formatted (any year 0..9999: a deadline may precede 1900). */
function epochDayOfText(s: string): number {
  const digit = (i: number) => s.charCodeAt(i) - 48;
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return epochDayOf(y, digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
}

/**
 * Indexes the events of [from, to] (inclusive): a contract contributes its period ends up to its
 * end date. `from` and `to` must be valid dates with from <= to (the service checks them).
 */
export function scheduleIndex(
  contractRows: readonly ScheduleRow[],
  window: { from: string; to: string },
  reminderRows: readonly ScheduleReminderRow[] = [],
): ScheduleIndex {
  // Events are bucketed by day, which keeps their order within a day: contract id order.
  const rows = contractRows.every((row, i) => i === 0 || (contractRows[i - 1] as ScheduleRow).contractId < row.contractId)
    ? contractRows
    : [...contractRows].sort((a, b) => a.contractId - b.contractId);
  const builder = new ScheduleIndexBuilder(window);
  builder.add(rows, reminderRows);
  return builder.finish();
}

/**
 * Builds a `ScheduleIndex` from slices of contracts given in ascending id order (with their
 * reminders), so the service can read and index a large window a slice at a time and let other
 * requests run in between. Each slice's rows become a few numbers per event at once: the rows read
 * from the database die young, and only the compact arrays and the kept columns (`KeptContracts`) grow.
 */
export class ScheduleIndexBuilder {
  private readonly contracts = new KeptContracts();
  private readonly reminders = new Map<number, ScheduleReminderRow[]>();
  // Every event in contract order, dates as epoch days (4 bytes each, not a JS array's 8).
  private readonly evRow = new IntColumn();
  private readonly evPeriod = new IntColumn();
  private readonly evEnd = new IntColumn();
  private readonly evDeadline = new IntColumn();
  private readonly evNext = new IntColumn();
  private lastId = Number.NEGATIVE_INFINITY;

  constructor(private readonly window: { from: string; to: string }) {}

  /** The next contracts, ids ascending and above every id added before, and their recorded reminders. */
  add(slice: readonly ScheduleRow[], reminderRows: readonly ScheduleReminderRow[] = []): void {
    for (const r of reminderRows) {
      const recorded = this.reminders.get(r.contractId);
      if (recorded) recorded.push(r);
      else this.reminders.set(r.contractId, [r]);
    }
    const { from, to } = this.window;
    for (const row of slice) {
      if (row.contractId <= this.lastId) throw new Error("Schedule rows must come in ascending contract id order");
      this.lastId = row.contractId;
      const last = lastScheduledDay(row.endDate, to);
      if (last < from) continue;
      const r = this.contracts.push(row);
      for (const event of renewalEvents(row, from, last)) {
        this.evRow.push(r);
        this.evPeriod.push(event.periodIndex);
        this.evEnd.push(epochDayOfText(event.periodEnd));
        this.evDeadline.push(epochDayOfText(event.noticeDeadline));
        this.evNext.push(event.nextPeriodStart === null ? NO_DAY : epochDayOfText(event.nextPeriodStart));
      }
    }
  }

  /** The index, events in schedule order (a counting sort by period end: O(events), stable). */
  finish(): ScheduleIndex {
    const { contracts } = this;
    const count = this.evRow.length;
    const [evRow, evPeriod, evEnd, evDeadline, evNext] = [
      this.evRow,
      this.evPeriod,
      this.evEnd,
      this.evDeadline,
      this.evNext,
    ].map((column) => column.values()) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    const firstDay = epochDayOfText(this.window.from);
    const slots = new Int32Array(epochDayOfText(this.window.to) - firstDay + 2);
    for (let i = 0; i < count; i++) slots[(evEnd[i] as number) - firstDay + 1] += 1;
    for (let d = 1; d < slots.length; d++) slots[d] += slots[d - 1] as number;
    const index: ScheduleIndex = {
      keys: new Float64Array(count),
      row: new Int32Array(count),
      period: new Int32Array(count),
      end: new Int32Array(count),
      deadline: new Int32Array(count),
      nextStart: new Int32Array(count),
      contracts,
      reminders: this.reminders,
      dayTexts: new Map(),
      reminderWindows: new Map(),
    };
    for (let i = 0; i < count; i++) {
      const day = evEnd[i] as number;
      const at = (slots[day - firstDay] as number) + 0;
      slots[day - firstDay] = at + 1;
      const r = evRow[i] as number;
      index.keys[at] = sortKeyOfDay(day, contracts.idOf(r));
      index.row[at] = r;
      index.period[at] = evPeriod[i] as number;
      index.end[at] = day;
      index.deadline[at] = evDeadline[i] as number;
      index.nextStart[at] = evNext[i] as number;
    }
    return index;
  }
}

/** A growing column of 32-bit integers. */
class IntColumn {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed (a view on the column's buffer). */
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
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
  const total = index.keys.length;
  const start = page.after ? firstKeyAfter(index.keys, sortKeyOf(page.after)) : 0;
  const end = Math.min(total, start + page.first);
  const text = (day: number): string => {
    let value = index.dayTexts.get(day);
    if (value === undefined) {
      value = fromEpochDay(day);
      index.dayTexts.set(day, value);
    }
    return value;
  };
  const reminderWindowOf = (noticeDeadline: string) => {
    let window = index.reminderWindows.get(noticeDeadline);
    if (window === undefined) {
      window = renewalReminderWindow(noticeDeadline);
      index.reminderWindows.set(noticeDeadline, window);
    }
    return window;
  };
  const events: ScheduleEvent[] = new Array(end - start);
  for (let i = start; i < end; i++) {
    const row = index.contracts.at(index.row[i] as number);
    const next = index.nextStart[i] as number;
    const event: RenewalEvent = {
      periodIndex: index.period[i] as number,
      periodEnd: text(index.end[i] as number),
      noticeDeadline: text(index.deadline[i] as number),
      nextPeriodStart: next === NO_DAY ? null : text(next),
    };
    const scheduleEvent = toScheduleEvent(row, event, today, reminderWindowOf);
    scheduleEvent.reminderSentOn = sentOnOf(index.reminders, row.contractId, event.periodIndex);
    events[i - start] = scheduleEvent;
  }
  return { totalCount: total, events, hasNextPage: end < total };
}
