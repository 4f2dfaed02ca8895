import DataLoader from "dataloader";
import type { Customer, Referent } from "../../entities/index.js";
import type { MaintenanceService } from "../../services/maintenance.service.js";
import type { GraphQLContext } from "../context.js";

/** Batching loaders for one request: a list of N customers costs one query per relation, not N. */
export interface MaintenanceLoaders {
  activeReferent: DataLoader<number, Referent | null>;
  customer: DataLoader<number, Customer | null>;
}

// Keyed by the request's context object: the loaders live exactly as long as the request.
const perRequest = new WeakMap<GraphQLContext, MaintenanceLoaders>();

export function maintenanceLoaders(context: GraphQLContext, maintenance: MaintenanceService): MaintenanceLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      activeReferent: new DataLoader(async (customerIds) => {
        const byCustomer = await maintenance.referents.activeByCustomer(customerIds);
        return customerIds.map((id) => byCustomer.get(id) ?? null);
      }),
      customer: new DataLoader(async (ids) => {
        const rows = new Map((await maintenance.contracts.customersByIds(ids)).map((c) => [c.id, c]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
