import { Field, InputType, Int } from "type-graphql";
import type { NumberKind, PortingDirection, PortingUnit, TierMode } from "../../domain/porting-price.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { LocalDateScalar } from "../common/scalars.js";
import { NumberKindEnum, PortingDirectionEnum, PortingUnitEnum, TierModeEnum } from "./porting.enums.js";

@InputType({ description: "A porting request to price." })
export class PortingPriceInput {
  @Field(() => PortingDirectionEnum, { description: "INBOUND (to the provider) or OUTBOUND (away from it)." })
  direction!: PortingDirection;

  @Field(() => [String], {
    description: "French numbers (+33…, 0033… or 0…; spaces, dots and dashes tolerated); no duplicates.",
  })
  numbers!: string[];

  @Field(() => LocalDateScalar, { description: "Date of the request: the grid in force on it applies." })
  requestDate!: string;

  @Field(() => Boolean, { nullable: true, description: "Scheduled outside business hours (adds each row's surcharge)." })
  outsideBusinessHours?: boolean | null;
}

@InputType("TierInput", { description: "A quantity tier." })
export class TierInput {
  @Field(() => Int, { nullable: true, description: "Inclusive upper bound in units; null = no upper bound (last tier only)." })
  upTo?: number | null;

  @Field(() => Int, { description: "Price of one unit in this tier, excl. VAT, in euro cents." })
  unitPriceCents!: number;
}

@InputType({ description: "One row of a porting tariff grid: one direction and number kind." })
export class PortingTariffRowInput {
  @Field(() => PortingDirectionEnum, { description: "Porting direction this row prices." })
  direction!: PortingDirection;

  @Field(() => NumberKindEnum, { description: "Number kind this row prices." })
  numberKind!: NumberKind;

  @Field(() => PortingUnitEnum, { description: "PER_NUMBER or PER_BLOCK." })
  unit!: PortingUnit;

  @Field(() => Int, { nullable: true, description: "Numbers per block: required for PER_BLOCK, absent for PER_NUMBER." })
  blockSize?: number | null;

  @Field(() => TierModeEnum, { description: "VOLUME or GRADUATED." })
  tierMode!: TierMode;

  @Field(() => [TierInput], { description: "Tiers in units, ascending by upTo; the last one has upTo null." })
  tiers!: TierInput[];

  @Field(() => Int, { description: "Fixed fee per request line, excl. VAT, in euro cents." })
  fixedFeeCents!: number;

  @Field(() => Int, { nullable: true, description: "Surcharge outside business hours, in euro cents; null = none." })
  outsideHoursSurchargeCents?: number | null;
}

@InputType({ description: "A new version of the porting tariff grid." })
export class PortingTariffGridInput {
  @Field(() => LocalDateScalar, { description: "First day the grid applies; one grid per date." })
  effectiveFrom!: string;

  @Field(() => [PortingTariffRowInput], { description: "At most one row per direction and number kind." })
  rows!: PortingTariffRowInput[];

  @IdempotencyKeyField("grid")
  idempotencyKey?: string | null;
}
