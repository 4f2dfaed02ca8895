import { Field, Int, ObjectType, UseMiddleware } from "type-graphql";
import type { NumberKind, PortingDirection, PortingUnit, TierMode } from "../../domain/porting-price.js";
import type { Text } from "../../domain/text.js";
import { InReaderLanguage } from "../common/localized.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { NumberKindEnum, PortingDirectionEnum, PortingUnitEnum, TierModeEnum } from "./porting.enums.js";

@ObjectType("PortingPriceLine", { description: "The price of the numbers of one kind in a porting request." })
export class PortingPriceLineType {
  @Field(() => NumberKindEnum, { description: "Kind of the numbers priced by this line." })
  numberKind!: NumberKind;

  @Field(() => Int, { description: "How many numbers of this kind the request holds." })
  quantity!: number;

  @Field(() => Int, { description: "Billed units: the quantity, or the number of started blocks for a PER_BLOCK row." })
  units!: number;

  @Field(() => Int, {
    description: "Amount excl. VAT in euro cents: fixed fee + tiered price of the units (+ outside-hours surcharge).",
  })
  amountCents!: number;
}

@ObjectType("PortingPrice", { description: "The price of a porting request under the grid in force on its date." })
export class PortingPriceType {
  @Field(() => Int, { description: "Total excl. VAT in euro cents: the sum of the lines." })
  totalCents!: number;

  @Field(() => [PortingPriceLineType], { description: "One line per number kind present in the request." })
  lines!: PortingPriceLineType[];
}

@ObjectType("RioCheck", { description: "Whether a RIO (relevé d'identité opérateur) matches a number." })
export class RioCheckType {
  @Field({ description: "True when the RIO is well formed and its key matches the number." })
  valid!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The 3-character key the number calls for; null when the RIO or the number is malformed.",
  })
  expectedKey!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the RIO is refused, as a sentence in the reader's language (Accept-Language) that does not repeat the input; null when valid.",
  })
  @UseMiddleware(InReaderLanguage)
  reason!: Text | null;
}

@ObjectType("PortingTier", { description: "A quantity tier of a grid row." })
export class PortingTierType {
  @Field(() => Int, { nullable: true, description: "Inclusive upper bound in units; null = no upper bound (last tier)." })
  upTo!: number | null;

  @Field(() => Int, { description: "Price of one unit in this tier, excl. VAT, in euro cents." })
  unitPriceCents!: number;
}

@ObjectType("PortingTariffRow", { description: "The price of porting one kind of number in one direction." })
export class PortingTariffRowType {
  @Field(() => IdScalar, { description: "Row id." })
  id!: number;

  @Field(() => PortingDirectionEnum, { description: "Porting direction this row prices." })
  direction!: PortingDirection;

  @Field(() => NumberKindEnum, { description: "Number kind this row prices." })
  numberKind!: NumberKind;

  @Field(() => PortingUnitEnum, { description: "Per number, or per block of consecutive numbers." })
  unit!: PortingUnit;

  @Field(() => Int, { nullable: true, description: "Numbers per block for PER_BLOCK rows; null for PER_NUMBER." })
  blockSize!: number | null;

  @Field(() => TierModeEnum, { description: "How the tiers apply: VOLUME or GRADUATED." })
  tierMode!: TierMode;

  @Field(() => [PortingTierType], { description: "Quantity tiers in units, ascending; the last one is unbounded." })
  tiers!: PortingTierType[];

  @Field(() => Int, { description: "Fixed fee per request (per number kind line), excl. VAT, in euro cents." })
  fixedFeeCents!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Surcharge per request line for a porting scheduled outside business hours; null = none.",
  })
  outsideHoursSurchargeCents!: number | null;
}

@ObjectType("PortingTariffGrid", { description: "A version of the porting tariff grid, in force from its effective date." })
export class PortingTariffGridType {
  @Field(() => IdScalar, { description: "Grid id." })
  id!: number;

  @Field(() => LocalDateScalar, {
    description: "First day this grid applies; it applies until the next grid's effective date.",
  })
  effectiveFrom!: string;

  @Field({ description: "True for the seeded sample grid (the source terms publish no prices)." })
  sample!: boolean;

  @Field(() => [PortingTariffRowType], { description: "One row per direction and number kind priced." })
  rows!: PortingTariffRowType[];
}
