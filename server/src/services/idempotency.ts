import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Database } from "../db/database.js";
import type { FieldError } from "../domain/errors.js";
import { text } from "../domain/text.js";
import { IdempotencyRecord } from "../entities/index.js";
import { isUniqueViolation } from "./db-errors.js";
import { ConflictError } from "./errors.js";

/**
 * Idempotency keys (docs/operations.md "Retrying safely"): the one mechanism behind `signQuote`
 * and every creating mutation's optional `idempotencyKey`.
 *
 * - A key is scoped by operation (`createCustomer`, `signQuote`, …), not by token: the server
 *   serves one company, and a retry may come from another worker of the same integrator or after
 *   its token was rotated. Keys should be random (a UUID); the same key on two operations is two keys.
 * - With the key, the record keeps a fingerprint of the request (SHA-256 of the canonical JSON of
 *   the normalised input, the key left out) and the answer (the id of what was created), written in
 *   the transaction that creates: both commit or neither does. A 503 that hid a committed write is
 *   followed by a retry that finds the record and answers the committed object.
 * - The same key with the same fingerprint answers the first call's object; with another
 *   fingerprint it is CONFLICT on `idempotencyKey`.
 * - The unique index on (scope, idempotencyKey) settles concurrent requests with one key, across
 *   processes and Galera nodes: the loser's transaction rolls back (duplicate key, or a deadlock
 *   that Database.transaction tries again) and its next attempt answers from the winner's record.
 */

/** Longest key (the column's width). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;
/** Attempts of one creation that keeps meeting a duplicate key before the error stands. */
const MAX_ATTEMPTS = 3;

/** The key as stored (trimmed), or null when none was given; a key of 0 or over 100 characters goes into `errors`. */
export function readIdempotencyKey(errors: FieldError[], key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const trimmed = key.trim();
  if (trimmed === "" || trimmed.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    errors.push({
      field: "idempotencyKey",
      message: text(
        `Une clé d'idempotence compte de 1 à ${IDEMPOTENCY_KEY_MAX_LENGTH} caractères (ici ${trimmed.length}).`,
        `An idempotency key has 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters (this one has ${trimmed.length}).`,
      ),
    });
    return null;
  }
  return trimmed;
}

/**
 * JSON with object keys sorted and absent values left out (null and undefined alike: an optional
 * field sent as null or not sent is the same request); dates as ISO instants. Arrays keep their order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical JSON of `payload`, its own `idempotencyKey` left out. */
export function requestFingerprint(payload: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = payload;
  return createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex");
}

/** One keyed request: the operation, the key and the request's fingerprint. */
export interface KeyedRequest {
  scope: string;
  key: string;
  fingerprint: string;
}

/** The default refusal of a key reused with another request. */
function keyReused(request: KeyedRequest): ConflictError {
  return new ConflictError(
    text(
      `Cette clé d'idempotence (idempotencyKey) a déjà servi à un autre appel de ${request.scope} avec d'autres données : utilisez une nouvelle clé pour une nouvelle demande.`,
      `This idempotencyKey was already used for another ${request.scope} call with other data: use a new key for a new request.`,
    ),
    { field: "idempotencyKey" },
  );
}

/**
 * The rule: the answer recorded under the request's key when the fingerprint matches; null when the
 * key is new; CONFLICT (`conflict`, or the default wording) when the key served another request.
 */
export async function previousAnswer<R>(
  manager: EntityManager,
  request: KeyedRequest,
  conflict: (first: R) => ConflictError = () => keyReused(request),
): Promise<R | null> {
  const record = await manager.findOneBy(IdempotencyRecord, { scope: request.scope, idempotencyKey: request.key });
  if (!record) return null;
  const answer = JSON.parse(record.result) as R;
  if (record.requestHash !== request.fingerprint) throw conflict(answer);
  return answer;
}

/** Records the answer under the key, in the caller's transaction (so it commits with the write, or not at all). */
export async function recordAnswer(manager: EntityManager, request: KeyedRequest, answer: unknown, at: Date): Promise<void> {
  await manager.insert(IdempotencyRecord, {
    scope: request.scope,
    idempotencyKey: request.key,
    requestHash: request.fingerprint,
    result: JSON.stringify(answer),
    createdAt: at,
  });
}

/** What `createOnce` needs: the operation, the key (null: none) and the normalised input it fingerprints. */
export interface CreationRequest {
  scope: string;
  key: string | null;
  payload: Record<string, unknown>;
}

/**
 * Runs `create` (which returns the new row's id) in one transaction, at most once per key: with a
 * key already answered, returns the id recorded then and writes nothing. The key's record is
 * inserted first, so a concurrent request with the same key waits on its index entry (MySQL) or
 * its write lock (SQLite) instead of writing a duplicate, then answers from it. A duplicate key on
 * another unique index (e.g. a mandate's reference) stands when no record explains it: the caller
 * maps it as without a key.
 */
export async function createOnce(
  database: Database,
  request: CreationRequest,
  create: (manager: EntityManager) => Promise<number>,
): Promise<number> {
  const { key } = request;
  if (key === null) return database.transaction(create);
  const keyed: KeyedRequest = { scope: request.scope, key, fingerprint: requestFingerprint(request.payload) };
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.transaction(async (manager) => {
        const previous = await previousAnswer<{ id: number }>(manager, keyed);
        if (previous) return previous.id;
        const claimedAt = new Date();
        claimedAt.setMilliseconds(0); // instants are stored to the second (entities/columns.ts)
        await recordAnswer(manager, keyed, null, claimedAt);
        const id = await create(manager);
        await manager.update(
          IdempotencyRecord,
          { scope: keyed.scope, idempotencyKey: keyed.key },
          { result: JSON.stringify({ id }) },
        );
        return id;
      });
    } catch (error) {
      // A request with the same key committed first: the next attempt reads its record.
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
