/**
 * Idempotency keys for mutations that must happen once (signing a quote, creating a record): one
 * key per attempt. A click starts an attempt with a fresh key; while an attempt's outcome is
 * unknown (the answer was lost: timeout, network, a server fault), the next click with the same
 * payload is a retry of it and sends the same key, so the server answers with the first result
 * instead of acting twice. An answer, or a refusal after which the server surely did nothing,
 * settles the attempt: the next click is a new one.
 */
import { ApiError } from "./client.js";

/** A random key (UUID v4 where the browser has crypto.randomUUID). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Refusals after which the server surely did not act (it checks these before writing anything). */
const NOT_DONE = new Set<ApiError["kind"]>([
  "BAD_USER_INPUT",
  "CONFLICT",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "NOT_FOUND",
  "RATE_LIMITED",
]);

/** True when `error` says the mutation surely did not happen; false when it may have (lost answer). */
export function surelyNotDone(error: unknown): boolean {
  return error instanceof ApiError && NOT_DONE.has(error.kind);
}

export class AttemptKeys {
  private pending: { payload: string; key: string } | null = null;

  constructor(private readonly fresh: () => string = newIdempotencyKey) {}

  /**
   * Sends one attempt: `send` gets the key (the unsettled attempt's when the payload is the same,
   * else a new one). Settled when the answer comes or the refusal is one that did nothing.
   */
  async attempt<T>(payload: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(payload);
    try {
      const result = await send(key);
      this.settle();
      return result;
    } catch (error) {
      if (surelyNotDone(error)) this.settle();
      throw error;
    }
  }

  /** The key for this payload: the unsettled attempt's key when it is the same payload, else a new one. */
  keyFor(payload: unknown): string {
    const id = JSON.stringify(payload);
    if (this.pending?.payload !== id) this.pending = { payload: id, key: this.fresh() };
    return this.pending.key;
  }

  /** The last attempt's outcome is known, or no longer matters (another quote shown): the next click is a new attempt. */
  settle(): void {
    this.pending = null;
  }
}
