import { Field, ObjectType, registerEnumType } from "type-graphql";
import { SEPA_SCHEMES, type SepaScheme } from "../../domain/sepa.js";
import { enumObject } from "../common/enums.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";

export const SepaSchemeEnum = enumObject(SEPA_SCHEMES);
registerEnumType(SepaSchemeEnum, {
  name: "SepaScheme",
  description: "SEPA direct-debit scheme of a mandate.",
  valuesConfig: {
    CORE: { description: "SEPA Core direct debit (consumers and businesses)." },
    B2B: { description: "SEPA Business-to-Business direct debit (businesses only)." },
  },
});

export const SepaMandateStatusEnum = enumObject(["ACTIVE", "LAPSED", "REVOKED"] as const);
registerEnumType(SepaMandateStatusEnum, {
  name: "SepaMandateStatus",
  description: "Whether a mandate can be used for direct debits today.",
  valuesConfig: {
    ACTIVE: { description: "Usable: neither revoked nor lapsed." },
    LAPSED: { description: "Unused for 36 months (since its last use, or its signature when never used)." },
    REVOKED: { description: "Revoked by the customer." },
  },
});

/** Stored columns; `iban`, `creditorIdentifier`, `lapsed`, `status` and `customer` are field resolvers. */
@ObjectType("SepaMandate", { description: "A SEPA direct-debit mandate (RUM) signed by a customer." })
export class SepaMandateType {
  @Field(() => IdScalar, { description: "Mandate id." })
  id!: number;

  @Field({ description: "Unique mandate reference (RUM), as registered; unique ignoring case." })
  reference!: string;

  @Field(() => SepaSchemeEnum, { description: "CORE or B2B." })
  scheme!: SepaScheme;

  @Field(() => LocalDateScalar, { description: "Date the customer signed the mandate." })
  signedOn!: string;

  @Field({ description: "BIC of the debtor's bank, in electronic form (8 or 11 characters)." })
  bic!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date of the last direct debit collected with it, if any." })
  lastUsedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date the mandate was revoked, if it was." })
  revokedOn!: string | null;

  customerId!: number;
  iban!: string;
}
