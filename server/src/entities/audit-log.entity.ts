import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn, IntColumn, JsonColumn, TextColumn } from "./columns.js";

/** One row per mutation: who, when, what, and before/after for money and dates. */
@Index("IDX_audit_log_entity", ["entity", "entityId"])
@Entity("audit_log")
export class AuditLog {
  @PrimaryGeneratedColumn()
  id!: number;

  @InstantColumn()
  at!: Date;

  @IntColumn({ nullable: true })
  tokenId!: number | null;

  @TextColumn({ length: 120 })
  actor!: string;

  @TextColumn({ length: 80 })
  action!: string;

  @TextColumn({ length: 40 })
  entity!: string;

  @TextColumn({ length: 40, nullable: true })
  entityId!: string | null;

  @JsonColumn({ nullable: true })
  before!: Record<string, unknown> | null;

  @JsonColumn({ nullable: true })
  after!: Record<string, unknown> | null;

  @TextColumn({ length: 64, nullable: true })
  requestId!: string | null;
}
