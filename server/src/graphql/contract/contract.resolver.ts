import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { todayInParis } from "../../domain/calendar.js";
import type { CommitmentStatus } from "../../domain/commitment.js";
import { contractStatusOn } from "../../domain/contract-status.js";
import type { Contract, ContractStatus } from "../../entities/contract.entity.js";
import type { Customer } from "../../entities/customer.entity.js";
import type { PortingRequest } from "../../entities/index.js";
import type { Offer } from "../../entities/offer.entity.js";
import { storedContractCommitment } from "../../services/commitment-status.js";
import type { ContractPage, RenewalReminderRecord } from "../../services/contract.service.js";
import { ContractService } from "../../services/contract.service.js";
import { OfferType } from "../catalogue/offer.type.js";
import { CommitmentStatusType } from "../commitment/commitment-status.type.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { CustomerType } from "../customer/customer.type.js";
import { PortingRequestType } from "../porting/porting-request.type.js";
import { ContractsArgs, RecordRenewalReminderInput, RecordTerminationNoticeInput } from "./contract.input.js";
import { ContractStatusEnum, ContractType } from "./contract.type.js";
import { ContractPageType, RenewalReminderType } from "./contract-page.type.js";

@Resolver(() => ContractType)
export class ContractResolver {
  constructor(private readonly contractService: ContractService) {}

  @Authorized(...CAN.read)
  @Query(() => ContractType, { nullable: true, description: "A contract by id; null when there is none." })
  contract(@Arg("id", () => IdScalar, { description: "Contract id." }) id: number): Promise<Contract | null> {
    return this.contractService.findById(id);
  }

  @Authorized(...CAN.read)
  @Query(() => ContractPageType, { description: "Contracts in id order, filtered by customer and status, one page at a time." })
  contracts(@Args() args: ContractsArgs): Promise<ContractPage> {
    return this.contractService.list(args);
  }

  @FieldResolver(() => ContractStatusEnum, {
    description: "Status as of today (Europe/Paris): ENDED once the end date has passed.",
  })
  status(@Root() contract: ContractType): ContractStatus {
    return contractStatusOn(contract, todayInParis());
  }

  @FieldResolver(() => [PortingRequestType], {
    description:
      "The numbers ported with this contract (from its signed quote line), with their legal deadlines; empty when none.",
  })
  portingRequests(@Root() contract: ContractType, @Ctx() context: GraphQLContext): Promise<PortingRequest[]> {
    return context.loaders.portingRequestsOfContract.load(contract.id);
  }

  @FieldResolver(() => CustomerType, { description: "The customer holding the contract." })
  customer(@Root() contract: ContractType, @Ctx() context: GraphQLContext): Promise<Customer> {
    return context.loaders.customer.load(contract.customerId);
  }

  @FieldResolver(() => OfferType, { description: "The catalogue offer subscribed to." })
  offer(@Root() contract: ContractType, @Ctx() context: GraphQLContext): Promise<Offer> {
    return context.loaders.offer.load(contract.offerId);
  }

  @FieldResolver(() => CommitmentStatusType, {
    description:
      "The contract's commitment status on a date, as commitmentPreview computes it from the contract's terms, customer and offer. A stored contract is never refused for the 24-month cap.",
  })
  async commitment(
    @Root() contract: ContractType,
    @Ctx() context: GraphQLContext,
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "Date to compute for (default: today in Europe/Paris)." })
    asOf?: string | null,
  ): Promise<CommitmentStatus> {
    const loaders = context.loaders;
    const [customer, offer] = await Promise.all([
      loaders.customer.load(contract.customerId),
      loaders.offer.load(contract.offerId),
    ]);
    return storedContractCommitment(contract, { customer, offer }, asOf ?? todayInParis());
  }

  @Authorized(...CAN.manageContracts)
  @Mutation(() => ContractType, {
    description:
      "Records a termination notice: sets the end date to the end of the first period whose notice deadline is on or after receivedOn (status NOTICE_RECEIVED, then ENDED once past). The same date again is a no-op; another date is a CONFLICT.",
  })
  recordTerminationNotice(
    @Arg("input", { description: "The notice." }) input: RecordTerminationNoticeInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Contract> {
    return this.contractService.recordTerminationNotice(actorOf(context), input);
  }

  @Authorized(...CAN.manageContracts)
  @Mutation(() => RenewalReminderType, {
    description:
      "Records that the L215-1 renewal reminder for one period of a CONSUMER or NON_PROFIT customer's contract was sent. The same date again is a no-op; another date is a CONFLICT.",
  })
  recordRenewalReminder(
    @Arg("input", { description: "The reminder." }) input: RecordRenewalReminderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RenewalReminderRecord> {
    return this.contractService.recordRenewalReminder(actorOf(context), input);
  }
}
