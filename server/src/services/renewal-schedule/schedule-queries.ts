/**
 * The renewal schedule's set-based queries, whatever the number of contracts: the contracts of a
 * window, the customers and offers they name, and their recorded reminders, filtered in SQL and
 * read as raw rows (no entity hydration).
 */
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { CustomerCategory, ServiceFamily } from "../../domain/catalogue.js";
import { Contract, type ContractStatus } from "../../entities/contract.entity.js";
import { Customer } from "../../entities/customer.entity.js";
import { Offer } from "../../entities/offer.entity.js";
import { RenewalReminder } from "../../entities/renewal-reminder.entity.js";

export interface RenewalScheduleFilter {
  /** Window, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Null or empty: every family. */
  families?: readonly ServiceFamily[] | null;
  customerId?: number | null;
}

/** One contract as the schedule needs it: its terms, its customer and offer, its end. */
export interface ScheduleRow {
  contractId: number;
  customerId: number;
  customerName: string;
  customerCategory: CustomerCategory;
  offerCode: string;
  offerName: string;
  family: ServiceFamily;
  startDate: string;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths: number | null;
  noticeDays: number | null;
  monthlyAmountCents: number;
  status: ContractStatus;
  endDate: string | null;
}

/**
 * Contracts that may have a period end in [from, to]: started on or before `to`, and not ended
 * before `from` (no end date and not ENDED, or an end date on or after `from`).
 *
 * No index condition on purpose: a window around today holds nearly every contract, and a
 * sequential scan reads them faster than IDX_contract_status_start plus a lookup per row (SQLite
 * has no statistics and takes an index whenever a condition allows it: 20% slower for the
 * contracts, twice as slow for their reminders at 100,000 contracts, see `npm run bench`).
 * A customer filter still uses IDX_contract_customer.
 */
function whereInSchedule<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: RenewalScheduleFilter,
): SelectQueryBuilder<T> {
  query
    .where("c.startDate <= :to", { to: filter.to })
    .andWhere("((c.endDate IS NULL AND c.status <> 'ENDED') OR c.endDate >= :from)", { from: filter.from });
  if (filter.customerId !== null && filter.customerId !== undefined) {
    query.andWhere("c.customerId = :customerId", { customerId: filter.customerId });
  }
  return query;
}

const hasFamilies = (filter: RenewalScheduleFilter) => !!filter.families && filter.families.length > 0;

type ContractColumns = Omit<ScheduleRow, "customerName" | "customerCategory" | "offerCode" | "offerName" | "family"> & {
  offerId: number;
};

/** Reads the contracts of a window a slice at a time (`scheduleReader`). */
export interface ScheduleReader {
  /**
   * Up to `limit` contracts (null: all) of the window with an id above `afterId`, in id order, and
   * the last id read (null when none was: the end of the window).
   */
  contracts(afterId: number, limit: number | null): Promise<{ rows: ScheduleRow[]; lastId: number | null }>;
  /** The recorded reminders of `rows` (a slice `contracts` returned), sent on or before the window's end (a reminder is sent no later than its period's notice deadline, so a later one cannot belong to an event of the window). */
  reminders(rows: readonly ScheduleRow[]): Promise<ScheduleReminderRow[]>;
}

/**
 * The customers and offers of a window read once, then its contracts by slices of ids (keyset
 * paging on the primary key: each slice is one short query, and between slices the server can
 * answer other requests). Customers and offers are joined in memory: each contract row carries
 * only its own columns (a join in SQL would copy the customer's and offer's names into every row:
 * about 40% more time at 100,000 contracts). Null when no offer matches the families asked for.
 */
export async function scheduleReader(manager: EntityManager, filter: RenewalScheduleFilter): Promise<ScheduleReader | null> {
  const offers = await manager
    .createQueryBuilder(Offer, "o")
    .select("o.id", "id")
    .addSelect("o.code", "code")
    .addSelect("o.name", "name")
    .addSelect("o.family", "family")
    .getRawMany<{ id: number; code: string; name: string; family: ServiceFamily }>();
  const offerById = new Map(
    offers.filter((o) => !hasFamilies(filter) || filter.families?.includes(o.family)).map((o) => [Number(o.id), o]),
  );
  if (offerById.size === 0) return null;
  const customers = manager
    .createQueryBuilder(Customer, "cu")
    .select("cu.id", "id")
    .addSelect("cu.name", "name")
    .addSelect("cu.category", "category");
  if (filter.customerId !== null && filter.customerId !== undefined) {
    customers.where("cu.id = :customerId", { customerId: filter.customerId });
  }
  const customerById = new Map(
    (await customers.getRawMany<{ id: number; name: string; category: CustomerCategory }>()).map((c) => [Number(c.id), c]),
  );
  const contracts = async (afterId: number, limit: number | null) => {
    const query = whereInSchedule(
      manager
        .createQueryBuilder(Contract, "c")
        .select("c.id", "contractId")
        .addSelect("c.customerId", "customerId")
        .addSelect("c.offerId", "offerId")
        .addSelect("c.startDate", "startDate")
        .addSelect("c.initialTermMonths", "initialTermMonths")
        .addSelect("c.renewalTermMonths", "renewalTermMonths")
        .addSelect("c.noticeMonths", "noticeMonths")
        .addSelect("c.noticeDays", "noticeDays")
        .addSelect("c.monthlyAmountCents", "monthlyAmountCents")
        .addSelect("c.status", "status")
        .addSelect("c.endDate", "endDate"),
      filter,
    )
      .andWhere("c.id > :afterId", { afterId })
      .orderBy("c.id", "ASC");
    if (limit !== null) query.limit(limit);
    if (hasFamilies(filter)) query.andWhere("c.offerId IN (:...offerIds)", { offerIds: [...offerById.keys()] });
    const rows: ScheduleRow[] = [];
    const raw = await query.getRawMany<ContractColumns>();
    for (const c of raw) {
      const customer = customerById.get(Number(c.customerId));
      const offer = offerById.get(Number(c.offerId));
      if (!customer || !offer) continue;
      rows.push({
        contractId: c.contractId,
        customerId: c.customerId,
        customerName: customer.name,
        customerCategory: customer.category,
        offerCode: offer.code,
        offerName: offer.name,
        family: offer.family,
        startDate: c.startDate,
        initialTermMonths: c.initialTermMonths,
        renewalTermMonths: c.renewalTermMonths,
        noticeMonths: c.noticeMonths,
        noticeDays: c.noticeDays,
        monthlyAmountCents: c.monthlyAmountCents,
        status: c.status,
        endDate: c.endDate,
      });
    }
    return { rows, lastId: raw.length > 0 ? Number((raw.at(-1) as ContractColumns).contractId) : null };
  };
  const reminders = async (rows: readonly ScheduleRow[]): Promise<ScheduleReminderRow[]> => {
    if (rows.length === 0) return [];
    // The slice's id range through IDX_renewal_reminder_contract_period, then only its own contracts.
    const ids = new Set(rows.map((row) => row.contractId));
    const found = await manager
      .createQueryBuilder(RenewalReminder, "r")
      .select("r.contractId", "contractId")
      .addSelect("r.periodIndex", "periodIndex")
      .addSelect("r.sentOn", "sentOn")
      .where("r.contractId BETWEEN :low AND :high", {
        low: (rows[0] as ScheduleRow).contractId,
        high: (rows.at(-1) as ScheduleRow).contractId,
      })
      .andWhere("r.sentOn <= :to", { to: filter.to })
      .getRawMany<ScheduleReminderRow>();
    return found.filter((r) => ids.has(Number(r.contractId)));
  };
  return { contracts, reminders };
}

/** A recorded L215-1 reminder of a contract of the schedule. */
export interface ScheduleReminderRow {
  contractId: number;
  periodIndex: number;
  sentOn: string;
}
