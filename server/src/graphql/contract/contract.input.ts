import { ArgsType, Field, InputType, Int } from "type-graphql";
import type { ContractStatus } from "../../entities/contract.entity.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { ContractStatusEnum } from "./contract.type.js";

@InputType("RecordTerminationNoticeInput", { description: "A termination notice received from the customer." })
export class RecordTerminationNoticeInput {
  @Field(() => IdScalar, { description: "The contract the notice terminates." })
  contractId!: number;

  @Field(() => LocalDateScalar, {
    description:
      "Date the notice was received. The contract ends at the end of the first period (current or later) whose notice deadline is on or after it.",
  })
  receivedOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The contract version the caller last read (optimistic locking): a CONFLICT if the contract changed since.",
  })
  expectedVersion?: number | null;
}

@InputType("RecordRenewalReminderInput", { description: "An L215-1 renewal reminder sent to a CONSUMER or NON_PROFIT customer." })
export class RecordRenewalReminderInput {
  @Field(() => IdScalar, { description: "The tacitly renewed contract the reminder was about." })
  contractId!: number;

  @Field(() => Int, { description: "The period whose end (and renewal) the reminder announced: 0 = the initial term." })
  periodIndex!: number;

  @Field(() => LocalDateScalar, {
    description:
      "Date the reminder was sent: not before the contract's start, not after the period's notice deadline, not in the future.",
  })
  sentOn!: string;
}

@ArgsType()
export class ContractsArgs {
  @Field(() => IdScalar, { nullable: true, description: "Only this customer's contracts." })
  customerId?: number | null;

  @Field(() => ContractStatusEnum, { nullable: true, description: "Only contracts with this status as of today (Europe/Paris)." })
  status?: ContractStatus | null;

  @Field(() => Int, { nullable: true, description: "Page size: 0 to 500 (default 100)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: the endCursor of the previous page." })
  after?: string | null;
}
