import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import type { GraphQLContext } from "../context.js";
import { CustomerType } from "../customer/customer.type.js";
import { MaintenanceContractType } from "./maintenance-contract.type.js";
import { NameReferentInput } from "./referent.input.js";
import { ReferentType } from "./referent.type.js";

/** IT referents (`nameReferent`) and the maintenance fields of `Customer`. */
@Resolver(() => CustomerType)
export class CustomerMaintenanceResolver {
  constructor(private readonly maintenanceService: MaintenanceService) {}

  @Authorized(...CAN.manageReferents)
  @Mutation(() => ReferentType, {
    description:
      "Names a customer's IT referent (SALES, TECHNICIAN, ADMIN): the current one is closed (activeUntil = now) and the new one opened (activeFrom = now) in one step, so a customer always has at most one active referent; history is kept. Naming the active referent again with identical details changes nothing.",
  })
  nameReferent(
    @Arg("input", () => NameReferentInput, { description: "The customer and the person." }) input: NameReferentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReferentType> {
    return this.maintenanceService.referents.name(actorOf(context), input);
  }

  @Authorized(...CAN.read)
  @FieldResolver(() => ReferentType, {
    nullable: true,
    description: "The customer's active IT referent; null when none is named.",
  })
  referent(@Root() customer: CustomerType, @Ctx() context: GraphQLContext): Promise<ReferentType | null> {
    return context.loaders.activeReferentOfCustomer.load(customer.id);
  }

  @Authorized(...CAN.read)
  @FieldResolver(() => [ReferentType], { description: "Every IT referent the customer has had, the most recent first." })
  referentHistory(@Root() customer: CustomerType): Promise<ReferentType[]> {
    return this.maintenanceService.referents.history(customer.id);
  }

  @Authorized(...CAN.read)
  @FieldResolver(() => [MaintenanceContractType], { description: "The customer's maintenance terms, oldest first." })
  maintenanceContracts(@Root() customer: CustomerType): Promise<MaintenanceContractType[]> {
    return this.maintenanceService.contracts.forCustomer(customer.id);
  }
}
