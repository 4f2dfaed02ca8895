import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import type { NumberKind, PortingDirection } from "../../domain/porting-price.js";
import type { PortingStatus } from "../../domain/porting-request.js";
import { CursorPage } from "../common/page.type.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { NumberKindEnum, PortingDirectionEnum, PortingStatusEnum } from "./porting.enums.js";

/**
 * A porting request as the API shows it: the stored columns. `legalDeadline` and `contract` are
 * field resolvers (porting-request.resolver.ts).
 */
@ObjectType("PortingRequest", {
  description:
    "One number to port in or out, created when the quote line carrying it is signed, and followed until it is ported, rejected or cancelled (SPEC section 5).",
})
export class PortingRequestType {
  @Field(() => IdScalar, { description: "Porting request id." })
  id!: number;

  @Field({ description: "The number in E.164 form, e.g. +33612345678." })
  number!: string;

  @Field(() => NumberKindEnum, { name: "kind", description: "Kind of the number, from its prefix." })
  numberKind!: NumberKind;

  @Field(() => PortingDirectionEnum, { description: "INBOUND (to the provider) or OUTBOUND (away from it)." })
  direction!: PortingDirection;

  @Field(() => String, { nullable: true, description: "The RIO given for the number (upper case, no spaces); null when none." })
  rio!: string | null;

  @Field(() => PortingStatusEnum, { description: "Where the request stands." })
  status!: PortingStatus;

  @Field(() => LocalDateScalar, { description: "Date of the request: the day the quote was signed." })
  requestedOn!: string;

  @Field(() => LocalDateScalar, {
    description:
      "When the porting is planned: the legal deadline until it is scheduled; may be later than the deadline, never before requestedOn.",
  })
  plannedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Day the number was ported; null until COMPLETED." })
  completedOn!: string | null;

  @Field(() => String, { nullable: true, description: "Why the request was rejected; null unless REJECTED." })
  rejectionReason!: string | null;

  /** Not exposed directly: resolved into `contract`. */
  contractId!: number | null;
}

export const PortingRequestPageType = CursorPage({
  name: "PortingRequestPage",
  description: "One page of porting requests, by planned date then id.",
  items: "portingRequests",
  itemType: PortingRequestType,
  nouns: ["requests", "request"],
});

@ArgsType()
export class PortingRequestsArgs {
  @Field(() => PortingStatusEnum, { nullable: true, description: "Only requests in this status." })
  status?: PortingStatus | null;

  @Field(() => PortingDirectionEnum, { nullable: true, description: "Only requests in this direction." })
  direction?: PortingDirection | null;

  @Field(() => IdScalar, { nullable: true, description: "Only this customer's requests." })
  customerId?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only requests planned on or after this day." })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only requests planned on or before this day (not before from)." })
  to?: string | null;

  @Field(() => Int, { nullable: true, description: "Page size: 0 to 500 (default 100)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: the endCursor of the previous page." })
  after?: string | null;
}
