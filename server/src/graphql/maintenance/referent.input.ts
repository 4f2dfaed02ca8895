import { Field, InputType } from "type-graphql";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar } from "../common/scalars.js";

@InputType({ description: "The person to name as a customer's IT referent." })
export class NameReferentInput {
  @Field(() => IdScalar, { description: "The customer." })
  customerId!: number;

  @Field({ description: "Full name of the referent (1 to 255 characters)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "E-mail address." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Phone number (digits, spaces, . ( ) - and an optional leading +)." })
  phone?: string | null;

  @IdempotencyKeyField("referent")
  idempotencyKey?: string | null;
}
