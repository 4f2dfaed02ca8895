import DataLoader from "dataloader";
import type { Customer, Quote, SepaMandate, TermsVersion } from "../../entities/index.js";
import type { Services } from "../../services/index.js";
import type { GraphQLContext } from "../context.js";

/** Batching loaders for one request: a list of N quotes or customers costs one query per relation, not N. */
export interface SalesLoaders {
  customer: DataLoader<number, Customer | null>;
  mandatesOfCustomer: DataLoader<number, SepaMandate[]>;
  quotesOfCustomer: DataLoader<number, Quote[]>;
  termsVersionOn: DataLoader<string, TermsVersion | null>;
}

// Keyed by the request's context object: the loaders and their caches live as long as the request.
const perRequest = new WeakMap<GraphQLContext, SalesLoaders>();

export function salesLoaders(context: GraphQLContext, services: Services): SalesLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      customer: new DataLoader(async (ids) => {
        const found = new Map((await services.customers.byIds(ids)).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      mandatesOfCustomer: new DataLoader(async (customerIds) => {
        const groups = new Map<number, SepaMandate[]>(customerIds.map((id) => [id, []]));
        for (const mandate of await services.mandates.forCustomers(customerIds)) groups.get(mandate.customerId)?.push(mandate);
        return customerIds.map((id) => groups.get(id) ?? []);
      }),
      quotesOfCustomer: new DataLoader(async (customerIds) => {
        const groups = await services.quotes.forCustomers(customerIds);
        return customerIds.map((id) => groups.get(id) ?? []);
      }),
      // One query per distinct date (usually just today).
      termsVersionOn: new DataLoader((dates) => Promise.all(dates.map((date) => services.catalogue.termsVersionInForce(date)))),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
