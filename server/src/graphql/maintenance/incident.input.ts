import { Field, InputType, Int } from "type-graphql";
import type { IncidentQualification } from "../../entities/incident.entity.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar } from "../common/scalars.js";
import { DateTimeScalar, IncidentQualificationEnum } from "./maintenance.enums.js";

@InputType({ description: "An incident declaration, recorded as made (flagged if it breaks the procedure)." })
export class DeclareIncidentInput {
  @Field(() => IdScalar, { description: "The maintenance contract the incident is declared under." })
  maintenanceContractId!: number;

  @Field({ description: "Who declared it (compared to the referent and listed declarers ignoring case and accents)." })
  declarerName!: string;

  @Field({ description: "Channel code it came through, e.g. PHONE, EMAIL, PORTAL." })
  channel!: string;

  @Field(() => DateTimeScalar, { description: "When it was declared, with a time zone offset; not in the future." })
  declaredAt!: Date;

  @Field(() => String, { nullable: true, description: "What the customer reported (may be required by the procedure)." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Category (may be required by the procedure); at most 60 characters." })
  category?: string | null;

  @IdempotencyKeyField("incident")
  idempotencyKey?: string | null;
}

@InputType({ description: "The qualification of a handled incident." })
export class QualifyIncidentInput {
  @Field(() => IdScalar, { description: "The incident." })
  incidentId!: number;

  @Field(() => IncidentQualificationEnum, { description: "VALID, or MISDECLARED to bill the minutes spent." })
  qualification!: IncidentQualification;

  @Field(() => Int, {
    nullable: true,
    description: "Minutes of intervention or research spent (0 to 44 640); required for MISDECLARED.",
  })
  minutesSpent?: number | null;
}
