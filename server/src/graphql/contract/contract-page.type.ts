import { Field, Int, ObjectType } from "type-graphql";
import { CursorPage } from "../common/page.type.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { ContractType } from "./contract.type.js";

export const ContractPageType = CursorPage({
  name: "ContractPage",
  description: "One page of contracts, in id order.",
  items: "contracts",
  itemType: ContractType,
  nouns: ["contracts", "contract"],
});

@ObjectType("RenewalReminder", { description: "An L215-1 renewal reminder recorded as sent, with the period it announced." })
export class RenewalReminderType {
  @Field(() => IdScalar, { description: "The contract." })
  contractId!: number;

  @Field(() => Int, { description: "The period whose end the reminder announced (0 = the initial term)." })
  periodIndex!: number;

  @Field(() => LocalDateScalar, { description: "Date the reminder was sent." })
  sentOn!: string;

  @Field(() => LocalDateScalar, { description: "Last day of that period." })
  periodEnd!: string;

  @Field(() => LocalDateScalar, { description: "Last day the customer can give notice to stop the renewal." })
  noticeDeadline!: string;

  @Field(() => LocalDateScalar, { description: "Start of the legal reminder window: 3 months before the notice deadline." })
  reminderWindowStart!: string;

  @Field(() => LocalDateScalar, { description: "End of the legal reminder window: 1 month before the notice deadline." })
  reminderWindowEnd!: string;
}
