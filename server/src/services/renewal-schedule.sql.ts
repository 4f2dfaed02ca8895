/**
 * The renewal schedule's one set-based query: contract + customer + offer, filtered in SQL, read
 * as raw rows (no entity hydration). The benchmark of issue 8 reuses `renewalScheduleQuery` to
 * time the same SQL on its own.
 */
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { CustomerCategory, ServiceFamily } from "../domain/catalogue.js";
import { Contract, type ContractStatus } from "../entities/contract.entity.js";
import { Customer } from "../entities/customer.entity.js";
import { Offer } from "../entities/offer.entity.js";
import { RenewalReminder } from "../entities/renewal-reminder.entity.js";

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
export function renewalScheduleQuery(manager: EntityManager, filter: RenewalScheduleFilter): SelectQueryBuilder<Contract> {
  const query = manager
    .createQueryBuilder(Contract, "c")
    .innerJoin(Customer, "cu", "cu.id = c.customerId")
    .innerJoin(Offer, "o", "o.id = c.offerId")
    .select("c.id", "contractId")
    .addSelect("c.customerId", "customerId")
    .addSelect("cu.name", "customerName")
    .addSelect("cu.category", "customerCategory")
    .addSelect("o.code", "offerCode")
    .addSelect("o.name", "offerName")
    .addSelect("o.family", "family")
    .addSelect("c.startDate", "startDate")
    .addSelect("c.initialTermMonths", "initialTermMonths")
    .addSelect("c.renewalTermMonths", "renewalTermMonths")
    .addSelect("c.noticeMonths", "noticeMonths")
    .addSelect("c.noticeDays", "noticeDays")
    .addSelect("c.monthlyAmountCents", "monthlyAmountCents")
    .addSelect("c.status", "status")
    .addSelect("c.endDate", "endDate");
  return whereInSchedule(query, filter);
}

/** The conditions of `renewalScheduleQuery` on contract `c` (and offer `o` when families are given). */
function whereInSchedule<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: RenewalScheduleFilter,
): SelectQueryBuilder<T> {
  query
    .where("c.startDate <= :to", { to: filter.to })
    .andWhere("((c.endDate IS NULL AND c.status <> 'ENDED') OR c.endDate >= :from)", { from: filter.from });
  if (filter.families && filter.families.length > 0) {
    query.andWhere("o.family IN (:...families)", { families: [...filter.families] });
  }
  if (filter.customerId !== null && filter.customerId !== undefined) {
    query.andWhere("c.customerId = :customerId", { customerId: filter.customerId });
  }
  return query;
}

/** A recorded L215-1 reminder of a contract of the schedule. */
export interface ScheduleReminderRow {
  contractId: number;
  periodIndex: number;
  sentOn: string;
}

/**
 * Every recorded reminder of the contracts `renewalScheduleQuery` selects, in one query. A
 * reminder is sent no later than its period's notice deadline, so none after `to` can belong to
 * an event of the window.
 */
export async function fetchRenewalScheduleReminders(
  manager: EntityManager,
  filter: RenewalScheduleFilter,
): Promise<ScheduleReminderRow[]> {
  const query = manager
    .createQueryBuilder(RenewalReminder, "r")
    .innerJoin(Contract, "c", "c.id = r.contractId")
    .select("r.contractId", "contractId")
    .addSelect("r.periodIndex", "periodIndex")
    .addSelect("r.sentOn", "sentOn");
  if (filter.families && filter.families.length > 0) query.innerJoin(Offer, "o", "o.id = c.offerId");
  return whereInSchedule(query, filter).andWhere("r.sentOn <= :to").getRawMany<ScheduleReminderRow>();
}

/** Runs the query: raw driver rows, already in the `ScheduleRow` shape (aliases match; ints are numbers on both drivers). */
export async function fetchRenewalScheduleRows(manager: EntityManager, filter: RenewalScheduleFilter): Promise<ScheduleRow[]> {
  return renewalScheduleQuery(manager, filter).getRawMany<ScheduleRow>();
}
