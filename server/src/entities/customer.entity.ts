import { Entity, Index, PrimaryGeneratedColumn, VersionColumn } from "typeorm";
import type { CustomerCategory } from "../domain/catalogue.js";
import { BoolColumn, DateColumn, EnumColumn, InstantColumn, TextColumn } from "./columns.js";

/** A customer; its category decides the consumer-law protections (SPEC section 4). */
@Index("IDX_customer_name", ["name"])
@Entity("customer")
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @TextColumn()
  name!: string;

  @EnumColumn()
  category!: CustomerCategory;

  @TextColumn({ length: 9, nullable: true })
  siren!: string | null;

  /** Date the customer expressly waived the L224-28 protections (MICRO, SMALL, NON_PROFIT). */
  @DateColumn({ nullable: true })
  waiverSignedOn!: string | null;

  @BoolColumn()
  sample!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @VersionColumn()
  version!: number;
}
