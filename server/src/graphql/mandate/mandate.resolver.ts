import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { AppConfig } from "../../config.js";
import { todayInParis } from "../../domain/calendar.js";
import { mandateLapsed, maskIban } from "../../domain/sepa.js";
import type { SepaMandate } from "../../entities/index.js";
import { MandateService, type MandateStatus, mandateStatus } from "../../services/mandate.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { Inject } from "../container.js";
import type { GraphQLContext } from "../context.js";
import { CustomerType } from "../customer/customer.type.js";
import { SepaMandateInput } from "./mandate.input.js";
import { SepaMandateStatusEnum, SepaMandateType } from "./mandate.type.js";

/** Whether the caller may see full bank details (ADMIN passes every check). */
function seesBankDetails(context: GraphQLContext): boolean {
  const role = context.principal.role;
  return role === "ADMIN" || CAN.seeBankDetails.includes(role);
}

@Resolver(() => SepaMandateType)
export class MandateResolver {
  constructor(
    private readonly mandateService: MandateService,
    @Inject("config") private readonly config: AppConfig,
  ) {}

  @Authorized(...CAN.manageMandates)
  @Mutation(() => SepaMandateType, {
    description:
      "Registers a SEPA mandate for a customer. Bad IBAN, BIC, reference or date are BAD_USER_INPUT on that field; a reference already used (ignoring case) is BAD_USER_INPUT on reference.",
  })
  async registerSepaMandate(
    @Arg("input", () => SepaMandateInput, { description: "The mandate as signed." }) input: SepaMandateInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SepaMandate> {
    return this.mandateService.register(actorOf(context), input);
  }

  @FieldResolver(() => String, {
    description: "IBAN: in full for ADMIN and FINANCE, otherwise masked (country, check digits and last 4 characters).",
  })
  iban(@Root() mandate: SepaMandate, @Ctx() context: GraphQLContext): string {
    return seesBankDetails(context) ? mandate.iban : maskIban(mandate.iban);
  }

  @FieldResolver(() => String, { description: "The provider's SEPA creditor identifier (ICS) the mandate is given to." })
  creditorIdentifier(): string {
    return this.config.creditorIdentifier;
  }

  @FieldResolver(() => Boolean, {
    description: "True when unused for 36 months as of today (Europe/Paris): it can no longer be used.",
  })
  lapsed(@Root() mandate: SepaMandate): boolean {
    return mandateLapsed(mandate.lastUsedOn, mandate.signedOn, todayInParis());
  }

  @FieldResolver(() => SepaMandateStatusEnum, { description: "ACTIVE, LAPSED or REVOKED, as of today (Europe/Paris)." })
  status(@Root() mandate: SepaMandate): MandateStatus {
    return mandateStatus(mandate, todayInParis());
  }

  @FieldResolver(() => CustomerType, { description: "The customer who signed the mandate." })
  async customer(@Root() mandate: SepaMandate, @Ctx() context: GraphQLContext): Promise<CustomerType> {
    return (await context.loaders.customer.load(mandate.customerId)) as CustomerType;
  }
}
