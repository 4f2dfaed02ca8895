import { Field, InputType, Int } from "type-graphql";
import type { InterventionMedium } from "../../domain/intervention-sheet.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { InterventionMediumEnum } from "./maintenance.enums.js";

@InputType({ description: "A new intervention sheet (DRAFT until signed or sent)." })
export class CreateInterventionSheetInput {
  @Field(() => IdScalar, { description: "The customer." })
  customerId!: number;

  @Field(() => InterventionMediumEnum, { description: "PAPER (validated by signing) or ELECTRONIC (contestable for 5 days)." })
  medium!: InterventionMedium;

  @Field(() => LocalDateScalar, { description: "Day of the intervention; not in the future (Europe/Paris)." })
  interventionDate!: string;

  @Field(() => Int, { description: "Minutes of intervention (1 to 44 640)." })
  minutes!: number;

  @Field({ description: "What was done (1 to 20 000 characters)." })
  summary!: string;

  @Field(() => IdScalar, {
    nullable: true,
    description:
      "The customer's maintenance contract: its hourly rate prices the minutes in the billing export. Without it the sheet is exported at 0.",
  })
  maintenanceContractId?: number | null;

  @Field(() => String, { nullable: true, description: "Technician who intervened." })
  technicianName?: string | null;

  @IdempotencyKeyField("sheet")
  idempotencyKey?: string | null;
}

@InputType({
  description: "Changes to what a sheet says; refused (CONFLICT) once it is signed, sent, contested or deemed accepted.",
})
export class UpdateInterventionSheetInput {
  @Field(() => IdScalar, { description: "The sheet." })
  id!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: "New intervention day; not in the future." })
  interventionDate?: string | null;

  @Field(() => Int, { nullable: true, description: "New number of minutes (1 to 44 640)." })
  minutes?: number | null;

  @Field(() => String, { nullable: true, description: "New summary." })
  summary?: string | null;
}
