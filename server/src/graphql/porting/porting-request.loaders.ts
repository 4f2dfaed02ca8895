import DataLoader from "dataloader";
import type { Contract, PortingRequest } from "../../entities/index.js";
import type { Services } from "../../services/index.js";
import type { GraphQLContext } from "../context.js";

/** Batching loaders for one request: N contracts or quotes cost one query for their porting requests. */
export interface PortingLoaders {
  ofContract: DataLoader<number, PortingRequest[]>;
  ofQuote: DataLoader<number, PortingRequest[]>;
  contract: DataLoader<number, Contract | null>;
}

const perRequest = new WeakMap<GraphQLContext, PortingLoaders>();

export function portingLoaders(context: GraphQLContext, services: Services): PortingLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      ofContract: new DataLoader(async (ids) => {
        const groups = await services.portingRequests.forContracts(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      ofQuote: new DataLoader(async (ids) => {
        const groups = await services.portingRequests.forQuotes(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      contract: new DataLoader(async (ids) => {
        const found = new Map((await services.contracts.byIds(ids)).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      }),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
