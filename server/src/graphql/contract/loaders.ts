import DataLoader from "dataloader";
import type { Contract } from "../../entities/contract.entity.js";
import type { Customer } from "../../entities/customer.entity.js";
import type { Offer } from "../../entities/offer.entity.js";
import type { ContractService } from "../../services/contract.service.js";
import type { GraphQLContext } from "../context.js";

/** Batching loaders for one request: a list of N contracts costs one query per relation, not N. */
export interface ContractLoaders {
  customer: DataLoader<number, Customer>;
  offer: DataLoader<number, Offer>;
  contractsOfCustomer: DataLoader<number, Contract[]>;
}

// Keyed by the request's context object, so loaders (and their caches) live exactly as long as
// the request, without adding a field to the shared context type.
const perRequest = new WeakMap<GraphQLContext, ContractLoaders>();

function byId<T extends { id: number }>(ids: readonly number[], rows: T[], what: string): (T | Error)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? new Error(`${what} ${id} is missing`));
}

export function contractLoaders(context: GraphQLContext, contracts: ContractService): ContractLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      customer: new DataLoader(async (ids) => byId(ids, await contracts.customersByIds(ids), "Customer")),
      offer: new DataLoader(async (ids) => byId(ids, await contracts.offersByIds(ids), "Offer")),
      contractsOfCustomer: new DataLoader(async (customerIds) => {
        const groups = new Map<number, Contract[]>(customerIds.map((id) => [id, []]));
        for (const row of await contracts.contractsOfCustomers(customerIds)) groups.get(row.customerId)?.push(row);
        return customerIds.map((id) => groups.get(id) ?? []);
      }),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
