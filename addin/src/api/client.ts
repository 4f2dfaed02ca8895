/**
 * The add-in's GraphQL client: one `fetch` POST to `<server>/graphql` with the user's API token.
 * Every failure becomes an ApiError whose `kind` the UI turns into a message people can act on
 * (wrong token, server unreachable, which field is wrong, no permission, stale quote).
 */

export interface FieldError {
  field: string;
  message: string;
}

export type ApiErrorKind =
  | "UNAUTHENTICATED" // missing or wrong token
  | "FORBIDDEN" // the token's role may not do this
  | "BAD_USER_INPUT" // validation: see `fields`
  | "CONFLICT" // stale version (someone saved the quote meanwhile)
  | "NETWORK" // server unreachable (DNS, refused, offline, CORS, TLS)
  | "ABORTED" // cancelled by the user
  | "SERVER"; // anything else the server reported

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly fields: FieldError[];
  readonly status: number | null;

  constructor(kind: ApiErrorKind, message: string, fields: FieldError[] = [], status: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.fields = fields;
    this.status = status;
  }
}

export interface ClientOptions {
  /** Server base URL, e.g. `https://localhost:3000`; GraphQL is at `<serverUrl>/graphql`. */
  serverUrl: string;
  token: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface GraphQLErrorJson {
  message?: string;
  extensions?: { code?: string; fields?: FieldError[] };
}

const KNOWN_CODES = new Set<ApiErrorKind>(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "CONFLICT"]);

/** `<serverUrl>/graphql`, tolerating a trailing slash or an already complete endpoint. */
export function graphqlEndpoint(serverUrl: string): string {
  const base = serverUrl.trim().replace(/\/+$/, "");
  return base.endsWith("/graphql") ? base : `${base}/graphql`;
}

function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: string }).name === "AbortError";
}

/** The first error of a GraphQL response as an ApiError (the server reports one cause per request). */
export function toApiError(errors: GraphQLErrorJson[], status: number | null): ApiError {
  const first = errors[0] ?? {};
  const code = first.extensions?.code;
  const message = first.message ?? "GraphQL error";
  if (code && KNOWN_CODES.has(code as ApiErrorKind)) {
    const fields = code === "BAD_USER_INPUT" ? (first.extensions?.fields ?? []) : [];
    return new ApiError(code as ApiErrorKind, message, Array.isArray(fields) ? fields : [], status);
  }
  if (status === 401) return new ApiError("UNAUTHENTICATED", message, [], status);
  if (status === 403) return new ApiError("FORBIDDEN", message, [], status);
  return new ApiError("SERVER", message, [], status);
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
   * when no GraphQL response came back (network, HTTP failure without a GraphQL body).
   */
  requestRaw<T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult<T>>;
}

export function createClient(options: ClientOptions): GraphQLClient {
  const endpoint = graphqlEndpoint(options.serverUrl);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function requestRaw<T>(
    query: string,
    variables: Record<string, unknown> = {},
    requestOptions: RequestOptions = {},
  ): Promise<GraphQLResult<T>> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: requestOptions.signal,
      });
    } catch (error) {
      if (isAbort(error)) throw new ApiError("ABORTED", "cancelled");
      // fetch rejects only when no HTTP response arrived: refused, DNS, TLS, CORS, offline.
      throw new ApiError("NETWORK", error instanceof Error ? error.message : String(error));
    }
    type Body = { data?: T | null; errors?: GraphQLResult<T>["errors"] } | null;
    let body: Body = null;
    try {
      body = (await response.json()) as Body;
    } catch (error) {
      if (isAbort(error)) throw new ApiError("ABORTED", "cancelled");
      body = null;
    }
    const errors = body && Array.isArray(body.errors) ? body.errors : [];
    if (errors.length === 0) {
      if (response.status === 401) throw new ApiError("UNAUTHENTICATED", "unauthenticated", [], 401);
      if (response.status === 403) throw new ApiError("FORBIDDEN", "forbidden", [], 403);
      // A proxy's 502/503/504 page means the GraphQL server itself is not reachable.
      if (response.status === 502 || response.status === 503 || response.status === 504) {
        throw new ApiError("NETWORK", `HTTP ${response.status}`, [], response.status);
      }
      if (!response.ok || !body || body.data == null) {
        throw new ApiError("SERVER", `unexpected response (HTTP ${response.status})`, [], response.status);
      }
    }
    return { data: body?.data ?? null, errors, status: response.status };
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
