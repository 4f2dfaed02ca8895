import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { CONTRACT_STATUSES, type ContractStatus } from "../../domain/contract-status.js";
import { enumObject } from "../common/enums.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";

export const ContractStatusEnum = enumObject(CONTRACT_STATUSES);
registerEnumType(ContractStatusEnum, {
  name: "ContractStatus",
  description: "ACTIVE, then NOTICE_RECEIVED once a termination notice is recorded, then ENDED after its last day of service.",
});

/**
 * A contract as the API shows it. Field resolvers (commitment, customer, offer) live in
 * contract.resolver.ts; this class holds the stored columns.
 */
@ObjectType("Contract", { description: "A customer's subscription to one offer, with the terms that drive its commitment." })
export class ContractType {
  @Field(() => IdScalar, { description: "Contract id." })
  id!: number;

  @Field(() => ContractStatusEnum, { description: "Status as of today (Europe/Paris): ENDED once the end date has passed." })
  status!: ContractStatus;

  @Field(() => LocalDateScalar, { description: "Service start (activation) date: the anchor of every period and billing cycle." })
  startDate!: string;

  @Field(() => Int, { description: "Monthly amount excl. VAT in euro cents (quantity × unit price)." })
  monthlyAmountCents!: number;

  @Field(() => Int, { description: "Number of units subscribed." })
  quantity!: number;

  @Field(() => Int, { description: "Initial commitment in months." })
  initialTermMonths!: number;

  @Field(() => Int, { description: "Tacit renewal period in months; 0 = no tacit renewal." })
  renewalTermMonths!: number;

  @Field(() => Int, { nullable: true, description: "Notice period in months (null when counted in days or when none)." })
  noticeMonths!: number | null;

  @Field(() => Int, { nullable: true, description: "Notice period in days (null when counted in months or when none)." })
  noticeDays!: number | null;

  @Field({ description: "A subsidised device was sold with the contract (caps protected customers' fee at 20%)." })
  subsidisedDevice!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date the termination notice was received, if any." })
  noticeReceivedOn!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "Last day of service: set at signing for a contract without tacit renewal (the end of its initial term), and when a termination notice is recorded; null while the contract renews.",
  })
  endDate!: string | null;

  @Field(() => Int, { description: "Version for optimistic locking: send it back with edits." })
  version!: number;

  @Field({ description: "True for seeded demo data." })
  sample!: boolean;

  /** Not exposed directly: resolved into `customer` and `offer` by field resolvers. */
  customerId!: number;
  offerId!: number;
  /** Not exposed: when the contract was recorded (its signing), which the waiver rule reads. */
  createdAt!: Date;
  /** Not exposed: the signed quote it comes from, for `Quote.portingRequests`. */
  quoteId!: number | null;
}
