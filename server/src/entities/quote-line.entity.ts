import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { PortingDirection } from "../domain/porting-price.js";
import { BoolColumn, CentsColumn, DateColumn, EnumColumn, IntColumn, JsonColumn } from "./columns.js";
import { Offer } from "./offer.entity.js";
import { Quote } from "./quote.entity.js";

/** One line of a quote; becomes one contract when the quote is signed. */
@Index("IDX_quote_line_quote_position", ["quoteId", "position"], { unique: true })
@Entity("quote_line")
export class QuoteLine {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  quoteId!: number;

  @ManyToOne(
    () => Quote,
    (quote) => quote.lines,
    { nullable: false, onDelete: "CASCADE" },
  )
  @JoinColumn({ name: "quoteId" })
  quote?: Relation<Quote>;

  @IntColumn()
  position!: number;

  @IntColumn()
  offerId!: number;

  @ManyToOne(() => Offer, { nullable: false })
  @JoinColumn({ name: "offerId" })
  offer?: Relation<Offer>;

  @IntColumn()
  quantity!: number;

  @CentsColumn()
  monthlyUnitPriceCents!: number;

  @CentsColumn()
  setupFeeCents!: number;

  @IntColumn()
  initialTermMonths!: number;

  @IntColumn()
  renewalTermMonths!: number;

  @IntColumn({ nullable: true })
  noticeMonths!: number | null;

  @IntColumn({ nullable: true })
  noticeDays!: number | null;

  @DateColumn({ nullable: true })
  startDate!: string | null;

  @BoolColumn()
  subsidisedDevice!: boolean;

  @EnumColumn({ length: 10, nullable: true })
  portingDirection!: PortingDirection | null;

  /** Normalised E.164 numbers, with their RIO where given: `[{ number, rio }]`. */
  @JsonColumn()
  portingNumbers!: { number: string; rio: string | null }[];

  @BoolColumn()
  portingOutsideHours!: boolean;

  /** Porting price from the grid in force on the quote date, frozen when the line is saved. */
  @CentsColumn()
  portingCents!: number;
}
