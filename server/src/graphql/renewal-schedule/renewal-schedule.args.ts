import { ArgsType, Field, Int } from "type-graphql";
import type { ServiceFamily } from "../../domain/catalogue.js";
import { ServiceFamilyEnum } from "../common/enums.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";

@ArgsType()
export class RenewalScheduleArgs {
  @Field(() => LocalDateScalar, { description: "First day of the window (inclusive)." })
  from!: string;

  @Field(() => LocalDateScalar, {
    description: "Last day of the window (inclusive): not before from, and less than 10 years after it.",
  })
  to!: string;

  @Field(() => [ServiceFamilyEnum], { nullable: true, description: "Only offers of these families (null or empty: all)." })
  families?: ServiceFamily[] | null;

  @Field(() => IdScalar, { nullable: true, description: "Only this customer's contracts." })
  customerId?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 500, description: "Page size: 0 to 5000." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: the endCursor of the previous page." })
  after?: string | null;
}
