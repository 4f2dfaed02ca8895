import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "../../../server/src/domain/calendar.js";
import { CUSTOMER_CATEGORIES, SERVICE_FAMILIES } from "../../../server/src/domain/catalogue.js";
import { renewalEvents, validateContractTerms } from "../../../server/src/domain/commitment.js";
import { contractStatusOn, lastScheduledDay, scheduledPeriodEnd } from "../../../server/src/domain/renewal-schedule.js";
import { decodeScheduleCursor, encodeScheduleCursor } from "../../../server/src/services/renewal-schedule/schedule-cursor.js";
import {
  type ScheduleEvent,
  ScheduleIndexBuilder,
  scheduleIndex,
  schedulePageOf,
} from "../../../server/src/services/renewal-schedule/schedule-index.js";
import type { ScheduleReminderRow, ScheduleRow } from "../../../server/src/services/renewal-schedule/schedule-queries.js";

/**
 * The schedule's index against the plainest possible schedule: for every contract, every event of
 * `renewalEvents` up to its end date, made into an API event with the domain's rules, the whole
 * list sorted by (periodEnd, contractId). Paging through the index with any page sizes, cursor to
 * cursor, must give exactly that list.
 */
function naiveSchedule(
  rows: readonly ScheduleRow[],
  window: { from: string; to: string },
  reminders: readonly ScheduleReminderRow[],
  today: string,
): ScheduleEvent[] {
  const events: ScheduleEvent[] = [];
  for (const row of rows) {
    const last = lastScheduledDay(row.endDate, window.to);
    if (last < window.from) continue;
    for (const event of renewalEvents(row, window.from, last)) {
      const { nextPeriodStart, reminderRequired, reminderWindow } = scheduledPeriodEnd(row, event);
      const sent = reminders.find((r) => r.contractId === row.contractId && r.periodIndex === event.periodIndex);
      events.push({
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
        reminderWindowStart: reminderWindow?.from ?? null,
        reminderWindowEnd: reminderWindow?.to ?? null,
        reminderSentOn: sent?.sentOn ?? null,
        contractStatus: contractStatusOn(row, today),
      });
    }
  }
  return events.sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.contractId - b.contractId));
}

const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays("1995-01-01", n));

const terms = fc.record({
  initialTermMonths: fc.constantFrom(1, 3, 6, 12, 24, 36, 48),
  renewalTermMonths: fc.constantFrom(0, 1, 3, 6, 12, 24),
  notice: fc.oneof(
    fc.constant({ noticeMonths: null, noticeDays: null }),
    fc.constantFrom(0, 1, 2, 3).map((noticeMonths) => ({ noticeMonths, noticeDays: null })),
    fc.constantFrom(0, 10, 15, 30, 90).map((noticeDays) => ({ noticeMonths: null, noticeDays })),
  ),
});

/** A contract: any valid terms, start and state; ended or given notice with an end date anywhere around. */
const contract = fc
  .record({
    customerId: fc.integer({ min: 1, max: 6 }),
    customerCategory: fc.constantFrom(...CUSTOMER_CATEGORIES),
    family: fc.constantFrom(...SERVICE_FAMILIES),
    startDate: day,
    terms,
    monthlyAmountCents: fc.integer({ min: 0, max: 1_000_000 }),
    state: fc.oneof(
      fc.constant({ status: "ACTIVE" as const, endDate: null }),
      day.map((endDate) => ({ status: "NOTICE_RECEIVED" as const, endDate })),
      day.map((endDate) => ({ status: "ENDED" as const, endDate })),
      day.map((endDate) => ({ status: "ACTIVE" as const, endDate })),
    ),
  })
  .filter((c) => validateContractTerms({ startDate: c.startDate, ...c.terms, ...c.terms.notice }).length === 0);

/** Contracts with distinct ids, in any order (the index sorts them itself when needed). */
const book = fc
  .uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 0, maxLength: 40 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(contract, { minLength: ids.length, maxLength: ids.length })))
  .map(([ids, contracts]): ScheduleRow[] =>
    contracts.map((c, i) => ({
      contractId: ids[i] as number,
      customerId: c.customerId,
      customerName: `Customer ${c.customerId}`,
      customerCategory: c.customerCategory,
      offerCode: `OFFER-${c.family}`,
      offerName: `Offer ${c.family}`,
      family: c.family,
      startDate: c.startDate,
      initialTermMonths: c.terms.initialTermMonths,
      renewalTermMonths: c.terms.renewalTermMonths,
      noticeMonths: c.terms.notice.noticeMonths,
      noticeDays: c.terms.notice.noticeDays,
      monthlyAmountCents: c.monthlyAmountCents,
      status: c.state.status,
      endDate: c.state.endDate,
    })),
  );

const window = fc
  .tuple(day, fc.integer({ min: 0, max: 119 }), fc.integer({ min: 0, max: 27 }))
  .map(([from, months, days]) => ({ from, to: addDays(addMonths(from, months), days) }));

/** Reminders recorded for some periods (and some for periods outside the window, which must not show). */
const remindersOf = (rows: readonly ScheduleRow[]) =>
  fc
    .array(
      fc.record({
        row: fc.integer({ min: 0, max: Math.max(0, rows.length - 1) }),
        periodIndex: fc.integer({ min: 0, max: 30 }),
        sentOn: day,
      }),
      { maxLength: rows.length === 0 ? 0 : 30 },
    )
    .map((picked) => {
      const seen = new Set<string>();
      const reminders: ScheduleReminderRow[] = [];
      for (const p of picked) {
        const row = rows[p.row];
        if (!row || seen.has(`${row.contractId}|${p.periodIndex}`)) continue;
        seen.add(`${row.contractId}|${p.periodIndex}`);
        reminders.push({ contractId: row.contractId, periodIndex: p.periodIndex, sentOn: p.sentOn });
      }
      return reminders;
    });

describe("the renewal schedule's index, paged with any page sizes", () => {
  it("gives every event of the naive schedule exactly once, in order, cursor after cursor", () => {
    fc.assert(
      fc.property(
        book.chain((rows) => fc.tuple(fc.constant(rows), window, remindersOf(rows), day)),
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 8 }),
        ([rows, win, reminders, today], pageSizes) => {
          const expected = naiveSchedule(rows, win, reminders, today);
          const index = scheduleIndex(rows, win, reminders);
          const seen: ScheduleEvent[] = [];
          let after: ReturnType<typeof decodeScheduleCursor> = null;
          for (let page = 0; ; page++) {
            const first = pageSizes[page % pageSizes.length] as number;
            const result = schedulePageOf(index, { first, after }, today);
            expect(result.totalCount).toBe(expected.length);
            expect(result.events.length).toBe(Math.min(first, expected.length - seen.length));
            seen.push(...result.events);
            expect(result.hasNextPage).toBe(seen.length < expected.length);
            if (!result.hasNextPage) break;
            // The client only ever has the cursor text.
            after = decodeScheduleCursor(encodeScheduleCursor(result.events.at(-1) as ScheduleEvent));
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is the same index when built from slices of contracts (as the service reads a large window)", () => {
    fc.assert(
      fc.property(
        book.chain((rows) => fc.tuple(fc.constant(rows), window, remindersOf(rows), day)),
        fc.integer({ min: 1, max: 7 }),
        ([rows, win, reminders, today], sliceSize) => {
          const sorted = [...rows].sort((a, b) => a.contractId - b.contractId);
          const builder = new ScheduleIndexBuilder(win);
          for (let i = 0; i < sorted.length; i += sliceSize) {
            const slice = sorted.slice(i, i + sliceSize);
            const ids = new Set(slice.map((row) => row.contractId));
            builder.add(
              slice,
              reminders.filter((r) => ids.has(r.contractId)),
            );
          }
          const sliced = schedulePageOf(builder.finish(), { first: 10_000 }, today);
          expect(sliced).toEqual(schedulePageOf(scheduleIndex(rows, win, reminders), { first: 10_000 }, today));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses slices out of contract id order (events within a day would lose their order)", () => {
    const builder = new ScheduleIndexBuilder({ from: "2025-01-01", to: "2025-12-31" });
    const [row] = fc.sample(
      book.filter((rows) => rows.length > 0),
      1,
    )[0] as ScheduleRow[];
    builder.add([row as ScheduleRow]);
    expect(() => builder.add([row as ScheduleRow])).toThrow(/ascending contract id order/);
  });

  it("answers an empty page (first: 0) with the window's total and whether events follow", () => {
    fc.assert(
      fc.property(
        book.chain((rows) => fc.tuple(fc.constant(rows), window, day)),
        ([rows, win, today]) => {
          const expected = naiveSchedule(rows, win, [], today);
          const result = schedulePageOf(scheduleIndex(rows, win), { first: 0 }, today);
          expect(result).toEqual({ totalCount: expected.length, events: [], hasNextPage: expected.length > 0 });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("continues exactly after a cursor even when the event it names is no longer in the index", () => {
    const rows: ScheduleRow[] = [1, 2, 3].map((contractId) => ({
      contractId,
      customerId: 1,
      customerName: "Customer 1",
      customerCategory: "OTHER",
      offerCode: "OFFER",
      offerName: "Offer",
      family: "IP_ACCESS_WIRED",
      startDate: "2024-01-15",
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeMonths: 1,
      noticeDays: null,
      monthlyAmountCents: 100,
      status: "ACTIVE",
      endDate: null,
    }));
    const win = { from: "2025-01-01", to: "2027-12-31" };
    const all = schedulePageOf(scheduleIndex(rows, win), { first: 100 }, "2025-01-01").events;
    // Contract 2 ends meanwhile: a page after its event continues with contract 3's.
    const without2 = scheduleIndex(
      rows.filter((r) => r.contractId !== 2),
      win,
    );
    const afterTwo = schedulePageOf(
      without2,
      { first: 100, after: { periodEnd: "2025-01-14", contractId: 2, periodIndex: 0 } },
      "2025-01-01",
    );
    expect(afterTwo.events.map((e) => [e.periodEnd, e.contractId])).toEqual(
      all
        .filter((e) => e.contractId !== 2 && (e.periodEnd > "2025-01-14" || e.contractId > 2))
        .map((e) => [e.periodEnd, e.contractId]),
    );
  });
});

describe("schedule cursors", () => {
  it("read back what they carry, and refuse anything else", () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 10_000 }),
        (periodEnd, contractId, periodIndex) => {
          expect(decodeScheduleCursor(encodeScheduleCursor({ periodEnd, contractId, periodIndex }))).toEqual({
            periodEnd,
            contractId,
            periodIndex,
          });
        },
      ),
    );
    const forged = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    for (const cursor of [
      "",
      "not a cursor!",
      forged("2025-02-30|1|0"),
      forged("2025-01-01|0|0"),
      forged(`2025-01-01|${2 ** 31}|0`),
      forged("2025-01-01|1|-1"),
      forged("2025-01-01|1"),
    ]) {
      expect(decodeScheduleCursor(cursor), cursor).toBeNull();
    }
  });
});
