import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { todayInParis } from "../../domain/calendar.js";
import type { Customer, SepaMandate } from "../../entities/index.js";
import { CUSTOMERS_DEFAULT_PAGE, CustomerService } from "../../services/customer.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { SepaMandateType } from "../mandate/mandate.type.js";
import { QuoteType } from "../quote/quote.type.js";
import { quoteView } from "../quote/quote.view.js";
import { CustomerInput } from "./customer.input.js";
import { CustomerType } from "./customer.type.js";

@Resolver(() => CustomerType)
export class CustomerResolver {
  constructor(private readonly customerService: CustomerService) {}

  @Authorized(...CAN.manageCustomers)
  @Mutation(() => CustomerType, {
    description:
      "Creates a customer. A SIREN must pass its Luhn check; a waiver date is only for MICRO, SMALL and NON_PROFIT (BAD_USER_INPUT on waiverSignedOn otherwise).",
  })
  createCustomer(
    @Arg("input", () => CustomerInput, { description: "The new customer." }) input: CustomerInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Customer> {
    return this.customerService.create(actorOf(context), input);
  }

  @Authorized(...CAN.read)
  @Query(() => CustomerType, { nullable: true, description: "A customer by id; null when there is none." })
  async customer(@Arg("id", () => IdScalar, { description: "Customer id." }) id: number): Promise<Customer | null> {
    return this.customerService.byId(id);
  }

  @Authorized(...CAN.read)
  @Query(() => [CustomerType], { description: "Customers by name, optionally those whose name contains a text (ignoring case)." })
  customers(
    @Arg("search", () => String, {
      nullable: true,
      description: "Text the name must contain, ignoring case (at most 200 characters).",
    })
    search: string | null,
    @Arg("first", () => Int, { defaultValue: CUSTOMERS_DEFAULT_PAGE, description: "How many to return (at most 200)." })
    first: number | null,
  ): Promise<Customer[]> {
    return this.customerService.search(search, first ?? CUSTOMERS_DEFAULT_PAGE);
  }

  @FieldResolver(() => [SepaMandateType], { description: "The customer's SEPA mandates, most recently signed first." })
  sepaMandates(@Root() customer: CustomerType, @Ctx() context: GraphQLContext): Promise<SepaMandate[]> {
    return context.loaders.mandatesOfCustomer.load(customer.id);
  }

  @FieldResolver(() => [QuoteType], { description: "The customer's quotes, newest first (at most 200)." })
  async quotes(@Root() customer: CustomerType, @Ctx() context: GraphQLContext): Promise<QuoteType[]> {
    const quotes = await context.loaders.quotesOfCustomer.load(customer.id);
    const today = todayInParis();
    return quotes.map((quote) => quoteView(quote, today));
  }
}
