import type { EntityManager } from "typeorm";
import type { CustomerCategory, ServiceFamily } from "../../server/src/domain/catalogue.js";
import { Contract, Customer, Offer } from "../../server/src/entities/index.js";

/** Test data written straight through the entity manager (the API under test only reads it). */
export interface CustomerFixture {
  name?: string;
  category?: CustomerCategory;
  waiverSignedOn?: string | null;
}

export async function insertCustomer(manager: EntityManager, fixture: CustomerFixture = {}): Promise<Customer> {
  return manager.save(
    manager.create(Customer, {
      name: fixture.name ?? "Test customer",
      category: fixture.category ?? "OTHER",
      siren: null,
      waiverSignedOn: fixture.waiverSignedOn ?? null,
      sample: false,
      createdAt: new Date(),
    }),
  );
}

export interface ContractFixture {
  customerId: number;
  /** Offer of this family from the seeded catalogue (default IP_ACCESS_WIRED). */
  family?: ServiceFamily;
  startDate: string;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths?: number | null;
  noticeDays?: number | null;
  monthlyAmountCents?: number;
  subsidisedDevice?: boolean;
  status?: Contract["status"];
  noticeReceivedOn?: string | null;
  endDate?: string | null;
}

const offerIds = new WeakMap<EntityManager, Map<ServiceFamily, number>>();

export async function offerIdOf(manager: EntityManager, family: ServiceFamily): Promise<number> {
  let ids = offerIds.get(manager);
  if (!ids) {
    ids = new Map((await manager.find(Offer)).map((offer) => [offer.family, offer.id]));
    offerIds.set(manager, ids);
  }
  const id = ids.get(family);
  if (id === undefined) throw new Error(`no seeded offer of family ${family}`);
  return id;
}

export async function contractEntity(manager: EntityManager, fixture: ContractFixture): Promise<Contract> {
  return manager.create(Contract, {
    customerId: fixture.customerId,
    offerId: await offerIdOf(manager, fixture.family ?? "IP_ACCESS_WIRED"),
    quoteId: null,
    quoteLineId: null,
    quantity: 1,
    monthlyAmountCents: fixture.monthlyAmountCents ?? 0,
    startDate: fixture.startDate,
    initialTermMonths: fixture.initialTermMonths,
    renewalTermMonths: fixture.renewalTermMonths,
    noticeMonths: fixture.noticeMonths ?? null,
    noticeDays: fixture.noticeDays ?? null,
    subsidisedDevice: fixture.subsidisedDevice ?? false,
    status: fixture.status ?? (fixture.endDate ? "NOTICE_RECEIVED" : "ACTIVE"),
    noticeReceivedOn: fixture.noticeReceivedOn ?? null,
    endDate: fixture.endDate ?? null,
    sample: false,
    createdAt: new Date(),
  });
}

export async function insertContract(manager: EntityManager, fixture: ContractFixture): Promise<Contract> {
  return manager.save(await contractEntity(manager, fixture));
}

/** Many contracts in chunks (one INSERT per chunk). */
export async function insertContracts(manager: EntityManager, fixtures: ContractFixture[]): Promise<Contract[]> {
  const entities = await Promise.all(fixtures.map((fixture) => contractEntity(manager, fixture)));
  return manager.save(entities, { chunk: 100 });
}

/** Counts the SQL statements the server runs while `work` runs (every query goes through the logger). */
export async function countQueries<T>(manager: EntityManager, work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const logger = manager.dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const queries: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    queries.push(query);
    return original(query, parameters, runner);
  };
  try {
    return { result: await work(), queries };
  } finally {
    logger.logQuery = original;
  }
}
