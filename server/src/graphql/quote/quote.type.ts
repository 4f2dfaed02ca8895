import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { PortingDirection } from "../../domain/porting-price.js";
import type { QuoteStatus } from "../../entities/quote.entity.js";
import { OfferType } from "../catalogue/offer.type.js";
import { enumObject } from "../common/enums.js";
import { DateTimeScalar, IdScalar, LocalDateScalar } from "../common/scalars.js";
import { PortingDirectionEnum } from "../porting/porting.enums.js";

export const QuoteStatusEnum = enumObject(["DRAFT", "SENT", "SIGNED", "DECLINED", "EXPIRED"] as const);
registerEnumType(QuoteStatusEnum, {
  name: "QuoteStatus",
  description: "DRAFT → SENT → SIGNED, or DECLINED; EXPIRED is derived when read: not signed nor declined, and past validUntil.",
  valuesConfig: {
    DRAFT: { description: "Being prepared; lines can be replaced." },
    SENT: { description: "Sent to the customer; lines can still be replaced." },
    SIGNED: { description: "Signed: contracts were created, nothing changes any more." },
    DECLINED: { description: "Declined by the customer." },
    EXPIRED: { description: "Not signed by its validity date (derived as of today, Europe/Paris)." },
  },
});

@ObjectType("QuoteTotals", {
  description: "Totals of a quote in euro cents (API.md): the first month, and the whole initial term.",
})
export class QuoteTotalsType {
  @Field(() => Int, { description: "One-off excl. VAT: Σ setup fee × quantity + porting prices." })
  oneOffCents!: number;

  @Field(() => Int, { description: "Monthly excl. VAT: Σ quantity × monthly unit price." })
  monthlyCents!: number;

  @Field(() => Int, { description: "VAT on one-off plus one month, computed once on the sum and rounded half up." })
  vatCents!: number;

  @Field(() => Int, { description: "One-off plus one month plus VAT." })
  totalInclVatCents!: number;

  @Field(() => Int, { description: "One-off plus, for each line, its monthly amount × its initial term (excl. VAT)." })
  totalContractValueCents!: number;
}

@ObjectType("QuoteLine", { description: "One line of a quote: one offer; becomes one contract when the quote is signed." })
export class QuoteLineType {
  @Field(() => IdScalar, { description: "Line id (lines get new ids when a quote's lines are replaced)." })
  id!: number;

  @Field(() => Int, { description: "Position in the quote, from 0, in the order the lines were sent." })
  position!: number;

  @Field(() => OfferType, { description: "The catalogue offer quoted." })
  offer!: OfferType;

  @Field(() => Int, { description: "Number of units." })
  quantity!: number;

  @Field(() => Int, { description: "Monthly price of one unit, excl. VAT, in euro cents." })
  monthlyUnitPriceCents!: number;

  @Field(() => Int, { description: "One-off setup fee per unit, excl. VAT, in euro cents (the line pays it × quantity)." })
  setupFeeCents!: number;

  @Field(() => Int, { description: "Initial commitment in months (the offer's unless the line set it)." })
  initialTermMonths!: number;

  @Field(() => Int, { description: "Tacit renewal period in months (0 = none; the offer's unless the line set it)." })
  renewalTermMonths!: number;

  @Field(() => Int, { nullable: true, description: "Notice in months (the offer's unless the line set a notice)." })
  noticeMonths!: number | null;

  @Field(() => Int, { nullable: true, description: "Notice in days (the offer's unless the line set a notice)." })
  noticeDays!: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Service start date; null = the signing date." })
  startDate!: string | null;

  @Field({ description: "A subsidised device is sold with the line (matters for protected customers' fees)." })
  subsidisedDevice!: boolean;

  @Field(() => PortingDirectionEnum, { nullable: true, description: "Porting direction of the line's numbers; null when none." })
  portingDirection!: PortingDirection | null;

  @Field(() => [String], { description: "Numbers to port, normalised to E.164 (+33…), in the order given." })
  portingNumbers!: string[];

  @Field(() => [String], {
    nullable: "items",
    description: "RIO of each porting number (same order), normalised; null where none was given.",
  })
  portingRios!: (string | null)[];

  @Field({ description: "The porting is scheduled outside business hours (the grid's surcharge applies)." })
  portingOutsideHours!: boolean;

  @Field(() => Int, {
    description:
      "Porting price excl. VAT in euro cents, from the grid in force on the quote date, frozen when the line was saved.",
  })
  portingCents!: number;

  @Field(() => Int, { description: "Monthly amount of the line excl. VAT: quantity × monthly unit price." })
  monthlyCents!: number;

  @Field(() => Int, { description: "One-off amount of the line excl. VAT: setup fee × quantity + porting." })
  oneOffCents!: number;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Last day of the initial term, from startDate or, when absent, the quote date: EDATE(start, initial) − 1 day.",
  })
  commitmentEnd!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Last day a termination notice stops the first tacit renewal (the initial term's notice deadline), same start.",
  })
  noticeDeadline!: string | null;
}

/** Built by quote.view.ts; `customer`, `contracts`, `termsVersion` and `sepaMandate` are field resolvers. */
@ObjectType("Quote", { description: "A quote for a customer: priced lines, totals, validity, and once signed its contracts." })
export class QuoteType {
  @Field(() => IdScalar, { description: "Quote id." })
  id!: number;

  @Field(() => QuoteStatusEnum, { description: "Status as of today (Europe/Paris); EXPIRED is derived, never stored." })
  status!: QuoteStatus;

  @Field(() => Int, { description: "Version for optimistic locking: send it back as updateQuote's expectedVersion." })
  version!: number;

  @Field(() => LocalDateScalar, { description: "Date the quote was created (Europe/Paris): porting is priced on it." })
  quoteDate!: string;

  @Field(() => LocalDateScalar, { description: "Last day the quote can be signed (default: quote date + 30 days)." })
  validUntil!: string;

  @Field(() => [QuoteLineType], { description: "The lines, by position." })
  lines!: QuoteLineType[];

  @Field(() => QuoteTotalsType, { description: "Totals in euro cents (API.md)." })
  totals!: QuoteTotalsType;

  @Field(() => Int, { description: "VAT rate in basis points (2000 = 20 %)." })
  vatRateBasisPoints!: number;

  @Field(() => String, { nullable: true, description: "Who signed the quote for the customer; null until signed." })
  signerName!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the quote was signed (UTC instant); null until signed." })
  signedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: "When the quote was created (UTC instant)." })
  createdAt!: Date;

  customerId!: number;
  termsVersionId!: number | null;
  sepaMandateId!: number | null;
}
