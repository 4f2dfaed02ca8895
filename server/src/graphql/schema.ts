import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import type { Services } from "../services/index.js";
import { AccessResolver } from "./access/access.resolver.js";
import { CatalogueResolver } from "./catalogue/catalogue.resolver.js";
import { CommitmentResolver } from "./commitment/commitment.resolver.js";
import { authChecker } from "./common/auth-checker.js";
import { ServiceContainer } from "./container.js";
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

/**
 * Builds the executable schema. With services, each resolver is built once by the container, with
 * the services its constructor names (graphql/container.ts). Without them (emitting the schema,
 * generating the docs) no resolver is ever built: nothing runs a query on that schema.
 */
export async function buildApiSchema(services?: Services): Promise<GraphQLSchema> {
  const container = services ? new ServiceContainer(services) : undefined;
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: "error",
    validate: { forbidUnknownValues: false },
    container,
  });
  // Every resolver built now, so a constructor asking for something that is not a service fails
  // at start, not at the first request that reaches it.
  if (container) for (const resolver of RESOLVERS) container.get(resolver as new (...args: unknown[]) => unknown);
  return schema;
}
