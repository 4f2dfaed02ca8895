/**
 * The add-in's GraphQL client: one `fetch` POST to `<server>/graphql` with the user's API token
 * and the pane's language (`Accept-Language`, so the server answers its messages in it).
 * Every failure becomes an ApiError whose `kind` the UI turns into a message people can act on
 * (wrong token, server unreachable or silent, too many requests, which field is wrong, no
 * permission, stale quote). A request that gets no answer within `timeoutMs` is abandoned.
 */

export interface FieldError {
  field: string;
  message: string;
}

export type ApiErrorKind =
  | "UNAUTHENTICATED" // missing, wrong, revoked or expired token
  | "FORBIDDEN" // the token's role may not do this
  | "BAD_USER_INPUT" // validation: see `fields`
  | "CONFLICT" // stale version, or a state that forbids the action (signed, declined …)
  | "NOT_FOUND" // the record asked for does not exist
  | "RATE_LIMITED" // HTTP 429: see `retryAfterSeconds`
  | "UNAVAILABLE" // the server answered but cannot work now (database down: 503)
  | "TIMEOUT" // no answer within the client's timeout
  | "NETWORK" // server unreachable (DNS, refused, offline, CORS, TLS, proxy 502/504)
  | "ABORTED" // cancelled by the user
  | "SERVER"; // anything else the server reported

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly fields: FieldError[];
  readonly status: number | null;
  /** RATE_LIMITED: seconds to wait, from `Retry-After` (or the body's `retryAfterSeconds`). */
  readonly retryAfterSeconds: number | null;
  /** TIMEOUT: how long the request waited. */
  readonly timeoutMs: number | null;
  /** The message is the server's own, written for people in the request's language (not the client's note). */
  readonly fromServer: boolean;

  constructor(
    kind: ApiErrorKind,
    message: string,
    fields: FieldError[] = [],
    status: number | null = null,
    extra: { retryAfterSeconds?: number | null; timeoutMs?: number; fromServer?: boolean } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.fields = fields;
    this.status = status;
    this.retryAfterSeconds = extra.retryAfterSeconds ?? null;
    this.timeoutMs = extra.timeoutMs ?? null;
    this.fromServer = extra.fromServer ?? false;
  }
}

/** How long a request may wait for its answer before it is abandoned as TIMEOUT. */
export const DEFAULT_TIMEOUT_MS = 20_000;

export interface ClientOptions {
  /** Server base URL, e.g. `https://localhost:3000`; GraphQL is at `<serverUrl>/graphql`. */
  serverUrl: string;
  token: string;
  /** Sent as `Accept-Language` (e.g. Office's display language `fr-FR`); omitted when empty. */
  language?: string;
  /** Milliseconds before an unanswered request fails as TIMEOUT (default 20 s). */
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface GraphQLErrorJson {
  message?: string;
  extensions?: { code?: string; fields?: FieldError[]; retryAfterSeconds?: number };
}

/** Server codes that keep their name as the error's kind. */
const KNOWN_CODES = new Set<ApiErrorKind>(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "CONFLICT", "NOT_FOUND"]);
/** Server codes renamed to a kind. */
const CODE_KINDS: Record<string, ApiErrorKind> = { RATE_LIMITED: "RATE_LIMITED", DATABASE_UNAVAILABLE: "UNAVAILABLE" };

/** `<serverUrl>/graphql`, tolerating a trailing slash or an already complete endpoint. */
export function graphqlEndpoint(serverUrl: string): string {
  const base = serverUrl.trim().replace(/\/+$/, "");
  return base.endsWith("/graphql") ? base : `${base}/graphql`;
}

function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: string }).name === "AbortError";
}

/** Seconds of a `Retry-After` header: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The first error of a GraphQL response as an ApiError (the server reports one cause per request). */
export function toApiError(errors: GraphQLErrorJson[], status: number | null, retryAfter: number | null = null): ApiError {
  const first = errors[0] ?? {};
  const code = first.extensions?.code;
  const message = first.message ?? "GraphQL error";
  if (code && KNOWN_CODES.has(code as ApiErrorKind)) {
    const fields = code === "BAD_USER_INPUT" ? (first.extensions?.fields ?? []) : [];
    return new ApiError(code as ApiErrorKind, message, Array.isArray(fields) ? fields : [], status);
  }
  const renamed = code ? CODE_KINDS[code] : undefined;
  if (renamed === "RATE_LIMITED" || status === 429) {
    const seconds = retryAfter ?? first.extensions?.retryAfterSeconds ?? null;
    return new ApiError("RATE_LIMITED", message, [], status, {
      retryAfterSeconds: typeof seconds === "number" ? seconds : null,
    });
  }
  if (renamed) return new ApiError(renamed, message, [], status);
  if (status === 401) return new ApiError("UNAUTHENTICATED", message, [], status);
  if (status === 403) return new ApiError("FORBIDDEN", message, [], status);
  if (status === 503) return new ApiError("UNAVAILABLE", message, [], status);
  return new ApiError("SERVER", message, [], status, { fromServer: first.message !== undefined });
}

export interface GraphQLResult<T> {
  data: T | null;
  /** Errors with their `path`, so a batched request can tell which alias failed. */
  errors: Array<GraphQLErrorJson & { path?: Array<string | number> }>;
  status: number;
}

export interface GraphQLClient {
  readonly endpoint: string;
  /** Data of a request that fully succeeded; any error becomes an ApiError. */
  request<T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
  /**
   * Data and GraphQL errors side by side (batched aliases: which alias failed); throws ApiError only
   * when no GraphQL response came back (network, timeout, HTTP failure without a GraphQL body).
   */
  requestRaw<T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult<T>>;
}

/**
 * One abort signal for a request: the caller's cancel and the timeout. `timedOut()` tells which
 * of the two fired, so a cancel reads ABORTED and a silent server TIMEOUT.
 */
function requestSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (caller?.aborted) controller.abort();
  else caller?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onCallerAbort);
    },
  };
}

export function createClient(options: ClientOptions): GraphQLClient {
  const endpoint = graphqlEndpoint(options.serverUrl);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
    authorization: `Bearer ${options.token}`,
  };
  if (options.language) headers["accept-language"] = options.language;

  async function requestRaw<T>(
    query: string,
    variables: Record<string, unknown> = {},
    requestOptions: RequestOptions = {},
  ): Promise<GraphQLResult<T>> {
    const abort = requestSignal(requestOptions.signal, timeoutMs);
    const failure = (error: unknown): ApiError => {
      if (abort.timedOut()) return new ApiError("TIMEOUT", `no answer within ${timeoutMs} ms`, [], null, { timeoutMs });
      if (isAbort(error)) return new ApiError("ABORTED", "cancelled");
      // fetch rejects only when no HTTP response arrived: refused, DNS, TLS, CORS, offline.
      return new ApiError("NETWORK", error instanceof Error ? error.message : String(error));
    };
    try {
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: "POST",
          headers,
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
      } catch (error) {
        throw failure(error);
      }
      type Body = { data?: T | null; errors?: GraphQLResult<T>["errors"] } | null;
      let body: Body = null;
      try {
        body = (await response.json()) as Body;
      } catch (error) {
        // The body stopped coming (timeout, cancel) or was not JSON (a proxy's HTML page).
        if (abort.signal.aborted) throw failure(error);
        body = null;
      }
      const errors = body && Array.isArray(body.errors) ? body.errors : [];
      const retryAfter = retryAfterSeconds(response.headers.get("retry-after"));
      if (response.status === 429) throw toApiError(errors, 429, retryAfter);
      if (errors.length === 0) {
        if (response.status === 401) throw new ApiError("UNAUTHENTICATED", "unauthenticated", [], 401);
        if (response.status === 403) throw new ApiError("FORBIDDEN", "forbidden", [], 403);
        // A proxy's 502/504 page means the GraphQL server itself is not reachable.
        if (response.status === 502 || response.status === 504) {
          throw new ApiError("NETWORK", `HTTP ${response.status}`, [], response.status);
        }
        if (response.status === 503) throw new ApiError("UNAVAILABLE", "HTTP 503", [], 503);
        if (!response.ok || !body || body.data == null) {
          throw new ApiError("SERVER", `unexpected response (HTTP ${response.status})`, [], response.status);
        }
      }
      return { data: body?.data ?? null, errors, status: response.status };
    } finally {
      abort.done();
    }
  }

  return {
    endpoint,
    requestRaw,
    async request<T>(query: string, variables?: Record<string, unknown>, requestOptions?: RequestOptions): Promise<T> {
      const result = await requestRaw<T>(query, variables, requestOptions);
      if (result.errors.length > 0) throw toApiError(result.errors, result.status);
      return result.data as T;
    },
  };
}
