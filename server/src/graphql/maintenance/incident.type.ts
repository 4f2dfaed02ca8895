import { Field, Int, ObjectType, UseMiddleware } from "type-graphql";
import type { ProcedureRule } from "../../domain/incident-procedure.js";
import type { Text } from "../../domain/text.js";
import type { IncidentQualification } from "../../entities/incident.entity.js";
import { InReaderLanguage } from "../common/localized.js";
import { IdScalar } from "../common/scalars.js";
import { DateTimeScalar, IncidentQualificationEnum, ProcedureRuleEnum } from "./maintenance.enums.js";

@ObjectType("ProcedureViolation", { description: "A rule of the declaration procedure that a declaration broke." })
export class ProcedureViolationType {
  @Field(() => ProcedureRuleEnum, { description: "The rule broken." })
  rule!: ProcedureRule;

  @Field(() => String, { description: "What exactly was wrong, in the reader's language (Accept-Language)." })
  @UseMiddleware(InReaderLanguage)
  message!: Text | string;
}

@ObjectType("Incident", { description: "An incident declared under a maintenance contract (SPEC section 7)." })
export class IncidentType {
  @Field(() => IdScalar, { description: "Incident id." })
  id!: number;

  @Field(() => IdScalar, { description: "The customer." })
  customerId!: number;

  @Field(() => IdScalar, { description: "The maintenance contract it was declared under." })
  maintenanceContractId!: number;

  @Field({ description: "Who declared it." })
  declarerName!: string;

  @Field({ description: "Channel code it was declared through (upper-cased)." })
  channel!: string;

  @Field(() => DateTimeScalar, { description: "When it was declared (to the second)." })
  declaredAt!: Date;

  @Field({ description: "What the customer reported (empty when not given)." })
  description!: string;

  @Field(() => String, { nullable: true, description: "Category given by the declarer." })
  category!: string | null;

  @Field(() => [ProcedureViolationType], {
    description: "Every procedure rule the declaration broke; empty when it followed the procedure.",
  })
  procedureViolations!: ProcedureViolationType[];

  @Field(() => IncidentQualificationEnum, { nullable: true, description: "VALID or MISDECLARED; null until qualified." })
  qualification!: IncidentQualification | null;

  @Field(() => Int, { nullable: true, description: "Minutes of intervention or research spent, when given." })
  minutesSpent!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Amount billed excl. VAT in euro cents: minutes × the contract's hourly rate / 60, rounded half up to the cent (MISDECLARED only; null otherwise).",
  })
  billedAmountCents!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was (last) qualified." })
  qualifiedAt!: Date | null;
}
