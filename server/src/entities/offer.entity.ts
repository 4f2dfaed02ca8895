import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { ServiceFamily } from "../domain/catalogue.js";
import { BoolColumn, CentsColumn, EnumColumn, IntColumn, TextColumn } from "./columns.js";
import { TermsVersion } from "./terms-version.entity.js";

/** A catalogue service with its published commitment terms (null where the source publishes none). */
@Index("IDX_offer_code", ["code"], { unique: true })
@Entity("offer")
export class Offer {
  @PrimaryGeneratedColumn()
  id!: number;

  @TextColumn({ length: 40 })
  code!: string;

  @EnumColumn()
  family!: ServiceFamily;

  @TextColumn()
  name!: string;

  @IntColumn({ nullable: true })
  initialTermMonths!: number | null;

  @IntColumn({ nullable: true })
  renewalTermMonths!: number | null;

  @IntColumn({ nullable: true })
  noticeMonths!: number | null;

  @IntColumn({ nullable: true })
  noticeDays!: number | null;

  @BoolColumn({ default: true })
  sepaRequired!: boolean;

  @BoolColumn()
  portingBilledPerGrid!: boolean;

  /** Sample list price; quotes may set their own. */
  @CentsColumn({ nullable: true })
  defaultMonthlyPriceCents!: number | null;

  @CentsColumn({ nullable: true })
  defaultSetupFeeCents!: number | null;

  @BoolColumn({ default: true })
  active!: boolean;

  @BoolColumn()
  sample!: boolean;

  @IntColumn()
  termsVersionId!: number;

  @ManyToOne(() => TermsVersion, { nullable: false })
  @JoinColumn({ name: "termsVersionId" })
  termsVersion!: Relation<TermsVersion>;
}
