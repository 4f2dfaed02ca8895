import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "../../db/database.js";
import { isValidLocalDate, MIN_YEAR, monthsBetween, todayInParis } from "../../domain/calendar.js";
import type { ServiceFamily } from "../../domain/catalogue.js";
import { type FieldError, throwIfAny } from "../../domain/errors.js";
import { betweenMessage } from "../../domain/messages.js";
import { text } from "../../domain/text.js";
import { type ChangeCounterService, SCHEDULE_CHANGES } from "../change-counter.js";
import type { Page } from "../page.js";
import { decodeScheduleCursor, encodeScheduleCursor, type ScheduleCursor } from "./schedule-cursor.js";
import { type ScheduleEvent, type ScheduleIndex, ScheduleIndexBuilder, schedulePageOf } from "./schedule-index.js";
import { type RenewalScheduleFilter, scheduleReader } from "./schedule-queries.js";

export const DEFAULT_SCHEDULE_PAGE = 500;
export const MAX_SCHEDULE_PAGE = 5000;
/** The longest window: 10 years (to must be before EDATE(from, 120)). */
export const MAX_SCHEDULE_WINDOW_MONTHS = 120;

export interface RenewalScheduleArgs {
  from: string;
  to: string;
  families?: readonly ServiceFamily[] | null;
  customerId?: number | null;
  first?: number | null;
  after?: string | null;
}

export type RenewalSchedulePage = Page<"events", ScheduleEvent>;

/** How long the later pages of a paged pull may be served from the snapshot its first page took. */
export const SCHEDULE_SNAPSHOT_TTL_MS = 120_000;
const MAX_SNAPSHOTS = 4;
/**
 * Contracts read and indexed between two turns of the event loop. SQLite reads synchronously, so a
 * slice is one piece of work: 1,000 contracts is about 6–8 ms at 100,000 contracts (2,000 took
 * 11–16 ms). MySQL rows arrive asynchronously (only the indexing of a slice is synchronous), and
 * every slice is a round trip to the server: fewer, larger slices.
 */
export const SCHEDULE_SLICE = { sqlite: 1000, mysql: 2000 } as const;
/** A page of at least this many events lets other requests run before its answer is built. */
const YIELD_FROM_EVENTS = 1000;
/** Attempts at indexing a window while schedule changes keep landing in the middle of it. */
const MAX_INDEX_ATTEMPTS = 3;

/**
 * Finance's renewal schedule: every period end in a window, with its notice deadline, renewal
 * and L215-1 reminder. Two set-based raw queries whatever the number of contracts: the contracts
 * of the window and their recorded reminders (none on a page served from a snapshot).
 *
 * A first page (no `after`) always reads the database and indexes every event of the window;
 * when more pages follow, that index is kept for a short while so the next pages (same window
 * and filters, with a cursor) are slices of it instead of a new scan of every contract: a paged
 * pull costs about one scan, and sees one consistent state. Cursors carry the sort key, so a page
 * whose snapshot has expired (or was taken by another server process) is recomputed and still
 * continues exactly after the cursor. A snapshot serves only while the database's count of schedule
 * changes (a signing, a termination notice or a reminder, through any server process) is the one
 * read before it was taken (services/change-counter.ts).
 */
export class RenewalScheduleService {
  private readonly snapshots = new Map<string, { index: ScheduleIndex; expiresAt: number; changes: number }>();

  constructor(
    private readonly database: Database,
    private readonly changes: ChangeCounterService,
  ) {}

  async page(args: RenewalScheduleArgs, today = todayInParis()): Promise<RenewalSchedulePage> {
    const { first, after } = validateScheduleArgs(args);
    const customerId = args.customerId ?? null;

    const window = { from: args.from, to: args.to };
    const families = args.families && args.families.length > 0 ? [...new Set(args.families)].sort() : null;
    const snapshotKey = JSON.stringify([window.from, window.to, families, customerId, today]);
    // Read before the rows: a change committed after this read makes the count differ next time.
    let changes = await this.changes.total(SCHEDULE_CHANGES);
    let index = after ? this.snapshot(snapshotKey, changes) : undefined;
    for (let attempt = 1; !index; attempt++) {
      index = await this.indexWindow({ ...window, families, customerId });
      // The slices are separate reads: a change committed between two of them could mix two
      // states in one answer, so index again when one landed (the count only grows).
      const now = await this.changes.total(SCHEDULE_CHANGES);
      if (now !== changes && attempt < MAX_INDEX_ATTEMPTS) {
        changes = now;
        index = undefined;
      }
    }
    const page = schedulePageOf(index, { first, after }, today);
    // Building a large page's events and then its answer are two pieces of synchronous work: let
    // the requests that arrived meanwhile run in between (a 5000-event page is about 5 ms here).
    if (page.events.length >= YIELD_FROM_EVENTS) await nextTurn();
    if (page.hasNextPage) this.keepSnapshot(snapshotKey, index, changes);
    const last = page.events.at(-1);
    return {
      totalCount: page.totalCount,
      events: page.events,
      endCursor: last ? encodeScheduleCursor(last) : null,
      hasNextPage: page.hasNextPage,
    };
  }

  /** Every event of the window, read and indexed a slice of contracts at a time, yielding in between. */
  private async indexWindow(filter: RenewalScheduleFilter): Promise<ScheduleIndex> {
    const builder = new ScheduleIndexBuilder(filter);
    const reader = await scheduleReader(this.database.manager, filter);
    for (let afterId: number | null = 0; reader && afterId !== null; ) {
      const { rows, lastId } = await reader.contracts(afterId, SCHEDULE_SLICE[this.database.kind]);
      builder.add(rows, await reader.reminders(rows));
      afterId = lastId;
      if (lastId !== null) await nextTurn();
    }
    return builder.finish();
  }

  private snapshot(key: string, changes: number, now = Date.now()): ScheduleIndex | undefined {
    const entry = this.snapshots.get(key);
    if (entry && entry.expiresAt > now && entry.changes === changes) return entry.index;
    this.snapshots.delete(key);
    return undefined;
  }

  private keepSnapshot(key: string, index: ScheduleIndex, changes: number, now = Date.now()): void {
    if (this.snapshots.get(key)?.index === index) return; // a later page of the same pull: keep its expiry
    this.snapshots.delete(key);
    this.snapshots.set(key, { index, expiresAt: now + SCHEDULE_SNAPSHOT_TTL_MS, changes });
    for (const [oldKey, entry] of this.snapshots) {
      if (this.snapshots.size > MAX_SNAPSHOTS || entry.expiresAt <= now) this.snapshots.delete(oldKey);
    }
  }
}

/** Window of at most 10 years with from <= to, page size 0..5000, and a cursor of this schedule. */
export function validateScheduleArgs(args: RenewalScheduleArgs): { first: number; after: ScheduleCursor | null } {
  const errors: FieldError[] = [];
  const dateMessage = text(
    `doit être une date AAAA-MM-JJ à partir de ${MIN_YEAR}.`,
    `must be a calendar date YYYY-MM-DD from ${MIN_YEAR}`,
  );
  const fromOk = isValidLocalDate(args.from);
  if (!fromOk) errors.push({ field: "from", message: dateMessage });
  if (!isValidLocalDate(args.to)) errors.push({ field: "to", message: dateMessage });
  else if (fromOk && args.to < args.from) {
    errors.push({ field: "to", message: text("ne doit pas précéder la date de début (from).", "must not be before from") });
  } else if (fromOk && monthsBetween(args.from, args.to) >= MAX_SCHEDULE_WINDOW_MONTHS) {
    errors.push({
      field: "to",
      message: text(
        "est trop éloignée de la date de début (from) : la fenêtre couvre au plus 10 ans.",
        "is too far from from: the window may span at most 10 years",
      ),
    });
  }
  const first = args.first ?? DEFAULT_SCHEDULE_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_SCHEDULE_PAGE) {
    errors.push({ field: "first", message: betweenMessage(0, MAX_SCHEDULE_PAGE) });
  }
  let after: ScheduleCursor | null = null;
  if (args.after !== null && args.after !== undefined) {
    after = decodeScheduleCursor(args.after);
    if (after === null) {
      errors.push({
        field: "after",
        message: text("n'est pas un curseur de l'échéancier des renouvellements.", "is not a cursor of the renewal schedule"),
      });
    }
  }
  throwIfAny(errors);
  return { first, after };
}
