import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, VersionColumn } from "typeorm";
import type { ContractStatus } from "../domain/contract-status.js";
import { BoolColumn, CentsColumn, DateColumn, EnumColumn, InstantColumn, IntColumn } from "./columns.js";
import { Customer } from "./customer.entity.js";
import { Offer } from "./offer.entity.js";

export type { ContractStatus } from "../domain/contract-status.js";

/** A customer's subscription to an offer, with the terms that drive its commitment (SPEC section 3). */
@Index("IDX_contract_customer", ["customerId"])
@Index("IDX_contract_offer", ["offerId"])
@Index("IDX_contract_quote_line", ["quoteLineId"], { unique: true })
@Index("IDX_contract_status_start", ["status", "startDate"])
@Entity("contract")
export class Contract {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  customerId!: number;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: "customerId" })
  customer?: Relation<Customer>;

  @IntColumn()
  offerId!: number;

  @ManyToOne(() => Offer, { nullable: false })
  @JoinColumn({ name: "offerId" })
  offer?: Relation<Offer>;

  @IntColumn({ nullable: true })
  quoteId!: number | null;

  /** Unique: a quote line becomes at most one contract, whatever the retries. */
  @IntColumn({ nullable: true })
  quoteLineId!: number | null;

  @IntColumn()
  quantity!: number;

  /** Monthly amount excl. VAT for the whole line (quantity × unit price). */
  @CentsColumn()
  monthlyAmountCents!: number;

  @DateColumn()
  startDate!: string;

  @IntColumn()
  initialTermMonths!: number;

  @IntColumn()
  renewalTermMonths!: number;

  @IntColumn({ nullable: true })
  noticeMonths!: number | null;

  @IntColumn({ nullable: true })
  noticeDays!: number | null;

  @BoolColumn()
  subsidisedDevice!: boolean;

  /** Stored status; ENDED is also derived on read once `endDate` has passed. */
  @EnumColumn({ length: 16 })
  status!: ContractStatus;

  @DateColumn({ nullable: true })
  noticeReceivedOn!: string | null;

  /** Last day of service once a termination notice is recorded. */
  @DateColumn({ nullable: true })
  endDate!: string | null;

  @BoolColumn()
  sample!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @VersionColumn()
  version!: number;
}
