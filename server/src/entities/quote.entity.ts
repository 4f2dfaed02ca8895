import { Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation, VersionColumn } from "typeorm";
import { DateColumn, EnumColumn, InstantColumn, IntColumn, TextColumn } from "./columns.js";
import { Customer } from "./customer.entity.js";
import { QuoteLine } from "./quote-line.entity.js";

export type QuoteStatus = "DRAFT" | "SENT" | "SIGNED" | "DECLINED" | "EXPIRED";

/** A quote; signing it is the customer's acceptance of the terms version in force (SPEC section 6). */
@Index("IDX_quote_customer", ["customerId"])
@Entity("quote")
export class Quote {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: "customerId" })
  customer?: Relation<Customer>;

  @EnumColumn({ length: 12 })
  status!: QuoteStatus;

  @DateColumn()
  quoteDate!: string;

  @DateColumn()
  validUntil!: string;

  /** VAT rate in basis points (2000 = 20 %). */
  @IntColumn({ default: 2000 })
  vatRateBasisPoints!: number;

  @TextColumn({ nullable: true })
  signerName!: string | null;

  @InstantColumn({ nullable: true })
  signedAt!: Date | null;

  @IntColumn({ nullable: true })
  termsVersionId!: number | null;

  @IntColumn({ nullable: true })
  sepaMandateId!: number | null;

  /** Key of the signing that won; a retry with it returns the same result. */
  @TextColumn({ length: 100, nullable: true })
  signIdempotencyKey!: string | null;

  @IntColumn({ nullable: true })
  createdByTokenId!: number | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  @VersionColumn()
  version!: number;

  @OneToMany(
    () => QuoteLine,
    (line) => line.quote,
  )
  lines?: Relation<QuoteLine>[];
}
