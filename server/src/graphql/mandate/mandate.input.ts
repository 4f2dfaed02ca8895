import { Field, InputType } from "type-graphql";
import type { SepaScheme } from "../../domain/sepa.js";
import { IdempotencyKeyField } from "../common/idempotency-key.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { SepaSchemeEnum } from "./mandate.type.js";

@InputType({ description: "A SEPA direct-debit mandate signed by a customer." })
export class SepaMandateInput {
  @Field(() => IdScalar, { description: "The customer who signed it." })
  customerId!: number;

  @Field({ description: "IBAN of a SEPA account (checksum and national checks; spaces and case tolerated)." })
  iban!: string;

  @Field({ description: "BIC of the same country as the IBAN (French zone banks count as one country)." })
  bic!: string;

  @Field({
    description:
      "Mandate reference (RUM): at most 35 characters of A–Z a–z 0–9 / - ? : ( ) . , ' + and space, not starting or ending with /, no //; unique ignoring case.",
  })
  reference!: string;

  @Field(() => LocalDateScalar, { description: "Date the customer signed the mandate (not in the future)." })
  signedOn!: string;

  @Field(() => SepaSchemeEnum, { description: "CORE or B2B." })
  scheme!: SepaScheme;

  @IdempotencyKeyField("mandate")
  idempotencyKey?: string | null;
}
