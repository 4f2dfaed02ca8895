import { toEpochDay } from "../../server/src/domain/calendar.js";
import type { CustomerCategory } from "../../server/src/domain/catalogue.js";
import { renewalEvents } from "../../server/src/domain/commitment.js";
import {
  type ContractStatus,
  contractStatusOn,
  lastScheduledDay,
  scheduledPeriodEnd,
} from "../../server/src/domain/renewal-schedule.js";
import { encodeScheduleCursor } from "../../server/src/services/renewal-schedule/schedule-cursor.js";
import type { RawDb } from "./raw-db.js";
import type { ScheduleEvent, ScheduleRun, ScheduleWindow } from "./schedule-client.js";

/**
 * The floor of the renewal schedule: what a hand-written program does with the driver alone.
 * ONE SQL query (contract + customer + offer + recorded reminders, LEFT JOIN, in contract id order)
 * on the bench's own better-sqlite3 / mysql2 connection; per contract the same pure domain
 * function as the server (`renewalEvents`) and the same rules (events up to the end date, no
 * renewal once a notice ends the contract, L215-1 reminder window for CONSUMER and NON_PROFIT,
 * status ENDED once the end date has passed); events put in the API's order (period end, then
 * contract id) by a bucket per day; then serialised to JSON in pages of the API's page size, with
 * the same envelope and cursors as the GraphQL response.
 */
interface FloorRow {
  contractId: number;
  customerId: number;
  customerName: string;
  customerCategory: CustomerCategory;
  offerCode: string;
  offerName: string;
  family: string;
  startDate: string;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths: number | null;
  noticeDays: number | null;
  monthlyAmountCents: number;
  status: ContractStatus;
  endDate: string | null;
  reminderPeriod: number | null;
  reminderSentOn: string | null;
}

function floorSql(kind: RawDb["kind"]): string {
  const q = kind === "sqlite" ? (name: string) => `"${name}"` : (name: string) => `\`${name}\``;
  return `SELECT c.id AS contractId, c.${q("customerId")} AS customerId, cu.name AS customerName,
      cu.category AS customerCategory, o.code AS offerCode, o.name AS offerName, o.family AS family,
      c.${q("startDate")} AS startDate, c.${q("initialTermMonths")} AS initialTermMonths,
      c.${q("renewalTermMonths")} AS renewalTermMonths, c.${q("noticeMonths")} AS noticeMonths,
      c.${q("noticeDays")} AS noticeDays, c.${q("monthlyAmountCents")} AS monthlyAmountCents,
      c.status AS status, c.${q("endDate")} AS endDate,
      r.${q("periodIndex")} AS reminderPeriod, r.${q("sentOn")} AS reminderSentOn
    FROM contract c
    JOIN customer cu ON cu.id = c.${q("customerId")}
    JOIN offer o ON o.id = c.${q("offerId")}
    LEFT JOIN renewal_reminder r ON r.${q("contractId")} = c.id
    WHERE c.${q("startDate")} <= ? AND ((c.${q("endDate")} IS NULL AND c.status <> 'ENDED') OR c.${q("endDate")} >= ?)
    ORDER BY c.id`;
}

/** Computes the window's events from the rows of one contract (consecutive rows: one per reminder). */
function contractEvents(rows: FloorRow[], window: ScheduleWindow, today: string, into: ScheduleEvent[][], firstDay: number) {
  const row = rows[0] as FloorRow;
  const last = lastScheduledDay(row.endDate, window.to);
  if (last < window.from) return;
  const status = contractStatusOn(row, today);
  for (const event of renewalEvents(row, window.from, last)) {
    const { nextPeriodStart, reminderRequired, reminderWindow } = scheduledPeriodEnd(row, event);
    let reminderSentOn: string | null = null;
    for (const r of rows) if (r.reminderPeriod === event.periodIndex) reminderSentOn = r.reminderSentOn;
    const day = toEpochDay(event.periodEnd) - firstDay;
    (into[day] as ScheduleEvent[]).push({
      contractId: String(row.contractId),
      customerId: String(row.customerId),
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
      reminderWindowStart: reminderWindow?.from ?? null,
      reminderWindowEnd: reminderWindow?.to ?? null,
      reminderSentOn,
      contractStatus: status,
    });
  }
}

/** Runs the floor once; `onEvents` sees the events in order (for the correctness check). */
export async function rawSchedule(
  db: RawDb,
  window: ScheduleWindow,
  pageSize: number,
  today: string,
  onEvents?: (events: ScheduleEvent[]) => void,
): Promise<ScheduleRun> {
  const rows = await db.all<FloorRow>(floorSql(db.kind), [window.to, window.from]);
  const firstDay = toEpochDay(window.from);
  const days: ScheduleEvent[][] = Array.from({ length: toEpochDay(window.to) - firstDay + 1 }, () => []);
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || (rows[i] as FloorRow).contractId !== (rows[start] as FloorRow).contractId) {
      contractEvents(rows.slice(start, i), window, today, days, firstDay);
      start = i;
    }
  }
  const events = days.flat();
  onEvents?.(events);
  const run: ScheduleRun = { rows: events.length, pages: 0, bytes: 0, totalCount: events.length };
  for (let offset = 0; offset === 0 || offset < events.length; offset += pageSize) {
    const page = events.slice(offset, offset + pageSize);
    const last = page[page.length - 1];
    const body = JSON.stringify({
      data: {
        renewalSchedule: {
          totalCount: events.length,
          events: page,
          endCursor: last
            ? encodeScheduleCursor({
                periodEnd: last.periodEnd as string,
                contractId: Number(last.contractId),
                periodIndex: last.periodIndex as number,
              })
            : null,
          hasNextPage: offset + pageSize < events.length,
        },
      },
    });
    run.pages += 1;
    run.bytes += body.length;
  }
  return run;
}
