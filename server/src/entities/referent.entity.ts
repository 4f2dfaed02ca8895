import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn, IntColumn, TextColumn } from "./columns.js";

/** A customer's IT referent; history is kept: at most one row per customer has `activeUntil` null. */
@Index("IDX_referent_customer", ["customerId"])
@Entity("referent")
export class Referent {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @TextColumn()
  name!: string;

  @TextColumn({ nullable: true })
  email!: string | null;

  @TextColumn({ length: 40, nullable: true })
  phone!: string | null;

  @InstantColumn()
  activeFrom!: Date;

  @InstantColumn({ nullable: true })
  activeUntil!: Date | null;
}
