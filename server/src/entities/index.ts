import { ApiToken } from "./api-token.entity.js";
import { AuditLog } from "./audit-log.entity.js";
import { ChangeCounter } from "./change-counter.entity.js";
import { Contract } from "./contract.entity.js";
import { Customer } from "./customer.entity.js";
import { IdempotencyRecord } from "./idempotency-record.entity.js";
import { Incident } from "./incident.entity.js";
import { InterventionSheet } from "./intervention-sheet.entity.js";
import { MaintenanceContract } from "./maintenance-contract.entity.js";
import { Offer } from "./offer.entity.js";
import { PortingRequest } from "./porting-request.entity.js";
import { PortingTariffGrid } from "./porting-tariff-grid.entity.js";
import { PortingTariffRow } from "./porting-tariff-row.entity.js";
import { Quote } from "./quote.entity.js";
import { QuoteLine } from "./quote-line.entity.js";
import { RateLimitCounter } from "./rate-limit-counter.entity.js";
import { Referent } from "./referent.entity.js";
import { RenewalReminder } from "./renewal-reminder.entity.js";
import { SepaMandate } from "./sepa-mandate.entity.js";
import { TermsVersion } from "./terms-version.entity.js";

export {
  ApiToken,
  AuditLog,
  ChangeCounter,
  Contract,
  Customer,
  IdempotencyRecord,
  Incident,
  InterventionSheet,
  MaintenanceContract,
  Offer,
  PortingRequest,
  PortingTariffGrid,
  PortingTariffRow,
  Quote,
  QuoteLine,
  RateLimitCounter,
  Referent,
  RenewalReminder,
  SepaMandate,
  TermsVersion,
};

/** Every entity, for the DataSource. */
export const ENTITIES = [
  ApiToken,
  AuditLog,
  ChangeCounter,
  Contract,
  Customer,
  IdempotencyRecord,
  Incident,
  InterventionSheet,
  MaintenanceContract,
  Offer,
  PortingRequest,
  PortingTariffGrid,
  PortingTariffRow,
  Quote,
  QuoteLine,
  RateLimitCounter,
  Referent,
  RenewalReminder,
  SepaMandate,
  TermsVersion,
];
