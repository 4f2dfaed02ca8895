import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn, LongTextColumn, TextColumn } from "./columns.js";

/**
 * The outcome of a non-repeatable mutation, by (scope, key): a retry with the same key gets the
 * same answer; the same key with different arguments is refused.
 */
@Index("IDX_idempotency_scope_key", ["scope", "idempotencyKey"], { unique: true })
@Entity("idempotency_record")
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The mutation name, e.g. `signQuote`. */
  @TextColumn({ length: 60 })
  scope!: string;

  @TextColumn({ length: 100 })
  idempotencyKey!: string;

  /** SHA-256 of the canonical arguments. */
  @TextColumn({ length: 64 })
  requestHash!: string;

  /** JSON of what the first call answered (e.g. `{ "quoteId": 12 }`). */
  @LongTextColumn()
  result!: string;

  @InstantColumn()
  createdAt!: Date;
}
