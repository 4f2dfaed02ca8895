/**
 * Pulls a whole renewal schedule page by page (cursor pagination), reporting progress, so finance
 * can load thousands of events without one huge response.
 */
import { ApiError, type GraphQLClient } from "./client.js";
import { RENEWAL_SCHEDULE, type RenewalEvent, type RenewalScheduleResult, type ServiceFamily } from "./operations.js";

export interface ScheduleFilter {
  from: string;
  to: string;
  families?: ServiceFamily[] | null;
  customerId?: string | null;
}

export interface FetchScheduleOptions {
  pageSize?: number;
  signal?: AbortSignal;
  /** Called after each page with the events so far and the server's total. */
  onPage?: (loaded: number, total: number) => void;
}

export const DEFAULT_PAGE_SIZE = 2000;

export async function fetchRenewalSchedule(
  client: GraphQLClient,
  filter: ScheduleFilter,
  options: FetchScheduleOptions = {},
): Promise<RenewalEvent[]> {
  const events: RenewalEvent[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    if (options.signal?.aborted) throw new ApiError("ABORTED", "cancelled");
    const page: RenewalScheduleResult = await client.request<RenewalScheduleResult>(
      RENEWAL_SCHEDULE,
      {
        from: filter.from,
        to: filter.to,
        families: filter.families && filter.families.length > 0 ? filter.families : null,
        customerId: filter.customerId || null,
        first: options.pageSize ?? DEFAULT_PAGE_SIZE,
        after,
      },
      { signal: options.signal },
    );
    const { events: pageEvents, hasNextPage, endCursor, totalCount } = page.renewalSchedule;
    events.push(...pageEvents);
    options.onPage?.(events.length, totalCount);
    if (!hasNextPage) return events;
    // A cursor that does not move would loop forever: report it instead.
    if (!endCursor || seen.has(endCursor) || pageEvents.length === 0) {
      throw new ApiError("SERVER", "the server's renewal schedule pagination did not advance");
    }
    seen.add(endCursor);
    after = endCursor;
  }
}
