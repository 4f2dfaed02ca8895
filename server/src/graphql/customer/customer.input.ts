import { Field, InputType } from "type-graphql";
import type { CustomerCategory } from "../../domain/catalogue.js";
import { CustomerCategoryEnum } from "../common/enums.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { LocalDateScalar } from "../common/scalars.js";

@InputType({ description: "A new customer." })
export class CustomerInput {
  @Field({ description: "Legal or display name (trimmed; 1 to 255 characters)." })
  name!: string;

  @Field(() => CustomerCategoryEnum, { description: "Category: decides the consumer-law protections (SPEC section 4)." })
  category!: CustomerCategory;

  @Field(() => String, { nullable: true, description: "SIREN: 9 digits with a valid Luhn check digit (spaces tolerated)." })
  siren?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "Date the customer expressly waived the L224-28 protections; only for MICRO, SMALL and NON_PROFIT (a CONSUMER cannot waive them), not in the future.",
  })
  waiverSignedOn?: string | null;

  @IdempotencyKeyField("customer")
  idempotencyKey?: string | null;
}
