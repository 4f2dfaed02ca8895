import DataLoader from "dataloader";
import type { Contract, Customer, Offer, PortingRequest, Quote, Referent, SepaMandate, TermsVersion } from "../entities/index.js";
import type { Services } from "../services/index.js";

/**
 * Every batching loader of the API, built once per request (http/app.ts puts them on the GraphQL
 * context) and dropped with it: a list of N rows costs one query per relation, not N, and a row
 * asked for twice in one request (a customer reached from a contract and from a quote) is read
 * once. Nothing is cached across requests, so another server's write is never hidden.
 */
export interface Loaders {
  /** A customer by id; a missing one is an error, as every field that follows an id to it is non-null. */
  customer: DataLoader<number, Customer>;
  offer: DataLoader<number, Offer>;
  contract: DataLoader<number, Contract | null>;
  contractsOfCustomer: DataLoader<number, Contract[]>;
  mandatesOfCustomer: DataLoader<number, SepaMandate[]>;
  quotesOfCustomer: DataLoader<number, Quote[]>;
  activeReferentOfCustomer: DataLoader<number, Referent | null>;
  portingRequestsOfContract: DataLoader<number, PortingRequest[]>;
  portingRequestsOfQuote: DataLoader<number, PortingRequest[]>;
  /** The terms version in force on a date: one query per distinct date (usually just today). */
  termsVersionOn: DataLoader<string, TermsVersion | null>;
}

function byId<T extends { id: number }>(ids: readonly number[], rows: T[], what: string): (T | Error)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? new Error(`${what} ${id} is missing`));
}

function grouped<T>(ids: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

export function createLoaders(services: Services): Loaders {
  return {
    customer: new DataLoader(async (ids) => byId(ids, await services.customers.byIds(ids), "Customer")),
    offer: new DataLoader(async (ids) => byId(ids, await services.contracts.offersByIds(ids), "Offer")),
    contract: new DataLoader(async (ids) => {
      const found = new Map((await services.contracts.byIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    contractsOfCustomer: new DataLoader(async (ids) =>
      grouped(ids, await services.contracts.contractsOfCustomers(ids), (c) => c.customerId),
    ),
    mandatesOfCustomer: new DataLoader(async (ids) =>
      grouped(ids, await services.mandates.forCustomers(ids), (m) => m.customerId),
    ),
    quotesOfCustomer: new DataLoader(async (ids) => {
      const groups = await services.quotes.forCustomers(ids);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    activeReferentOfCustomer: new DataLoader(async (ids) => {
      const byCustomer = await services.maintenance.referents.activeByCustomer(ids);
      return ids.map((id) => byCustomer.get(id) ?? null);
    }),
    portingRequestsOfContract: new DataLoader(async (ids) => {
      const groups = await services.portingRequests.forContracts(ids);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    portingRequestsOfQuote: new DataLoader(async (ids) => {
      const groups = await services.portingRequests.forQuotes(ids);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    termsVersionOn: new DataLoader((dates) => Promise.all(dates.map((date) => services.catalogue.termsVersionInForce(date)))),
  };
}
