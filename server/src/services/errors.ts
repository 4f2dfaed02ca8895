/** A record that does not exist. Mapped to GraphQL `NOT_FOUND`. */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string | number,
  ) {
    super(`${entity} ${id} not found`);
    this.name = "NotFoundError";
  }
}

/**
 * A write that cannot happen in the current state: a stale version (optimistic locking), a quote
 * already signed with another key, an idempotency key reused with other arguments.
 * Mapped to GraphQL `CONFLICT`.
 */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ConflictError";
  }
}
