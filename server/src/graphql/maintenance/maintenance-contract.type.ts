import { Field, Int, ObjectType } from "type-graphql";
import type { DeclarerPolicy } from "../../domain/incident-procedure.js";
import { IdScalar } from "../common/scalars.js";
import { DateTimeScalar, DeclarerPolicyEnum } from "./maintenance.enums.js";

@ObjectType("SupportHours", { description: "When incidents may be declared, in Europe/Paris (public holidays not modelled)." })
export class SupportHoursType {
  @Field(() => [Int], { description: "ISO weekdays: 1 = Monday … 7 = Sunday." })
  days!: number[];

  @Field({ description: "Opening time HH:MM (inclusive)." })
  from!: string;

  @Field({ description: "Closing time HH:MM (exclusive; up to 24:00)." })
  to!: string;
}

@ObjectType("DeclarationProcedure", {
  description:
    "How incidents must be declared under a maintenance contract. A declaration that breaks it is recorded and flagged, never refused.",
})
export class DeclarationProcedureType {
  @Field(() => DeclarerPolicyEnum, { description: "Who may declare." })
  declarers!: DeclarerPolicy;

  @Field(() => [String], { description: "People allowed to declare besides the referent (LISTED only)." })
  allowedDeclarers!: string[];

  @Field(() => [String], { description: "Channel codes through which incidents may be declared (e.g. PHONE, EMAIL, PORTAL)." })
  channels!: string[];

  @Field(() => [String], { description: "Optional declaration fields the procedure makes required: description, category." })
  requiredFields!: string[];

  @Field(() => SupportHoursType, { nullable: true, description: "Support hours; null = declarations accepted at any time." })
  supportHours!: SupportHoursType | null;
}

@ObjectType("MaintenanceContract", { description: "A customer's maintenance terms: declaration procedure and hourly rate." })
export class MaintenanceContractType {
  @Field(() => IdScalar, { description: "Maintenance contract id." })
  id!: number;

  @Field(() => IdScalar, { description: "The customer under maintenance." })
  customerId!: number;

  @Field(() => IdScalar, {
    nullable: true,
    description: "The MAINTENANCE contract (Contract) these terms belong to, when recorded.",
  })
  contractId!: number | null;

  @Field(() => DeclarationProcedureType, { description: "The incident declaration procedure." })
  procedure!: DeclarationProcedureType;

  @Field(() => Int, { description: "Hourly rate excl. VAT, in euro cents, for time billed under this contract." })
  hourlyRateCents!: number;

  @Field(() => DateTimeScalar, { description: "When these terms were recorded." })
  createdAt!: Date;
}
