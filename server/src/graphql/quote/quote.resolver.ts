import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { todayInParis } from "../../domain/calendar.js";
import type { Contract, PortingRequest, TermsVersion } from "../../entities/index.js";
import type { QuoteStatus } from "../../entities/quote.entity.js";
import { MandateService } from "../../services/mandate.service.js";
import { QUOTES_DEFAULT_PAGE, QuoteService } from "../../services/quote.service.js";
import { QuoteSigningService } from "../../services/quote-signing.service.js";
import { TermsVersionType } from "../catalogue/offer.type.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { ContractType } from "../contract/contract.type.js";
import { CustomerType } from "../customer/customer.type.js";
import { SepaMandateType } from "../mandate/mandate.type.js";
import { PortingRequestType } from "../porting/porting-request.type.js";
import { QuoteInput, SignQuoteInput, UpdateQuoteInput } from "./quote.input.js";
import { QuoteStatusEnum, QuoteType } from "./quote.type.js";
import { quoteView } from "./quote.view.js";

@Resolver(() => QuoteType)
export class QuoteResolver {
  constructor(
    private readonly quoteService: QuoteService,
    private readonly quoteSigningService: QuoteSigningService,
    private readonly mandateService: MandateService,
  ) {}

  @Authorized(...CAN.read)
  @Query(() => QuoteType, { nullable: true, description: "A quote by id; null when there is none." })
  async quote(@Arg("id", () => IdScalar, { description: "Quote id." }) id: number): Promise<QuoteType | null> {
    const quote = await this.quoteService.byId(id);
    return quote ? quoteView(quote, todayInParis()) : null;
  }

  @Authorized(...CAN.read)
  @Query(() => [QuoteType], {
    description: "Quotes, newest first, optionally of one customer and in one status (EXPIRED included).",
  })
  async quotes(
    @Arg("customerId", () => IdScalar, { nullable: true, description: "Only this customer's quotes." }) customerId: number | null,
    @Arg("status", () => QuoteStatusEnum, { nullable: true, description: "Only quotes in this status as of today." })
    status: QuoteStatus | null,
    @Arg("first", () => Int, { defaultValue: QUOTES_DEFAULT_PAGE, description: "How many to return (at most 200)." })
    first: number | null,
  ): Promise<QuoteType[]> {
    const quotes = await this.quoteService.list({
      customerId,
      status,
      first,
    });
    const today = todayInParis();
    return quotes.map((quote) => quoteView(quote, today));
  }

  @Authorized(...CAN.sell)
  @Mutation(() => QuoteType, {
    description:
      "Creates a DRAFT quote dated today (Europe/Paris), valid 30 days by default; porting is priced with the grid in force today and frozen. Every bad field is BAD_USER_INPUT as lines[i].field.",
  })
  async createQuote(
    @Arg("input", () => QuoteInput, { description: "Customer and lines." }) input: QuoteInput,
    @Ctx() context: GraphQLContext,
  ): Promise<QuoteType> {
    const quote = await this.quoteService.create(actorOf(context), {
      ...input,
      customerId: input.customerId,
    });
    return quoteView(quote, todayInParis());
  }

  @Authorized(...CAN.sell)
  @Mutation(() => QuoteType, {
    description:
      "Replaces every line of a DRAFT or SENT quote that has not expired; its quote date (and so its porting grid) stays. A stale expectedVersion is CONFLICT.",
  })
  async updateQuote(
    @Arg("input", () => UpdateQuoteInput, { description: "Quote, expected version and new lines." }) input: UpdateQuoteInput,
    @Ctx() context: GraphQLContext,
  ): Promise<QuoteType> {
    const quote = await this.quoteService.update(actorOf(context), { ...input, quoteId: input.quoteId });
    return quoteView(quote, todayInParis());
  }

  @Authorized(...CAN.sell)
  @Mutation(() => QuoteType, { description: "Marks a DRAFT quote as SENT to the customer (a SENT quote stays SENT)." })
  async sendQuote(
    @Arg("quoteId", () => IdScalar, { description: "The quote sent." }) quoteId: number,
    @Ctx() context: GraphQLContext,
  ): Promise<QuoteType> {
    const quote = await this.quoteService.send(actorOf(context), quoteId);
    return quoteView(quote, todayInParis());
  }

  @Authorized(...CAN.sell)
  @Mutation(() => QuoteType, { description: "Records that the customer declined a DRAFT or SENT quote." })
  async declineQuote(
    @Arg("quoteId", () => IdScalar, { description: "The quote declined." }) quoteId: number,
    @Ctx() context: GraphQLContext,
  ): Promise<QuoteType> {
    const quote = await this.quoteService.decline(actorOf(context), quoteId);
    return quoteView(quote, todayInParis());
  }

  @Authorized(...CAN.sell)
  @Mutation(() => QuoteType, {
    description:
      "Signs a DRAFT or SENT quote that has not expired: needs a valid SEPA mandate, records the signer, the time and the terms version in force, and creates one contract per line and one porting request per number, all or nothing, exactly once. The same idempotencyKey returns the same signed quote; another key on a signed quote is CONFLICT.",
  })
  async signQuote(
    @Arg("input", () => SignQuoteInput, { description: "Quote, signer and idempotency key." }) input: SignQuoteInput,
    @Ctx() context: GraphQLContext,
  ): Promise<QuoteType> {
    const quote = await this.quoteSigningService.sign(actorOf(context), {
      ...input,
      quoteId: input.quoteId,
    });
    return quoteView(quote, todayInParis());
  }

  @FieldResolver(() => CustomerType, { description: "The customer quoted." })
  async customer(@Root() quote: QuoteType, @Ctx() context: GraphQLContext): Promise<CustomerType> {
    return (await context.loaders.customer.load(quote.customerId)) as CustomerType;
  }

  @FieldResolver(() => [ContractType], { description: "Contracts created by signing the quote, by line; empty until signed." })
  async contracts(@Root() quote: QuoteType): Promise<Contract[]> {
    return quote.status === "SIGNED" ? this.quoteService.contracts(quote.id) : [];
  }

  @FieldResolver(() => [PortingRequestType], {
    description:
      "The porting requests signing created, by line then number, with their legal deadlines; empty until signed or without porting.",
  })
  portingRequests(@Root() quote: QuoteType, @Ctx() context: GraphQLContext): Promise<PortingRequest[]> | PortingRequest[] {
    return quote.status === "SIGNED" ? context.loaders.portingRequestsOfQuote.load(quote.id) : [];
  }

  @FieldResolver(() => TermsVersionType, {
    nullable: true,
    description:
      "Signed: the terms version in force on the signing date, which the customer accepted. DRAFT or SENT: the version in force today, that signing today would record. DECLINED or EXPIRED: null.",
  })
  async termsVersion(@Root() quote: QuoteType, @Ctx() context: GraphQLContext): Promise<TermsVersion | null> {
    if (quote.status === "SIGNED") return this.quoteService.termsVersion(quote.termsVersionId);
    if (quote.status === "DRAFT" || quote.status === "SENT") return context.loaders.termsVersionOn.load(todayInParis());
    return null;
  }

  @FieldResolver(() => SepaMandateType, {
    nullable: true,
    description: "The SEPA mandate recorded at signing; null until signed.",
  })
  async sepaMandate(@Root() quote: QuoteType) {
    return quote.sepaMandateId === null ? null : this.mandateService.byId(quote.sepaMandateId);
  }
}
