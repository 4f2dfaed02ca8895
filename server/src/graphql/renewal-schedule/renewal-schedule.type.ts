import { Field, Int, ObjectType } from "type-graphql";
import type { CustomerCategory, ServiceFamily } from "../../domain/catalogue.js";
import type { ContractStatus } from "../../entities/contract.entity.js";
import { CustomerCategoryEnum, ServiceFamilyEnum } from "../common/enums.js";
import { CursorPage } from "../common/page.type.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { ContractStatusEnum } from "../contract/contract.type.js";

@ObjectType("RenewalEvent", {
  description: "One period end of one contract: its renewal, notice deadline and L215-1 reminder.",
  // Plain data fields, thousands per page: default resolvers, no middleware wrapping. Each costs 1
  // per event like any field (http/query-cost-model.ts weighs the schedule's own work).
  simpleResolvers: true,
})
export class RenewalEventType {
  @Field(() => IdScalar, { description: "The contract." })
  contractId!: number;

  @Field(() => IdScalar, { description: "The contract's customer." })
  customerId!: number;

  @Field({ description: "The customer's name." })
  customerName!: string;

  @Field(() => CustomerCategoryEnum, {
    description: "The customer's category (CONSUMER and NON_PROFIT need renewal reminders).",
  })
  customerCategory!: CustomerCategory;

  @Field({ description: "Code of the offer subscribed to." })
  offerCode!: string;

  @Field({ description: "Name of the offer subscribed to." })
  offerName!: string;

  @Field(() => ServiceFamilyEnum, { description: "Family of the offer." })
  family!: ServiceFamily;

  @Field(() => Int, { description: "Index of the period that ends: 0 = the initial term, k = the k-th renewal." })
  periodIndex!: number;

  @Field(() => LocalDateScalar, { description: "Last day of the period (inclusive)." })
  periodEnd!: string;

  @Field(() => LocalDateScalar, {
    description: "Last day a termination notice can be received to stop the renewal at this period end.",
  })
  noticeDeadline!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "First day of the next period; null when the contract does not renew here (no tacit renewal, or a termination notice ends it).",
  })
  nextPeriodStart!: string | null;

  @Field(() => Int, { description: "Monthly amount excl. VAT in euro cents." })
  monthlyAmountCents!: number;

  @Field({
    description: "An L215-1 renewal reminder is due: a CONSUMER or NON_PROFIT customer whose contract renews at this period end.",
  })
  reminderRequired!: boolean;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "When a reminder is due: start of its window, 3 months before the notice deadline.",
  })
  reminderWindowStart!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "When a reminder is due: end of its window, 1 month before the notice deadline.",
  })
  reminderWindowEnd!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Date the reminder for this period was recorded as sent; null when none is recorded.",
  })
  reminderSentOn!: string | null;

  @Field(() => ContractStatusEnum, { description: "The contract's status as of today (Europe/Paris)." })
  contractStatus!: ContractStatus;
}

export const RenewalSchedulePageType = CursorPage({
  name: "RenewalSchedulePage",
  description: "One page of the renewal schedule, in (periodEnd, contractId, periodIndex) order.",
  items: "events",
  itemType: RenewalEventType,
  nouns: ["events", "event"],
  counted: "in the window matching the filters",
});
