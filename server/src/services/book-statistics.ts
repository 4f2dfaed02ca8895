import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "../db/database.js";

/**
 * How big the book is: what a query may read, for the query-cost estimate (http/query-cost-model.ts).
 * Totals per table, the largest number of children one parent has (the size of a nested list such
 * as `Customer.contracts`), and how many renewals the book makes in a year (the renewal schedule's
 * events). Figures are upper bounds for estimates, not exact live counts.
 */
export interface BookStatistics {
  contracts: number;
  customers: number;
  quotes: number;
  offers: number;
  apiTokens: number;
  portingTariffGrids: number;
  /** Intervention sheets plus incidents: what `billableItems` reads over a period, at most. */
  billableSources: number;
  contractsPerCustomer: number;
  quotesPerCustomer: number;
  mandatesPerCustomer: number;
  maintenanceContractsPerCustomer: number;
  referentsPerCustomer: number;
  incidentsPerCustomer: number;
  interventionSheetsPerCustomer: number;
  linesPerQuote: number;
  contractsPerQuote: number;
  /** Sum over contracts not ENDED of 12 / renewal term: period ends a year brings beyond each contract's first. */
  renewalsPerYear: number;
}

export const EMPTY_BOOK: BookStatistics = {
  contracts: 0,
  customers: 0,
  quotes: 0,
  offers: 0,
  apiTokens: 0,
  portingTariffGrids: 0,
  billableSources: 0,
  contractsPerCustomer: 0,
  quotesPerCustomer: 0,
  mandatesPerCustomer: 0,
  maintenanceContractsPerCustomer: 0,
  referentsPerCustomer: 0,
  incidentsPerCustomer: 0,
  interventionSheetsPerCustomer: 0,
  linesPerQuote: 0,
  contractsPerQuote: 0,
  renewalsPerYear: 0,
};

/** How long figures are reused before they are read again (in the background: requests never wait for a refresh). */
export const BOOK_STATISTICS_TTL_MS = 5 * 60_000;

/**
 * The book's figures, read one by one and kept for `BOOK_STATISTICS_TTL_MS`. The first call
 * waits for them; later calls get the kept figures at once while a stale set is read again in the
 * background. A read that fails keeps the previous figures (none yet: the error is thrown).
 */
export class BookStatisticsService {
  private figures: BookStatistics | null = null;
  private readAt = 0;
  private reading: Promise<BookStatistics> | null = null;

  constructor(
    private readonly database: Database,
    private readonly ttlMs = BOOK_STATISTICS_TTL_MS,
  ) {}

  async current(now = Date.now()): Promise<BookStatistics> {
    if (this.figures && now - this.readAt < this.ttlMs) return this.figures;
    const reading = this.refresh();
    if (this.figures) {
      reading.catch(() => undefined);
      return this.figures;
    }
    return reading;
  }

  /** Forgets the kept figures, e.g. after a bulk import: the next call reads them again. */
  forget(): void {
    this.figures = null;
  }

  private refresh(): Promise<BookStatistics> {
    this.reading ??= this.read()
      .then((figures) => {
        this.figures = figures;
        this.readAt = Date.now();
        return figures;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  private async read(): Promise<BookStatistics> {
    const q = (name: string) => this.database.dataSource.driver.escape(name);
    const count = (table: string) => `(SELECT COUNT(*) FROM ${q(table)})`;
    const largest = (table: string, parent: string) =>
      `(SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM ${q(table)} WHERE ${q(parent)} IS NOT NULL GROUP BY ${q(parent)}) AS g)`;
    const columns: Record<keyof BookStatistics, string> = {
      contracts: count("contract"),
      customers: count("customer"),
      quotes: count("quote"),
      offers: count("offer"),
      apiTokens: count("api_token"),
      portingTariffGrids: count("porting_tariff_grid"),
      billableSources: `(${count("intervention_sheet")} + ${count("incident")})`,
      contractsPerCustomer: largest("contract", "customerId"),
      quotesPerCustomer: largest("quote", "customerId"),
      mandatesPerCustomer: largest("sepa_mandate", "customerId"),
      maintenanceContractsPerCustomer: largest("maintenance_contract", "customerId"),
      referentsPerCustomer: largest("referent", "customerId"),
      incidentsPerCustomer: largest("incident", "customerId"),
      interventionSheetsPerCustomer: largest("intervention_sheet", "customerId"),
      linesPerQuote: largest("quote_line", "quoteId"),
      contractsPerQuote: largest("contract", "quoteId"),
      renewalsPerYear:
        `(SELECT COALESCE(SUM(12.0 / ${q("renewalTermMonths")}), 0) FROM ${q("contract")} ` +
        `WHERE ${q("renewalTermMonths")} > 0 AND ${q("status")} <> 'ENDED')`,
    };
    // One short statement per figure, each in its own turn of the event loop: on SQLite a read
    // blocks the process while it runs (about 10 ms at most at 100,000 contracts).
    const figures = { ...EMPTY_BOOK };
    for (const name of Object.keys(columns) as (keyof BookStatistics)[]) {
      await nextTurn();
      const [row] = (await this.database.manager.query(`SELECT ${columns[name]} AS ${q("n")}`)) as Record<string, unknown>[];
      const value = Number(row?.n ?? 0);
      figures[name] = Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
    }
    return figures;
  }
}
