import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { NumberKind, PortingDirection } from "../domain/porting-price.js";
import type { PortingStatus } from "../domain/porting-request.js";
import { DateColumn, EnumColumn, InstantColumn, IntColumn, TextColumn } from "./columns.js";

export type PortingRequestStatus = PortingStatus;

/**
 * A number to port in or out, created when the quote line that carries it is signed, then
 * followed through its lifecycle (domain/porting-request.ts). Its legal deadline is computed from
 * `requestedOn` and the kind, never stored.
 */
@Index("IDX_porting_request_customer", ["customerId"])
@Index("IDX_porting_request_contract", ["contractId"])
@Index("IDX_porting_request_planned", ["plannedOn", "id"])
@Entity("porting_request")
export class PortingRequest {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @IntColumn({ nullable: true })
  contractId!: number | null;

  @IntColumn({ nullable: true })
  quoteLineId!: number | null;

  @EnumColumn({ length: 10 })
  direction!: PortingDirection;

  /** E.164, e.g. +33612345678. */
  @TextColumn({ length: 16 })
  number!: string;

  @EnumColumn({ length: 16 })
  numberKind!: NumberKind;

  @TextColumn({ length: 12, nullable: true })
  rio!: string | null;

  @EnumColumn({ length: 12 })
  status!: PortingRequestStatus;

  @DateColumn()
  requestedOn!: string;

  /** When the porting is planned: the legal deadline until scheduled otherwise. */
  @DateColumn()
  plannedOn!: string;

  @DateColumn({ nullable: true })
  completedOn!: string | null;

  @TextColumn({ length: 500, nullable: true })
  rejectionReason!: string | null;

  @InstantColumn()
  createdAt!: Date;
}
