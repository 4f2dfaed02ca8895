import type { Database } from "../db/database.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { type DeclarationProcedure, normaliseProcedure } from "../domain/incident-procedure.js";
import { hourlyRateErrors } from "../domain/misdeclaration-billing.js";
import { text } from "../domain/text.js";
import { Contract, MaintenanceContract, Offer } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { ConflictError } from "./errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";
import { requireCustomer } from "./maintenance-support.js";

export interface MaintenanceContractInput {
  customerId: number;
  contractId?: number | null;
  procedure: DeclarationProcedure;
  hourlyRateCents: number;
  /** Optional: a retry with the same key returns the same terms (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

/** Maintenance terms of a customer: the declaration procedure as data and the hourly rate. */
export class MaintenanceContractService {
  constructor(private readonly database: Database) {}

  async create(actor: Actor, input: MaintenanceContractInput): Promise<MaintenanceContract> {
    const errors: FieldError[] = [...hourlyRateErrors("hourlyRateCents", input.hourlyRateCents)];
    let procedure: DeclarationProcedure | null = null;
    try {
      procedure = normaliseProcedure(input.procedure);
    } catch (error) {
      if (!(error instanceof DomainValidationError)) throw error;
      errors.push(...error.within("procedure").fields);
    }
    const contractId = input.contractId ?? null;
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    throwIfAny(errors);
    const payload = { customerId: input.customerId, contractId, procedure, hourlyRateCents: input.hourlyRateCents };
    const id = await createOnce(this.database, { scope: "createMaintenanceContract", key, payload }, async (manager) => {
      const customer = await requireCustomer(this.database, manager, input.customerId, "customerId", { lock: true });
      if (contractId !== null) {
        const contract = await manager.findOneBy(Contract, { id: contractId });
        if (!contract || contract.customerId !== customer.id) {
          throw new DomainValidationError({
            field: "contractId",
            message: text(
              `Le client ${customer.id} n'a pas de contrat ${contractId}.`,
              `Customer ${customer.id} has no contract ${contractId}.`,
            ),
          });
        }
        const offer = await manager.findOneBy(Offer, { id: contract.offerId });
        if (offer?.family !== "MAINTENANCE") {
          throw new DomainValidationError({
            field: "contractId",
            message: text(
              `Le contrat ${contractId} n'est pas un contrat de maintenance (MAINTENANCE).`,
              `Contract ${contractId} is not a MAINTENANCE contract.`,
            ),
          });
        }
        const existing = await manager.findOneBy(MaintenanceContract, { contractId });
        if (existing) {
          throw new ConflictError(
            text(
              `Le contrat ${contractId} a déjà des conditions de maintenance (${existing.id}).`,
              `Contract ${contractId} already has maintenance terms (${existing.id}).`,
            ),
            {
              maintenanceContractId: existing.id,
            },
          );
        }
      }
      const created = await manager.save(
        manager.create(MaintenanceContract, {
          customerId: customer.id,
          contractId,
          procedure: procedure as DeclarationProcedure,
          hourlyRateCents: input.hourlyRateCents,
          createdAt: new Date(),
        }),
      );
      await recordAudit(manager, actor, {
        action: "createMaintenanceContract",
        entity: "MaintenanceContract",
        entityId: created.id,
        after: { customerId: customer.id, contractId, hourlyRateCents: input.hourlyRateCents },
      });
      return created.id;
    });
    return this.database.manager.findOneByOrFail(MaintenanceContract, { id });
  }

  async byId(id: number): Promise<MaintenanceContract | null> {
    return this.database.manager.findOneBy(MaintenanceContract, { id });
  }

  async forCustomer(customerId: number): Promise<MaintenanceContract[]> {
    return this.database.manager.find(MaintenanceContract, { where: { customerId }, order: { id: "ASC" } });
  }
}
