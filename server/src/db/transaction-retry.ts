import { isDatabaseUnavailable } from "./unavailable.js";

/** Where a transaction was when it failed: only a failure before COMMIT was sent is known not to have committed… */
export type TransactionPhase = "begin" | "work" | "commit";

export type RetryDecision = { kind: "retry"; reason: string; pauseMs: number } | { kind: "fail"; error: unknown };

/**
 * …except these, which the server answers for a transaction it rolled back, whatever the phase:
 * InnoDB's deadlock and lock wait timeout, Galera's certification failure (a deadlock error at
 * COMMIT: a concurrent write on another node came first), and MariaDB's snapshot-isolation
 * refusal of a row changed since it was read.
 */
const CONFLICT_CODES = new Set(["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT", "ER_CHECKREAD"]);

/** Attempts in all for a transaction that keeps meeting concurrent writes. */
export const MAX_CONFLICT_ATTEMPTS = 10;
/** Attempts in all for a transaction whose connection was lost before COMMIT (each goes to the next host). */
export const MAX_LOST_CONNECTION_ATTEMPTS = 3;
const LONGEST_PAUSE_MS = 250;

/** Raised when concurrent writes kept winning: nothing was written, and a later retry can succeed (HTTP 503). */
export class DatabaseContentionError extends Error {
  readonly code = "DATABASE_CONTENTION";
  constructor(
    attempts: number,
    override readonly cause: unknown,
  ) {
    super(`Gave up after ${attempts} attempts that met concurrent writes`);
    this.name = "DatabaseContentionError";
  }
}

function errorCode(error: unknown): string | undefined {
  const wrapped = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = wrapped?.driverError?.code ?? wrapped?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether a failed transaction is tried again, and after what pause. Retries stop after a few
 * attempts or once `budgetMs` has passed since the first one, so a request never waits much
 * longer than one query timeout.
 */
export function retryDecision(
  error: unknown,
  phase: TransactionPhase,
  attempt: number,
  elapsedMs: number,
  budgetMs: number,
  random: () => number = Math.random,
): RetryDecision {
  const code = errorCode(error);
  if (code && CONFLICT_CODES.has(code)) {
    if (attempt >= MAX_CONFLICT_ATTEMPTS || elapsedMs >= budgetMs) {
      return { kind: "fail", error: new DatabaseContentionError(attempt, error) };
    }
    const reason =
      code === "ER_LOCK_WAIT_TIMEOUT" ? "lock wait timeout" : phase === "commit" ? "certification failure" : "deadlock";
    // Exponential back-off with jitter, so the transactions that collided do not collide again.
    const pauseMs = Math.min(LONGEST_PAUSE_MS, 5 * 2 ** (attempt - 1)) * (0.5 + random());
    return { kind: "retry", reason, pauseMs };
  }
  if (phase !== "commit" && isDatabaseUnavailable(error)) {
    if (attempt >= MAX_LOST_CONNECTION_ATTEMPTS || elapsedMs >= budgetMs) return { kind: "fail", error };
    return { kind: "retry", reason: "connection lost before commit", pauseMs: 10 * attempt };
  }
  return { kind: "fail", error };
}
