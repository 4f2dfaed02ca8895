/**
 * Idempotency keys for mutations that must happen once (signing a quote): one key per attempt.
 * A click starts an attempt with a fresh key; while an attempt's outcome is unknown (the answer
 * was lost: timeout, network), the next click with the same payload is a retry of it and sends
 * the same key, so the server answers with the first result instead of acting twice.
 */

/** A random key (UUID v4 where the browser has crypto.randomUUID). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class AttemptKeys {
  private pending: { payload: string; key: string } | null = null;

  constructor(private readonly fresh: () => string = newIdempotencyKey) {}

  /** The key for this payload: the unsettled attempt's key when it is the same payload, else a new one. */
  keyFor(payload: unknown): string {
    const id = JSON.stringify(payload);
    if (this.pending?.payload !== id) this.pending = { payload: id, key: this.fresh() };
    return this.pending.key;
  }

  /** The last attempt's outcome is known (done or definitely refused): the next click is a new attempt. */
  settle(): void {
    this.pending = null;
  }
}
