import type { AppConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { AuditLogService } from "./audit-log.service.js";
import { BookStatisticsService } from "./book-statistics.js";
import { CatalogueService } from "./catalogue.service.js";
import { ChangeCounterService } from "./change-counter.js";
import { ContractService } from "./contract.service.js";
import { CustomerService } from "./customer.service.js";
import { MaintenanceService } from "./maintenance.service.js";
import { MandateService } from "./mandate.service.js";
import { PortingService } from "./porting.service.js";
import { PortingRequestService } from "./porting-request.service.js";
import { QuoteService } from "./quote.service.js";
import { QuoteSigningService } from "./quote-signing.service.js";
import { RenewalScheduleService } from "./renewal-schedule/schedule.service.js";
import { TokenService } from "./token.service.js";

/** Every use case, built once per server over one database. Resolvers receive this. */
export class Services {
  readonly tokens: TokenService;
  readonly auditLog: AuditLogService;
  readonly maintenance: MaintenanceService;
  readonly catalogue: CatalogueService;
  readonly porting: PortingService;
  readonly portingRequests: PortingRequestService;
  readonly customers: CustomerService;
  readonly mandates: MandateService;
  readonly quotes: QuoteService;
  readonly quoteSigning: QuoteSigningService;
  readonly contracts: ContractService;
  readonly renewalSchedule: RenewalScheduleService;
  /** The book's size, for estimating what a query reads (http/query-cost-model.ts). */
  readonly bookStatistics: BookStatisticsService;
  readonly changes: ChangeCounterService;

  constructor(
    readonly database: Database,
    readonly config: AppConfig,
  ) {
    this.changes = new ChangeCounterService(database);
    this.tokens = new TokenService(database);
    this.auditLog = new AuditLogService(database);
    this.maintenance = new MaintenanceService(database);
    this.catalogue = new CatalogueService(database);
    this.porting = new PortingService(database);
    this.portingRequests = new PortingRequestService(database);
    this.customers = new CustomerService(database);
    this.mandates = new MandateService(database);
    this.quotes = new QuoteService(database, this.porting);
    this.quoteSigning = new QuoteSigningService(database, this.catalogue, this.mandates, this.quotes, this.changes);
    this.renewalSchedule = new RenewalScheduleService(database, this.changes);
    this.contracts = new ContractService(database, this.changes);
    this.bookStatistics = new BookStatisticsService(database);
  }
}
