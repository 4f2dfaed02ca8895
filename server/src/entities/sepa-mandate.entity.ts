import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { SepaScheme } from "../domain/sepa.js";
import { DateColumn, EnumColumn, InstantColumn, IntColumn, TextColumn } from "./columns.js";
import { Customer } from "./customer.entity.js";

/** A SEPA direct-debit mandate (RUM). `referenceKey` is the upper-cased reference, unique. */
@Index("IDX_sepa_mandate_reference", ["referenceKey"], { unique: true })
@Index("IDX_sepa_mandate_customer", ["customerId"])
@Entity("sepa_mandate")
export class SepaMandate {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: "customerId" })
  customer?: Relation<Customer>;

  @TextColumn({ length: 34 })
  iban!: string;

  @TextColumn({ length: 11 })
  bic!: string;

  @TextColumn({ length: 35 })
  reference!: string;

  @TextColumn({ length: 35 })
  referenceKey!: string;

  @DateColumn()
  signedOn!: string;

  @EnumColumn({ length: 8 })
  scheme!: SepaScheme;

  /** Last collection date; a mandate unused for 36 months lapses. */
  @DateColumn({ nullable: true })
  lastUsedOn!: string | null;

  @DateColumn({ nullable: true })
  revokedOn!: string | null;

  @InstantColumn()
  createdAt!: Date;
}
