import type { Role } from "../../entities/api-token.entity.js";

/**
 * Who may do what (README "Roles"; per operation, docs/api.md). ADMIN may do everything (see auth-checker); these lists name
 * the other roles allowed, for use as `@Authorized(...CAN.x)`. `READ` is every role: all tokens may read.
 */
export const CAN = {
  read: [] as Role[],
  sell: ["SALES"] as Role[],
  manageMandates: ["SALES", "FINANCE"] as Role[],
  manageCustomers: ["SALES", "FINANCE"] as Role[],
  manageContracts: ["FINANCE"] as Role[],
  seeBankDetails: ["FINANCE"] as Role[],
  exportBilling: ["FINANCE"] as Role[],
  recordInterventions: ["TECHNICIAN"] as Role[],
  manageReferents: ["TECHNICIAN", "SALES"] as Role[],
  qualifyIncidents: ["TECHNICIAN"] as Role[],
  managePorting: ["TECHNICIAN"] as Role[],
  readAuditLog: ["FINANCE"] as Role[],
  administer: ["ADMIN"] as Role[],
} as const;
