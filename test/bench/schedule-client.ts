import http from "node:http";

/**
 * The renewal schedule through the real HTTP GraphQL endpoint, paged to the end with the largest
 * page the API allows, every field of an event asked for (what finance's export pulls).
 */
export const SCHEDULE_EVENT_FIELDS = [
  "contractId",
  "customerId",
  "customerName",
  "customerCategory",
  "offerCode",
  "offerName",
  "family",
  "periodIndex",
  "periodEnd",
  "noticeDeadline",
  "nextPeriodStart",
  "monthlyAmountCents",
  "reminderRequired",
  "reminderWindowStart",
  "reminderWindowEnd",
  "reminderSentOn",
  "contractStatus",
] as const;

export type ScheduleEvent = Record<(typeof SCHEDULE_EVENT_FIELDS)[number], string | number | boolean | null>;

export const SCHEDULE_QUERY = `query RenewalSchedule($from: LocalDate!, $to: LocalDate!, $first: Int, $after: String) {
  renewalSchedule(from: $from, to: $to, first: $first, after: $after) {
    totalCount
    events { ${SCHEDULE_EVENT_FIELDS.join(" ")} }
    endCursor
    hasNextPage
  }
}`;

export interface ScheduleWindow {
  from: string;
  to: string;
}

export interface ScheduleRun {
  rows: number;
  pages: number;
  bytes: number;
  totalCount: number;
}

interface SchedulePage {
  totalCount: number;
  events: ScheduleEvent[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * One POST on a keep-alive agent of the caller, answering the status and the body's bytes. Each
 * schedule run uses its own agent, closed at its end: a pooled socket left idle while the bench
 * computes the floor would be closed by the server's keep-alive timeout and fail the next request.
 */
export function postRaw(
  agent: http.Agent,
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; body: Buffer }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export async function postGraphQL<T>(
  agent: http.Agent,
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; data: T | undefined; errors: unknown[] | undefined; bytes: number }> {
  const { status, body } = await postRaw(agent, url, token, query, variables);
  const parsed = JSON.parse(body.toString("utf8")) as { data?: T; errors?: unknown[] };
  return { status, data: parsed.data, errors: parsed.errors, bytes: body.length };
}

/**
 * A page's cursor without parsing the page: the client's JSON.parse is not the server's cost, and
 * the floor does not parse either. The response's fields come in the query's order, so endCursor
 * and hasNextPage are at the very end; an `errors` entry would be at the start or the end.
 */
function pageTail(body: Buffer): SchedulePage | null {
  const head = body.subarray(0, 200).toString("latin1");
  const tail = body.subarray(Math.max(0, body.length - 300)).toString("latin1");
  if (!head.startsWith('{"data":{"renewalSchedule":{') || head.includes('"errors"') || tail.includes('"errors"')) return null;
  const match = /"endCursor":(null|"([A-Za-z0-9_-]*)"),"hasNextPage":(true|false)\}\}\}\s*$/.exec(tail);
  if (!match) return null;
  return { totalCount: -1, events: [], endCursor: match[2] ?? null, hasNextPage: match[3] === "true" };
}

/**
 * Pages through the whole window. With `onEvents` every page is parsed and its events handed
 * over (the correctness check); without, pages are not parsed (the timed runs).
 */
export async function fetchSchedule(
  url: string,
  token: string,
  window: ScheduleWindow,
  pageSize: number,
  onEvents?: (events: ScheduleEvent[]) => void,
): Promise<ScheduleRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let after: string | null = null;
  const run: ScheduleRun = { rows: 0, pages: 0, bytes: 0, totalCount: 0 };
  try {
    for (;;) {
      const { status, body } = await postRaw(agent, url, token, SCHEDULE_QUERY, { ...window, first: pageSize, after });
      let page = status === 200 && !onEvents ? pageTail(body) : null;
      if (!page) {
        const parsed = JSON.parse(body.toString("utf8")) as { data?: { renewalSchedule: SchedulePage }; errors?: unknown[] };
        if (status !== 200 || parsed.errors || !parsed.data) {
          throw new Error(`renewalSchedule page ${run.pages + 1} failed (HTTP ${status}): ${JSON.stringify(parsed.errors)}`);
        }
        page = parsed.data.renewalSchedule;
        run.rows += page.events.length;
        run.totalCount = page.totalCount;
        onEvents?.(page.events);
      }
      run.pages += 1;
      run.bytes += body.length;
      if (!page.hasNextPage) return run;
      if (page.endCursor === null || page.endCursor === after)
        throw new Error("renewalSchedule: hasNextPage without a new endCursor");
      after = page.endCursor;
    }
  } finally {
    agent.destroy();
  }
}

/**
 * The largest `first` the server accepts for the full event selection, at most `max`: the API
 * caps the page size, and the server's query-cost limit may refuse a smaller page before any
 * work. Probed by bisection on an empty window (the cost check does not depend on the data).
 */
export async function largestAcceptedPage(url: string, token: string, max: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const accepted = async (first: number) => {
    const response = await postGraphQL(agent, url, token, SCHEDULE_QUERY, { from: "1900-01-01", to: "1900-01-01", first });
    return response.status === 200 && !response.errors;
  };
  try {
    return await bisect(accepted, max);
  } finally {
    agent.destroy();
  }
}

async function bisect(accepted: (n: number) => Promise<boolean>, max: number): Promise<number> {
  if (await accepted(max)) return max;
  let low = 1;
  let high = max;
  if (!(await accepted(low))) throw new Error("renewalSchedule refuses even a page of 1 event");
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (await accepted(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * An order-independent digest of a set of events (FNV-1a of each event's fields, summed), so the
 * GraphQL side and the raw floor can be checked to compute the very same events.
 */
export class EventDigest {
  count = 0;
  sum = 0;

  add(events: readonly ScheduleEvent[]): void {
    for (const event of events) {
      let h = 0x811c9dc5;
      for (const field of SCHEDULE_EVENT_FIELDS) {
        const s = `${event[field]}|`;
        for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      }
      this.sum = (this.sum + (h >>> 0)) % 0x1_0000_0000;
      this.count += 1;
    }
  }

  equals(other: EventDigest): boolean {
    return this.count === other.count && this.sum === other.sum;
  }
}
