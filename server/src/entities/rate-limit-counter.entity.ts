import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Requests counted by one server process (`writer`) for one token in one one-minute window
 * (`windowMinute`: minutes since 1970-01-01 UTC). The token's count in a window is the sum over the
 * writers, so every process enforces one limit for all of them (http/rate-limit-stores.ts); each
 * process increments only its own row, so concurrent processes never contend for one row.
 */
@Entity("rate_limit_counter")
export class RateLimitCounter {
  @PrimaryColumn({ type: "integer" })
  tokenId!: number;

  @PrimaryColumn({ type: "integer" })
  windowMinute!: number;

  @PrimaryColumn({ type: "varchar", length: 100 })
  writer!: string;

  @Column({ type: "integer" })
  hits!: number;
}
