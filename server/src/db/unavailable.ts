/**
 * Errors that mean "the database cannot be reached right now" (as opposed to a bad query): the
 * API answers them with HTTP 503 and code DATABASE_UNAVAILABLE, and the next request simply tries
 * again (the mysql2 pool drops dead connections and opens new ones when the server is back).
 */
const UNAVAILABLE_CODES = new Set([
  // Network and sockets (mysql2 passes Node's codes through).
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // mysql2 protocol state.
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR",
  "PROTOCOL_ENQUEUE_AFTER_QUIT",
  // MySQL / MariaDB server answers.
  "ER_SERVER_SHUTDOWN",
  "ER_CON_COUNT_ERROR",
  "ER_TOO_MANY_USER_CONNECTIONS",
  "CR_SERVER_GONE_ERROR",
  "CR_SERVER_LOST",
  "CR_CONNECTION_ERROR",
  "CR_CONN_HOST_ERROR",
  "ER_QUERY_INTERRUPTED",
  "ER_CONNECTION_KILLED",
  // Galera: a node outside the primary component answers "WSREP has not yet prepared node for
  // application use" (errno 1047); db/mysql-session.ts refuses a node that is not Synced.
  "ER_UNKNOWN_COM_ERROR",
  "WSREP_NOT_READY",
  // Database.transaction gave up on a write that kept meeting concurrent ones: nothing was written.
  "DATABASE_CONTENTION",
  // SQLite: another process holds the write lock past the busy timeout, or the file is gone.
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
]);

const UNAVAILABLE_MESSAGES = [
  /Pool is closed/i,
  /connection is in closed state/i,
  /Can't add new command when connection is in closed state/i,
];

/** Raised when a database call takes longer than we are willing to hold a request. */
export class DatabaseTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the database within ${ms} ms`);
    this.name = "DatabaseTimeoutError";
  }
}

/** True when `error` (or an error it wraps: TypeORM's driverError, a cause, GraphQL's originalError) is an outage. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof candidate.code === "string") {
      const code = candidate.code.startsWith("SQLITE_IOERR") ? "SQLITE_IOERR" : candidate.code;
      if (UNAVAILABLE_CODES.has(code)) return true;
    }
    if (
      typeof candidate.message === "string" &&
      UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))
    ) {
      return true;
    }
    current = candidate.driverError ?? candidate.originalError ?? candidate.cause;
  }
  return false;
}

/** Rejects with DatabaseTimeoutError when `promise` has not settled within `ms`. */
export function withDatabaseTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(what, ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
