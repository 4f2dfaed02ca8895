import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { portingLegalDeadline } from "../../domain/porting-request.js";
import type { Contract, PortingRequest } from "../../entities/index.js";
import type { PortingRequestPage } from "../../services/porting-request.service.js";
import { PortingRequestService } from "../../services/porting-request.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { ContractType } from "../contract/contract.type.js";
import { PortingRequestPageType, PortingRequestsArgs, PortingRequestType } from "./porting-request.type.js";

const LIFECYCLE =
  "REQUESTED → SCHEDULED → COMPLETED, or REJECTED / CANCELLED before completion; from any other state BAD_USER_INPUT on id. The same call repeated changes nothing. Audited. TECHNICIAN and ADMIN.";

@Resolver(() => PortingRequestType)
export class PortingRequestResolver {
  constructor(private readonly portingRequestService: PortingRequestService) {}

  @Authorized(...CAN.read)
  @Query(() => PortingRequestType, { nullable: true, description: "A porting request by id; null when there is none." })
  portingRequest(@Arg("id", () => IdScalar, { description: "Porting request id." }) id: number): Promise<PortingRequest | null> {
    return this.portingRequestService.byId(id);
  }

  @Authorized(...CAN.read)
  @Query(() => PortingRequestPageType, {
    description:
      "Porting requests to follow up, by planned date then id, filtered by status, direction, customer and planned dates, one page at a time.",
  })
  portingRequests(@Args() args: PortingRequestsArgs): Promise<PortingRequestPage> {
    return this.portingRequestService.page(args);
  }

  @Authorized(...CAN.managePorting)
  @Mutation(() => PortingRequestType, {
    description: `Plans the porting for a day (REQUESTED or SCHEDULED → SCHEDULED): on or after requestedOn, later than the legal deadline if need be. ${LIFECYCLE}`,
  })
  schedulePorting(
    @Arg("id", () => IdScalar, { description: "The porting request." }) id: number,
    @Arg("plannedOn", () => LocalDateScalar, { description: "The day planned; not before requestedOn." }) plannedOn: string,
    @Ctx() context: GraphQLContext,
  ): Promise<PortingRequest> {
    return this.portingRequestService.transition(actorOf(context), id, { action: "schedule", plannedOn });
  }

  @Authorized(...CAN.managePorting)
  @Mutation(() => PortingRequestType, {
    description: `Records that the number was ported (SCHEDULED → COMPLETED), on a day from requestedOn to today. ${LIFECYCLE}`,
  })
  completePorting(
    @Arg("id", () => IdScalar, { description: "The porting request." }) id: number,
    @Arg("completedOn", () => LocalDateScalar, { description: "The day the number was ported; not in the future." })
    completedOn: string,
    @Ctx() context: GraphQLContext,
  ): Promise<PortingRequest> {
    return this.portingRequestService.transition(actorOf(context), id, { action: "complete", completedOn });
  }

  @Authorized(...CAN.managePorting)
  @Mutation(() => PortingRequestType, {
    description: `Records that the porting was refused (REQUESTED or SCHEDULED → REJECTED), with the reason. ${LIFECYCLE}`,
  })
  rejectPorting(
    @Arg("id", () => IdScalar, { description: "The porting request." }) id: number,
    @Arg("reason", { description: "Why it was refused (1 to 500 characters)." }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<PortingRequest> {
    return this.portingRequestService.transition(actorOf(context), id, { action: "reject", reason });
  }

  @Authorized(...CAN.managePorting)
  @Mutation(() => PortingRequestType, {
    description: `Withdraws the request (REQUESTED or SCHEDULED → CANCELLED). ${LIFECYCLE}`,
  })
  cancelPorting(
    @Arg("id", () => IdScalar, { description: "The porting request." }) id: number,
    @Ctx() context: GraphQLContext,
  ): Promise<PortingRequest> {
    return this.portingRequestService.transition(actorOf(context), id, { action: "cancel" });
  }

  @FieldResolver(() => LocalDateScalar, {
    description:
      "The legal deadline (convention): MOBILE numbers 1 working day after requestedOn, other kinds 7 working days; working days are Monday to Friday except French public holidays.",
  })
  legalDeadline(@Root() request: PortingRequestType): string {
    return portingLegalDeadline(request.numberKind, request.requestedOn);
  }

  @FieldResolver(() => ContractType, { description: "The contract whose signed quote line carried the number." })
  async contract(@Root() request: PortingRequestType, @Ctx() context: GraphQLContext): Promise<Contract> {
    const contract = request.contractId === null ? null : await context.loaders.contract.load(request.contractId);
    if (!contract) throw new Error(`porting request ${request.id} has no contract`);
    return contract;
  }
}
