import { Field, InputType, Int } from "type-graphql";
import type { CustomerCategory, ServiceFamily } from "../../domain/catalogue.js";
import { CustomerCategoryEnum, ServiceFamilyEnum } from "../common/enums.js";
import { LocalDateScalar } from "../common/scalars.js";

/** API.md "Commitment": the terms of a contract, and the date to look at them from. */
@InputType("CommitmentInput", {
  description: "Contract terms and a date: what `commitmentPreview` computes from (SPEC sections 3 and 4).",
})
export class CommitmentInput {
  @Field(() => LocalDateScalar, { description: "Service start (activation) date: the anchor of every period and billing cycle." })
  startDate!: string;

  @Field(() => Int, { description: "Initial commitment in months (at least 1)." })
  initialTermMonths!: number;

  @Field(() => Int, { description: "Tacit renewal period in months; 0 = no tacit renewal." })
  renewalTermMonths!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Notice period in months. Give at most one of noticeMonths and noticeDays; none means no notice period.",
  })
  noticeMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Notice period in days. Give at most one of noticeMonths and noticeDays; none means no notice period.",
  })
  noticeDays?: number | null;

  @Field(() => LocalDateScalar, { description: "The date the status is computed for (and the last day of service for the fee)." })
  asOf!: string;

  @Field(() => Int, { nullable: true, description: "Monthly amount excl. VAT in euro cents (default 0)." })
  monthlyAmountCents?: number | null;

  @Field(() => CustomerCategoryEnum, { nullable: true, description: "Customer category (default OTHER, not protected)." })
  customerCategory?: CustomerCategory | null;

  @Field(() => ServiceFamilyEnum, {
    nullable: true,
    description: "Service family (default none: the consumer-law protections then apply to protected categories).",
  })
  serviceFamily?: ServiceFamily | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "The customer signed a waiver of the L224-28 protections (MICRO, SMALL, NON_PROFIT only; default false).",
  })
  waiverSigned?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "A subsidised device was sold with the contract (a protected customer then owes 20% of the remaining fees; default false).",
  })
  subsidisedDevice?: boolean | null;
}
