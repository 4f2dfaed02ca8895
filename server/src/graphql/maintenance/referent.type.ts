import { Field, ObjectType } from "type-graphql";
import { IdScalar } from "../common/scalars.js";
import { DateTimeScalar } from "./maintenance.enums.js";

@ObjectType("Referent", {
  description: "A customer's IT referent: the provider's privileged technical and commercial contact (SPEC section 7).",
})
export class ReferentType {
  @Field(() => IdScalar, { description: "Referent record id (a new record each time a referent is named)." })
  id!: number;

  @Field(() => IdScalar, { description: "The customer this person is (or was) the referent of." })
  customerId!: number;

  @Field({ description: "Full name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "E-mail address." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Phone number." })
  phone!: string | null;

  @Field(() => DateTimeScalar, { description: "When this person became the referent." })
  activeFrom!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When this person stopped being the referent (the next one's activeFrom); null while active.",
  })
  activeUntil!: Date | null;
}
