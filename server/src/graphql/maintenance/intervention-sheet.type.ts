import { Field, Int, ObjectType } from "type-graphql";
import type { InterventionMedium } from "../../domain/intervention-sheet.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { DateTimeScalar, InterventionMediumEnum } from "./maintenance.enums.js";

/**
 * An intervention sheet as stored (facts only). `status`, `contestDeadline`, `validatedOn` and
 * `editable` are derived by field resolvers in intervention-sheet.resolver.ts.
 */
@ObjectType("InterventionSheet", {
  description:
    "A sheet handed over after an intervention (SPEC section 7). Only dated facts are stored; the status is derived from them when read.",
})
export class InterventionSheetType {
  @Field(() => IdScalar, { description: "Sheet id." })
  id!: number;

  @Field(() => IdScalar, { description: "The customer." })
  customerId!: number;

  @Field(() => IdScalar, {
    nullable: true,
    description:
      "The maintenance contract whose hourly rate prices the sheet's minutes in the billing export; null = not priced.",
  })
  maintenanceContractId!: number | null;

  @Field(() => InterventionMediumEnum, { description: "PAPER or ELECTRONIC." })
  medium!: InterventionMedium;

  @Field(() => LocalDateScalar, { description: "Day of the intervention." })
  interventionDate!: string;

  @Field(() => Int, { description: "Minutes of intervention." })
  minutes!: number;

  @Field({ description: "What was done." })
  summary!: string;

  @Field(() => String, { nullable: true, description: "Technician who intervened." })
  technicianName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "ELECTRONIC: day it was sent to the customer (D)." })
  sentOn!: string | null;

  @Field(() => String, { nullable: true, description: "PAPER: who signed it for the customer." })
  signerName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "PAPER: day it was signed." })
  signedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "ELECTRONIC: day the customer's contest was received (D … D+5)." })
  contestedOn!: string | null;

  @Field(() => String, { nullable: true, description: "ELECTRONIC: the customer's reason for contesting." })
  contestReason!: string | null;

  @Field(() => DateTimeScalar, { description: "When the sheet was recorded." })
  createdAt!: Date;
}
