import { BillingResolver } from "./billing.resolver.js";
import { CustomerMaintenanceResolver } from "./customer-maintenance.resolver.js";
import { IncidentResolver } from "./incident.resolver.js";
import { InterventionSheetResolver } from "./intervention-sheet.resolver.js";
import { MaintenanceContractResolver } from "./maintenance-contract.resolver.js";

/** Every resolver of SPEC section 7 (maintenance): registered in graphql/schema.ts with one spread. */
export const MAINTENANCE_RESOLVERS = [
  CustomerMaintenanceResolver,
  MaintenanceContractResolver,
  IncidentResolver,
  InterventionSheetResolver,
  BillingResolver,
] as const;
