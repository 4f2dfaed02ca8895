import { Entity, Index, PrimaryGeneratedColumn, VersionColumn } from "typeorm";
import { DateColumn, EnumColumn, InstantColumn, IntColumn, LongTextColumn, TextColumn } from "./columns.js";

export type InterventionMedium = "PAPER" | "ELECTRONIC";

/**
 * An intervention sheet. Only facts are stored (sent, signed, contested dates); the status
 * (AWAITING_CONTEST_WINDOW, DEEMED_ACCEPTED …) is derived from them when read.
 */
@Index("IDX_intervention_sheet_customer", ["customerId"])
@Entity("intervention_sheet")
export class InterventionSheet {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @IntColumn({ nullable: true })
  maintenanceContractId!: number | null;

  @EnumColumn({ length: 12 })
  medium!: InterventionMedium;

  @DateColumn()
  interventionDate!: string;

  @IntColumn()
  minutes!: number;

  @LongTextColumn()
  summary!: string;

  @TextColumn({ nullable: true })
  technicianName!: string | null;

  @DateColumn({ nullable: true })
  sentOn!: string | null;

  @TextColumn({ nullable: true })
  signerName!: string | null;

  @DateColumn({ nullable: true })
  signedOn!: string | null;

  @LongTextColumn({ nullable: true })
  contestReason!: string | null;

  @DateColumn({ nullable: true })
  contestedOn!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @VersionColumn()
  version!: number;
}
