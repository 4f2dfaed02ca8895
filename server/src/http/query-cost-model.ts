/**
 * What the API's fields cost (http/query-cost.ts counts them), in units of roughly a microsecond
 * of server CPU on a 2-core machine: 1 per field returned, more for what a resolver reads from the
 * database or computes. The schedule and commitment weights below were measured in server CPU at
 * 100,000 contracts, and `npm run bench:limits` sends the costliest documents the default
 * GRAPHQL_MAX_COST accepts (docs/performance.md "What the query limits allow"): each takes at
 * most about 1 s of server CPU on that book.
 *
 * Every list field of the schema is listed here (test/unit/http/query-cost-model.test.ts checks
 * it): by its page size, by the largest such list in the book, or as small by nature.
 */
import { isValidLocalDate, monthsBetween } from "../domain/calendar.js";
import { AUDIT_LOG_MAX_PAGE } from "../services/audit-log.service.js";
import type { BookStatistics } from "../services/book-statistics.js";
import { DEFAULT_CONTRACTS_PAGE, MAX_CONTRACTS_PAGE } from "../services/contract.service.js";
import { CUSTOMERS_DEFAULT_PAGE, CUSTOMERS_MAX_PAGE } from "../services/customer.service.js";
import { DEFAULT_PORTING_PAGE, MAX_PORTING_PAGE } from "../services/porting-request.service.js";
import { QUOTES_DEFAULT_PAGE, QUOTES_MAX_PAGE } from "../services/quote.service.js";
import {
  DEFAULT_SCHEDULE_PAGE,
  MAX_SCHEDULE_PAGE,
  MAX_SCHEDULE_WINDOW_MONTHS,
} from "../services/renewal-schedule/schedule.service.js";
import type { ArgumentValues, FieldCost } from "./query-cost.js";

/** A row read from the database into an object (query, ORM, loader), before its fields. */
export const ROW = 25;
/** A row the database scans or counts without returning it (COUNT, a LIKE search). */
export const SCANNED_ROW = 0.1;
/**
 * The renewal schedule, per contract of its scope: read as a raw row and expanded into events
 * (a 1-month window with `first: 1` on the whole book of 100,000 contracts: about 0.55 s of server CPU).
 */
export const SCHEDULE_CONTRACT = 4;
/**
 * The renewal schedule, per event indexed (every event of the window, whatever the page): a
 * 39-month window with `first: 1` took 0.75 s of server CPU more than a 1-month one, for about
 * 1,000,000 events more.
 */
export const SCHEDULE_EVENT = 0.8;
/**
 * One commitment status of a stored contract (two cached look-ups and the domain computation):
 * 7,000 contracts with `commitment { periodIndex }` took 0.25 s of server CPU more than with `id` alone.
 */
export const COMMITMENT = 35;

/** Lists whose size is bounded by the domain or the input (a quote's porting tiers, a price's kinds, …). */
const SMALL: FieldCost = {};

const rows = (count: (book: BookStatistics) => number): FieldCost => ({ items: count, perItem: ROW });

/**
 * The renewal schedule's first page reads every contract of its scope (the book, or one
 * customer's contracts) and indexes every event of the window, whatever the page size: at most
 * two period ends per contract plus its renewals in the window. A window the service refuses
 * (bad dates, over 10 years) costs nothing: it fails before reading.
 */
export function scheduleWork(args: ArgumentValues, book: BookStatistics): number {
  const { from, to } = args;
  if (typeof from !== "string" || typeof to !== "string" || !isValidLocalDate(from) || !isValidLocalDate(to) || to < from) {
    return 0;
  }
  const months = monthsBetween(from, to) + 1;
  if (months > MAX_SCHEDULE_WINDOW_MONTHS) return 0;
  const oneCustomer = args.customerId !== null && args.customerId !== undefined;
  const contracts = oneCustomer ? book.contractsPerCustomer : book.contracts;
  const share = book.contracts > 0 ? contracts / book.contracts : 0;
  const events = 2 * contracts + (book.renewalsPerYear * share * months) / 12;
  return contracts * SCHEDULE_CONTRACT + events * SCHEDULE_EVENT;
}

const oneRow: FieldCost = { work: () => ROW };

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  // One record by id, or the record a field points at (batched per request, still one row each).
  "Query.contract": oneRow,
  "Query.customer": oneRow,
  "Query.quote": oneRow,
  "Query.incident": oneRow,
  "Query.interventionSheet": oneRow,
  "Contract.customer": oneRow,
  "Contract.offer": oneRow,
  "Quote.customer": oneRow,
  "SepaMandate.customer": oneRow,
  "MaintenanceContract.customer": oneRow,
  "Contract.commitment": { work: () => COMMITMENT },
  "Query.portingRequest": oneRow,
  "PortingRequest.contract": oneRow,

  // Pages: the page's rows, plus what the database scans to filter and count them.
  "Query.renewalSchedule": {
    page: { default: DEFAULT_SCHEDULE_PAGE, max: MAX_SCHEDULE_PAGE },
    work: scheduleWork,
    maxPerDocument: 1,
  },
  "RenewalSchedulePage.events": SMALL, // sized by renewalSchedule(first)
  "Query.contracts": {
    page: { default: DEFAULT_CONTRACTS_PAGE, max: MAX_CONTRACTS_PAGE },
    work: (args, book) =>
      SCANNED_ROW * (args.customerId !== undefined && args.customerId !== null ? book.contractsPerCustomer : book.contracts),
  },
  "ContractPage.contracts": { perItem: ROW }, // sized by contracts(first)
  // Porting requests: no count of its own in the book; one per ported number, fewer than contracts.
  "Query.portingRequests": {
    page: { default: DEFAULT_PORTING_PAGE, max: MAX_PORTING_PAGE },
    work: (args, book) =>
      SCANNED_ROW * (args.customerId !== undefined && args.customerId !== null ? book.contractsPerCustomer : book.contracts),
  },
  "PortingRequestPage.portingRequests": { perItem: ROW }, // sized by portingRequests(first)
  "Query.customers": {
    page: { default: CUSTOMERS_DEFAULT_PAGE, max: CUSTOMERS_MAX_PAGE },
    perItem: ROW,
    work: (_args, book) => SCANNED_ROW * book.customers,
  },
  "Query.quotes": {
    page: { default: QUOTES_DEFAULT_PAGE, max: QUOTES_MAX_PAGE },
    perItem: ROW,
    work: (_args, book) => SCANNED_ROW * book.quotes,
  },
  // auditLog: the service reads 50 entries when `first` is left out.
  "Query.auditLog": { page: { default: 50, max: AUDIT_LOG_MAX_PAGE }, perItem: ROW },
  // Every sheet and incident of the period is read for the totals, whatever the page.
  "Query.billableItems": {
    page: { default: 1000, max: 5000 }, // billing.resolver.ts: 1 to 5000
    work: (_args, book) => ROW * book.billableSources,
  },
  "BillableItemsPage.items": SMALL, // sized by billableItems(limit)

  // Whole lists: as long as the largest one in the book.
  "Query.apiTokens": rows((book) => book.apiTokens),
  "Query.offers": rows((book) => book.offers),
  "Query.portingTariffGrids": rows((book) => book.portingTariffGrids),
  "Query.incidents": rows((book) => book.incidentsPerCustomer),
  "Query.interventionSheets": rows((book) => book.interventionSheetsPerCustomer),
  "Query.maintenanceContracts": rows((book) => book.maintenanceContractsPerCustomer),
  "Customer.contracts": rows((book) => book.contractsPerCustomer),
  "Customer.quotes": rows((book) => book.quotesPerCustomer),
  "Customer.sepaMandates": rows((book) => book.mandatesPerCustomer),
  "Customer.maintenanceContracts": rows((book) => book.maintenanceContractsPerCustomer),
  "Customer.referentHistory": rows((book) => book.referentsPerCustomer),
  "Quote.lines": rows((book) => book.linesPerQuote),
  "Quote.contracts": rows((book) => book.contractsPerQuote),

  // Small by nature: bounded by the input or the domain, not by the book.
  "QuoteLine.portingNumbers": SMALL,
  "QuoteLine.portingRios": SMALL,
  // The numbers a signed quote line ported (the same list as QuoteLine.portingNumbers), one row each.
  "Contract.portingRequests": { perItem: ROW },
  "Quote.portingRequests": { perItem: ROW },
  "DeclarationProcedure.allowedDeclarers": SMALL,
  "DeclarationProcedure.channels": SMALL,
  "DeclarationProcedure.requiredFields": SMALL,
  "SupportHours.days": SMALL,
  "Incident.procedureViolations": SMALL,
  "PortingTariffGrid.rows": SMALL,
  "PortingTariffRow.tiers": SMALL,
  "PortingPrice.lines": SMALL,
};
