import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Contract } from "../../entities/contract.entity.js";
import type { GraphQLContext } from "../context.js";
import { CustomerType } from "../customer/customer.type.js";
import { ContractType } from "./contract.type.js";

/** `Customer.contracts`; the customer's other fields and queries live in graphql/customer. */
@Resolver(() => CustomerType)
export class CustomerContractsResolver {
  @FieldResolver(() => [ContractType], {
    description: "The customer's contracts, oldest first (one query for a whole list of customers).",
  })
  contracts(@Root() customer: CustomerType, @Ctx() context: GraphQLContext): Promise<Contract[]> {
    return context.loaders.contractsOfCustomer.load(customer.id);
  }
}
