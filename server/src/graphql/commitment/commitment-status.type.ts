import { Field, Int, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../common/scalars.js";

/** API.md `CommitmentStatus`: the domain's `CommitmentStatus`, field for field. */
@ObjectType("CommitmentStatus", {
  description:
    "Where a contract stands in its commitment on a date: period, notice deadlines, earliest end and early-termination fee.",
})
export class CommitmentStatusType {
  @Field(() => Int, {
    description:
      "Index of the current period: 0 = initial term, k = k-th tacit renewal. A date before the start reports period 0.",
  })
  periodIndex!: number;

  @Field({ description: "True while in the initial term (period 0)." })
  inInitialTerm!: boolean;

  @Field(() => LocalDateScalar, { description: "First day of the current period." })
  currentPeriodStart!: string;

  @Field(() => LocalDateScalar, { description: "Last day of the current period (inclusive)." })
  currentPeriodEnd!: string;

  @Field(() => LocalDateScalar, { description: "Last day of the initial term (inclusive): EDATE(start, initialTermMonths) - 1." })
  initialTermEnd!: string;

  @Field(() => LocalDateScalar, {
    description:
      "Last day a termination notice can be received to stop renewal at the end of the current period (may be before asOf).",
  })
  noticeDeadline!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "The first notice deadline on or after asOf; null when none remains (no tacit renewal and the deadline has passed).",
  })
  nextNoticeDeadline!: string | null;

  @Field(() => LocalDateScalar, { description: "Last day of service if a termination notice is received on asOf." })
  earliestEndDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "First day of the next period; null when renewalTermMonths = 0." })
  nextRenewalDate!: string | null;

  @Field(() => Int, {
    description:
      "Monthly billing cycles m with asOf < EDATE(start, m) < the day after currentPeriodEnd (cycles still to be billed in the period).",
  })
  remainingCycles!: number;

  @Field(() => Int, {
    description:
      "Early-termination fee in euro cents if the last day of service is asOf, after the L224-28 cap for protected customers.",
  })
  earlyTerminationFeeCents!: number;
}
