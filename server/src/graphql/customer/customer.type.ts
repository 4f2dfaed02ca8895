import { Field, ObjectType } from "type-graphql";
import type { CustomerCategory } from "../../domain/catalogue.js";
import { CustomerCategoryEnum } from "../common/enums.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";

/**
 * A customer as the API shows it: the stored columns. Relations are field resolvers:
 * `sepaMandates` and `quotes` in customer.resolver.ts, `contracts` in
 * contract/customer-contracts.resolver.ts.
 */
@ObjectType("Customer", { description: "A customer of the provider." })
export class CustomerType {
  @Field(() => IdScalar, { description: "Customer id." })
  id!: number;

  @Field({ description: "Legal or display name." })
  name!: string;

  @Field(() => CustomerCategoryEnum, { description: "Category: decides the consumer-law protections (SPEC section 4)." })
  category!: CustomerCategory;

  @Field(() => String, { nullable: true, description: "SIREN (9 digits, Luhn-checked), for businesses." })
  siren!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Date the customer expressly waived the L224-28 protections (MICRO, SMALL, NON_PROFIT only).",
  })
  waiverSignedOn!: string | null;

  @Field({ description: "True for seeded demo data." })
  sample!: boolean;
}
