import type { Database } from "../db/database.js";
import { BillingExportService } from "./billing-export.service.js";
import { IncidentService } from "./incident.service.js";
import { InterventionSheetService } from "./intervention-sheet.service.js";
import { MaintenanceContractService } from "./maintenance-contract.service.js";
import { ReferentService } from "./referent.service.js";

/**
 * Maintenance (SPEC section 7): IT referents, maintenance contracts and their declaration
 * procedure, incidents, intervention sheets, and the billing export built from them.
 */
export class MaintenanceService {
  readonly referents: ReferentService;
  readonly contracts: MaintenanceContractService;
  readonly incidents: IncidentService;
  readonly sheets: InterventionSheetService;
  readonly billing: BillingExportService;

  constructor(database: Database) {
    this.referents = new ReferentService(database);
    this.contracts = new MaintenanceContractService(database);
    this.incidents = new IncidentService(database, this.referents);
    this.sheets = new InterventionSheetService(database);
    this.billing = new BillingExportService(database);
  }
}
