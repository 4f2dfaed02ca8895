import { Field, InputType, Int } from "type-graphql";
import type { PortingDirection } from "../../domain/porting-price.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { PortingDirectionEnum } from "../porting/porting.enums.js";

@InputType({ description: "One line of a quote." })
export class QuoteLineInput {
  @Field({ description: "Code of the catalogue offer (see `offers`)." })
  offerCode!: string;

  @Field(() => Int, { description: "Number of units (1 to 100 000)." })
  quantity!: number;

  @Field(() => Int, { description: "Monthly price of one unit, excl. VAT, in euro cents." })
  monthlyUnitPriceCents!: number;

  @Field(() => Int, { description: "One-off setup fee per unit, excl. VAT, in euro cents." })
  setupFeeCents!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "Initial commitment in months; default the offer's; required for offers without published terms (BACKUP, MAINTENANCE).",
  })
  initialTermMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Tacit renewal period in months (0 = none); default the offer's; required for offers without published terms.",
  })
  renewalTermMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Notice in months; give this or noticeDays, or neither for the offer's notice.",
  })
  noticeMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Notice in days; give this or noticeMonths, or neither for the offer's notice.",
  })
  noticeDays?: number | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Service start date, on or after the quote date; default the signing date.",
  })
  startDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: "A subsidised device is sold with the line (default false)." })
  subsidisedDevice?: boolean | null;

  @Field(() => PortingDirectionEnum, {
    nullable: true,
    description: "Porting direction; only on offers billed per the porting grid; required with portingNumbers.",
  })
  portingDirection?: PortingDirection | null;

  @Field(() => [String], { nullable: true, description: "French numbers to port (each once in a quote)." })
  portingNumbers?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Porting scheduled outside business hours (grid surcharge; default false).",
  })
  portingOutsideHours?: boolean | null;

  @Field(() => [String], {
    nullable: "itemsAndList",
    description:
      "RIO of each porting number, same order (null or missing for none). Required for MOBILE numbers of an INBOUND porting; any RIO given must match its number.",
  })
  portingRios?: (string | null)[] | null;
}

@InputType({ description: "A new quote." })
export class QuoteInput {
  @Field(() => IdScalar, { description: "The customer quoted." })
  customerId!: number;

  @Field(() => [QuoteLineInput], { description: "The lines (1 to 100), in order." })
  lines!: QuoteLineInput[];

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Last day the quote can be signed; default quote date + 30 days.",
  })
  validUntil?: string | null;

  @IdempotencyKeyField("quote")
  idempotencyKey?: string | null;
}

@InputType({ description: "New lines for a DRAFT or SENT quote, guarded by its version." })
export class UpdateQuoteInput {
  @Field(() => IdScalar, { description: "The quote to change." })
  quoteId!: number;

  @Field(() => Int, { description: "The version read before editing; a different current version is a CONFLICT." })
  expectedVersion!: number;

  @Field(() => [QuoteLineInput], { description: "The lines that replace all current ones." })
  lines!: QuoteLineInput[];
}

@InputType({ description: "The customer's signature of a quote." })
export class SignQuoteInput {
  @Field(() => IdScalar, { description: "The quote signed." })
  quoteId!: number;

  @Field({ description: "Name of the person who signed for the customer." })
  signerName!: string;

  @Field({
    description:
      "Client-chosen key (1 to 100 characters): a retry with the same key returns the same signed quote instead of signing twice.",
  })
  idempotencyKey!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "The quote version the signer was shown (`Quote.version`); when given and the quote has changed since, the answer is CONFLICT and nothing is signed.",
  })
  expectedVersion?: number | null;
}
