import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateColumn, InstantColumn, IntColumn } from "./columns.js";

/** An L215-1 renewal reminder sent for one period of a contract (unique per contract and period). */
@Index("IDX_renewal_reminder_contract_period", ["contractId", "periodIndex"], { unique: true })
@Entity("renewal_reminder")
export class RenewalReminder {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  contractId!: number;

  /** The period whose end (and renewal) the reminder announces. */
  @IntColumn()
  periodIndex!: number;

  @DateColumn()
  sentOn!: string;

  @InstantColumn()
  recordedAt!: Date;
}
