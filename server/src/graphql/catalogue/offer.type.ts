import { Field, Int, ObjectType } from "type-graphql";
import type { ServiceFamily } from "../../domain/catalogue.js";
import { ServiceFamilyEnum } from "../common/enums.js";
import { LocalDateScalar } from "../common/scalars.js";

@ObjectType({ description: "A dated version of the provider's general terms of sale and use." })
export class TermsVersionType {
  @Field({ description: "Stable code of the version, e.g. CGV-2020-02-01." })
  code!: string;

  @Field(() => LocalDateScalar, { description: "Date from which this version applies." })
  effectiveDate!: string;
}

@ObjectType("Offer", { description: "A catalogue service and its published commitment terms." })
export class OfferType {
  @Field({ description: "Stable code used in quote lines, e.g. IP-TELEPHONY." })
  code!: string;

  @Field(() => ServiceFamilyEnum, { description: "Family of the service." })
  family!: ServiceFamily;

  @Field({ description: "Commercial name of the service (French, as in the provider's terms)." })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: "Initial commitment in months; null where the source terms publish none (set per quote line).",
  })
  initialTermMonths!: number | null;

  @Field(() => Int, { nullable: true, description: "Tacit renewal period in months; null where the source terms publish none." })
  renewalTermMonths!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Notice period in months (convention: 3 for 12-month renewals, 1 for 1-month renewals).",
  })
  noticeMonths!: number | null;

  @Field(() => Int, { nullable: true, description: "Notice period in days, when counted in days instead of months." })
  noticeDays!: number | null;

  @Field({ description: "SEPA direct debit is mandatory for this service (true for every service of the source terms)." })
  sepaRequired!: boolean;

  @Field({ description: "Inbound and outbound number porting is billed per the porting tariff grid." })
  portingBilledPerGrid!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Sample list price per unit per month, excl. VAT, in euro cents (not from the source terms).",
  })
  defaultMonthlyPriceCents!: number | null;

  @Field(() => Int, { nullable: true, description: "Sample one-off setup fee per unit, excl. VAT, in euro cents." })
  defaultSetupFeeCents!: number | null;

  @Field({ description: "True for seeded sample data (prices and notice defaults are not from the source terms)." })
  sample!: boolean;

  @Field(() => TermsVersionType, { description: "The terms version this offer is sold under." })
  termsVersion!: TermsVersionType;
}
