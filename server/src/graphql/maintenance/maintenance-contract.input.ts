import { Field, InputType, Int } from "type-graphql";
import type { DeclarerPolicy } from "../../domain/incident-procedure.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar } from "../common/scalars.js";
import { DeclarerPolicyEnum } from "./maintenance.enums.js";

@InputType({ description: "Support hours in Europe/Paris." })
export class SupportHoursInput {
  @Field(() => [Int], { description: "ISO weekdays: 1 = Monday … 7 = Sunday; at least one." })
  days!: number[];

  @Field({ description: "Opening time HH:MM, inclusive (00:00 to 23:59)." })
  from!: string;

  @Field({ description: "Closing time HH:MM, exclusive (up to 24:00); after `from` (no overnight ranges)." })
  to!: string;
}

@InputType({ description: "An incident declaration procedure." })
export class DeclarationProcedureInput {
  @Field(() => DeclarerPolicyEnum, { description: "Who may declare." })
  declarers!: DeclarerPolicy;

  @Field(() => [String], { defaultValue: [], description: "People allowed to declare besides the referent (LISTED)." })
  allowedDeclarers!: string[];

  @Field(() => [String], { description: "Allowed channel codes (letters, digits, - and _; upper-cased); at least one." })
  channels!: string[];

  @Field(() => [String], { defaultValue: [], description: "Declaration fields made required: description and/or category." })
  requiredFields!: string[];

  @Field(() => SupportHoursInput, { nullable: true, description: "Support hours; omit for none (any time)." })
  supportHours?: SupportHoursInput | null;
}

@InputType({ description: "Maintenance terms to record for a customer." })
export class MaintenanceContractInput {
  @Field(() => IdScalar, { description: "The customer under maintenance." })
  customerId!: number;

  @Field(() => IdScalar, {
    nullable: true,
    description: "The customer's MAINTENANCE contract these terms belong to, if recorded.",
  })
  contractId?: number | null;

  @Field(() => DeclarationProcedureInput, { description: "The incident declaration procedure." })
  procedure!: DeclarationProcedureInput;

  @Field(() => Int, { description: "Hourly rate excl. VAT in euro cents (0 to 1 000 000)." })
  hourlyRateCents!: number;

  @IdempotencyKeyField("maintenance terms")
  idempotencyKey?: string | null;
}
