import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { Text } from "../domain/text.js";
import { CentsColumn, EnumColumn, InstantColumn, IntColumn, JsonColumn, LongTextColumn, TextColumn } from "./columns.js";

export type IncidentQualification = "VALID" | "MISDECLARED";

/** An incident declared by the customer; flagged when the declaration broke the procedure. */
@Index("IDX_incident_customer", ["customerId"])
@Index("IDX_incident_qualified", ["qualification", "qualifiedAt"])
@Entity("incident")
export class Incident {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @IntColumn()
  maintenanceContractId!: number;

  @TextColumn()
  declarerName!: string;

  @TextColumn({ length: 40 })
  channel!: string;

  @InstantColumn()
  declaredAt!: Date;

  @LongTextColumn()
  description!: string;

  @TextColumn({ length: 60, nullable: true })
  category!: string | null;

  /**
   * Rules of the procedure this declaration broke: `[{ rule, message }]`, the message in both
   * languages (`{ fr, en }`; rows stored before the API spoke French hold an English string);
   * empty when compliant.
   */
  @JsonColumn()
  procedureViolations!: { rule: string; message: Text | string }[];

  @EnumColumn({ length: 12, nullable: true })
  qualification!: IncidentQualification | null;

  @IntColumn({ nullable: true })
  minutesSpent!: number | null;

  /** Amount billed for a misdeclared incident, at the contract's hourly rate. */
  @CentsColumn({ nullable: true })
  billedAmountCents!: number | null;

  @InstantColumn({ nullable: true })
  qualifiedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;
}
