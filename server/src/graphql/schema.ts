import type { GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import type { Services } from "../services/index.js";
import { AccessResolver } from "./access/access.resolver.js";
import { CatalogueResolver } from "./catalogue/catalogue.resolver.js";
import { CommitmentResolver } from "./commitment/commitment.resolver.js";
import { authChecker } from "./common/auth-checker.js";
import { ContractResolver } from "./contract/contract.resolver.js";
import { CustomerContractsResolver } from "./contract/customer-contracts.resolver.js";
import { CustomerResolver } from "./customer/customer.resolver.js";
import { MAINTENANCE_RESOLVERS } from "./maintenance/index.js";
import { MandateResolver } from "./mandate/mandate.resolver.js";
import { PortingResolver } from "./porting/porting.resolver.js";
import { PortingRequestResolver } from "./porting/porting-request.resolver.js";
import { QuoteResolver } from "./quote/quote.resolver.js";
import { RenewalScheduleResolver } from "./renewal-schedule/renewal-schedule.resolver.js";

/** Every resolver of the API. Add new ones here. */
export const RESOLVERS = [
  AccessResolver,
  CatalogueResolver,
  ...MAINTENANCE_RESOLVERS,
  CommitmentResolver,
  ContractResolver,
  CustomerContractsResolver,
  RenewalScheduleResolver,
  PortingResolver,
  PortingRequestResolver,
  CustomerResolver,
  MandateResolver,
  QuoteResolver,
] as const;

type ResolverClass = new (services: Services) => unknown;

/**
 * Builds the executable schema. Resolvers are created once, with the services injected through
 * their constructor (type-graphql asks this container for them).
 */
export async function buildApiSchema(services: Services | null): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>();
  return buildSchema({
    resolvers: [...RESOLVERS] as unknown as [ResolverClass, ...ResolverClass[]],
    authChecker,
    authMode: "error",
    validate: { forbidUnknownValues: false },
    container: {
      get: (someClass: ResolverClass) => {
        let instance = instances.get(someClass);
        if (!instance) {
          instance = new someClass(services as Services);
          instances.set(someClass, instance);
        }
        return instance;
      },
    } as unknown as ContainerType,
  });
}
