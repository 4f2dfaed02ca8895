import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { CustomerType } from "../customer/customer.type.js";
import { MaintenanceContractInput } from "./maintenance-contract.input.js";
import { MaintenanceContractType } from "./maintenance-contract.type.js";

@Resolver(() => MaintenanceContractType)
export class MaintenanceContractResolver {
  constructor(private readonly maintenanceService: MaintenanceService) {}

  @Authorized(...CAN.sell)
  @Mutation(() => MaintenanceContractType, {
    description:
      "Records a customer's maintenance terms (SALES, ADMIN): the incident declaration procedure and the hourly rate for billed time. A Contract given as contractId must be the customer's MAINTENANCE contract and have no terms yet.",
  })
  createMaintenanceContract(
    @Arg("input", () => MaintenanceContractInput, { description: "The terms." }) input: MaintenanceContractInput,
    @Ctx() context: GraphQLContext,
  ): Promise<MaintenanceContractType> {
    return this.maintenanceService.contracts.create(actorOf(context), {
      ...input,
      procedure: { ...input.procedure, supportHours: input.procedure.supportHours ?? null },
    });
  }

  @Authorized(...CAN.read)
  @Query(() => [MaintenanceContractType], { description: "A customer's maintenance terms, oldest first." })
  maintenanceContracts(
    @Arg("customerId", () => IdScalar, { description: "The customer." }) customerId: number,
  ): Promise<MaintenanceContractType[]> {
    return this.maintenanceService.contracts.forCustomer(customerId);
  }

  @Authorized(...CAN.read)
  @FieldResolver(() => CustomerType, { description: "The customer under maintenance." })
  async customer(@Root() contract: MaintenanceContractType, @Ctx() context: GraphQLContext): Promise<CustomerType> {
    return (await context.loaders.customer.load(contract.customerId)) as CustomerType;
  }
}
