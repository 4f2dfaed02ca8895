import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { CentsColumn, InstantColumn, IntColumn, JsonColumn } from "./columns.js";

/**
 * How incidents must be declared under a maintenance contract, as data (SPEC section 7):
 * who may declare, through which channels, which fields are required, and the support hours.
 */
export interface DeclarationProcedure {
  /** REFERENT_ONLY: only the active IT referent; LISTED: the referent or one of `allowedDeclarers`. */
  declarers: "REFERENT_ONLY" | "LISTED";
  allowedDeclarers: string[];
  channels: string[];
  requiredFields: string[];
  /** Support hours in Europe/Paris, e.g. `{ days: [1,2,3,4,5], from: "08:30", to: "18:00" }` (1 = Monday). */
  supportHours: { days: number[]; from: string; to: string } | null;
}

/** The maintenance terms of one customer contract: the declaration procedure and the hourly rate. */
@Index("IDX_maintenance_customer", ["customerId"])
@Entity("maintenance_contract")
export class MaintenanceContract {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  /** The MAINTENANCE contract these terms belong to, when it is in the system. */
  @IntColumn({ nullable: true })
  contractId!: number | null;

  @JsonColumn()
  procedure!: DeclarationProcedure;

  /** Hourly rate excl. VAT for time spent on misdeclared incidents. */
  @CentsColumn()
  hourlyRateCents!: number;

  @InstantColumn()
  createdAt!: Date;
}
