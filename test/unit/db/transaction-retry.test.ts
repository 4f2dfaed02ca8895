import { describe, expect, it } from "vitest";
import {
  DatabaseContentionError,
  MAX_CONFLICT_ATTEMPTS,
  MAX_LOST_CONNECTION_ATTEMPTS,
  retryDecision,
  type TransactionPhase,
} from "../../../server/src/db/transaction-retry.js";
import { isDatabaseUnavailable } from "../../../server/src/db/unavailable.js";

/** Errors as TypeORM throws them: a QueryFailedError copying the driver error's code (and keeping it as driverError). */
const failed = (code: string, errno?: number) => {
  const driverError = Object.assign(new Error(code), { code, errno });
  return Object.assign(new Error(`QueryFailedError: ${code}`), { code, errno, driverError });
};
const decide = (error: unknown, phase: TransactionPhase, attempt = 1, elapsedMs = 0) =>
  retryDecision(error, phase, attempt, elapsedMs, 5_000, () => 0.5);

describe("which failed transactions are tried again", () => {
  it.each<[string, TransactionPhase, string]>([
    // A concurrent write on another Galera node won certification: COMMIT fails with a deadlock error.
    ["ER_LOCK_DEADLOCK", "commit", "certification failure"],
    ["ER_LOCK_DEADLOCK", "work", "deadlock"],
    ["ER_LOCK_WAIT_TIMEOUT", "work", "lock wait timeout"],
    ["ER_CHECKREAD", "work", "deadlock"],
    // The node went away before COMMIT was sent: nothing committed, the next attempt goes to another host.
    ["ECONNRESET", "work", "connection lost before commit"],
    ["PROTOCOL_CONNECTION_LOST", "begin", "connection lost before commit"],
    ["ER_UNKNOWN_COM_ERROR", "work", "connection lost before commit"],
  ])("%s during %s: retried (%s)", (code, phase, reason) => {
    expect(decide(failed(code), phase)).toMatchObject({ kind: "retry", reason });
  });

  it("never retries a connection lost during COMMIT: the outcome is unknown, the client must retry with its idempotency key", () => {
    const error = failed("PROTOCOL_CONNECTION_LOST");
    expect(decide(error, "commit")).toEqual({ kind: "fail", error });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("never retries what a new attempt cannot change", () => {
    for (const error of [
      failed("ER_DUP_ENTRY"),
      failed("ER_NO_SUCH_TABLE"),
      new Error("a bug"),
      { message: "not even an Error" },
    ]) {
      expect(decide(error, "work")).toEqual({ kind: "fail", error });
    }
  });

  it("backs off exponentially, with jitter, up to a quarter of a second", () => {
    const pauses = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => {
      const decision = retryDecision(failed("ER_LOCK_DEADLOCK"), "commit", attempt, 0, 5_000, () => 0.5);
      return decision.kind === "retry" ? decision.pauseMs : -1;
    });
    expect(pauses).toEqual([5, 10, 20, 40, 80, 160, 250, 250]);
    const jittered = retryDecision(failed("ER_LOCK_DEADLOCK"), "commit", 3, 0, 5_000, () => 0.99);
    expect(jittered).toMatchObject({ kind: "retry", pauseMs: 20 * 1.49 });
  });

  it("gives up after the last attempt or past the time budget; contention then reads as a 503 (nothing was written)", () => {
    const last = decide(failed("ER_LOCK_DEADLOCK"), "commit", MAX_CONFLICT_ATTEMPTS);
    expect(last.kind).toBe("fail");
    const error = (last as { error: unknown }).error;
    expect(error).toBeInstanceOf(DatabaseContentionError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(decide(failed("ER_LOCK_DEADLOCK"), "work", 2, 5_000).kind).toBe("fail");
    expect(decide(failed("ECONNRESET"), "work", MAX_LOST_CONNECTION_ATTEMPTS).kind).toBe("fail");
    expect(decide(failed("ECONNRESET"), "work", 1, 5_000).kind).toBe("fail");
  });
});
