import type { Database } from "../db/database.js";
import { addDays, todayInParis } from "../domain/calendar.js";
import { collecting, DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { checkDeclaration, normaliseChannel, validateDeclaration } from "../domain/incident-procedure.js";
import { minutesErrors, misdeclarationAmountCents } from "../domain/misdeclaration-billing.js";
import { text } from "../domain/text.js";
import type { IncidentQualification } from "../entities/incident.entity.js";
import { Incident, MaintenanceContract } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";
import { lockById, nowToTheSecond, parisDateOf, periodErrors } from "./maintenance-support.js";
import type { ReferentService } from "./referent.service.js";

export interface DeclareIncidentInput {
  maintenanceContractId: number;
  declarerName: string;
  channel: string;
  declaredAt: Date;
  description?: string | null;
  category?: string | null;
  /** Optional: a retry with the same key returns the same incident (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

export interface QualifyIncidentInput {
  incidentId: number;
  qualification: IncidentQualification;
  minutesSpent?: number | null;
}

/** The last `to` whose widened bound (to + 2 days) is still a date of the calendar (9999-12-31). */
const LAST_BOUNDED_DAY = "9999-12-30";

/** A declaration may be stamped a little ahead of the server's clock (clock skew), not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Incidents (SPEC section 7): declared under a maintenance contract and checked against its
 * procedure — never refused for breaking it, but stored with every rule it broke — then qualified
 * VALID or MISDECLARED; a misdeclared incident is billed minutes × the contract's hourly rate.
 *
 * Requalification (convention): an incident may be qualified again (VALID ↔ MISDECLARED, minutes
 * corrected) while its current qualification dates from the current month in Europe/Paris; once
 * that month is over, finance may have billed it, so a requalification is a CONFLICT.
 */
export class IncidentService {
  constructor(
    private readonly database: Database,
    private readonly referents: ReferentService,
  ) {}

  async declare(actor: Actor, input: DeclareIncidentInput, now: Date = new Date()): Promise<Incident> {
    const errors: FieldError[] = [];
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    collecting(errors, () => validateDeclaration(input));
    if (input.declaredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      errors.push({ field: "declaredAt", message: text("L'instant de déclaration est dans le futur.", "is in the future") });
    }
    throwIfAny(errors);
    const id = await createOnce(this.database, { scope: "declareIncident", key, payload: { ...input } }, async (manager) => {
      const contract = await manager.findOneBy(MaintenanceContract, { id: input.maintenanceContractId });
      if (!contract) {
        throw new DomainValidationError({
          field: "maintenanceContractId",
          message: text(
            `Aucun contrat de maintenance n'a l'identifiant ${input.maintenanceContractId}.`,
            `No maintenance contract has id ${input.maintenanceContractId}.`,
          ),
        });
      }
      const declaredAt = nowToTheSecond(input.declaredAt);
      const referent = await this.referents.activeAt(manager, contract.customerId, declaredAt);
      const description = input.description?.trim() ?? "";
      const category = input.category?.trim() || null;
      const violations = checkDeclaration(
        contract.procedure,
        { ...input, declaredAt, description, category },
        referent?.name ?? null,
      );
      const incident = await manager.save(
        manager.create(Incident, {
          customerId: contract.customerId,
          maintenanceContractId: contract.id,
          declarerName: input.declarerName.replace(/\s+/g, " ").trim(),
          channel: normaliseChannel(input.channel),
          declaredAt,
          description,
          category,
          procedureViolations: violations,
          qualification: null,
          minutesSpent: null,
          billedAmountCents: null,
          qualifiedAt: null,
          createdAt: new Date(),
        }),
      );
      await recordAudit(manager, actor, {
        action: "declareIncident",
        entity: "Incident",
        entityId: incident.id,
        after: { maintenanceContractId: contract.id, declaredAt, procedureViolations: violations.map((v) => v.rule) },
      });
      return incident.id;
    });
    return this.database.manager.findOneByOrFail(Incident, { id });
  }

  async qualify(actor: Actor, input: QualifyIncidentInput, now: Date = new Date()): Promise<Incident> {
    const errors: FieldError[] = [];
    const minutes = input.minutesSpent ?? null;
    if (input.qualification !== "VALID" && input.qualification !== "MISDECLARED") {
      errors.push({ field: "qualification", message: text("doit valoir VALID ou MISDECLARED.", "must be VALID or MISDECLARED") });
    }
    if (minutes === null && input.qualification === "MISDECLARED") {
      errors.push({
        field: "minutesSpent",
        message: text(
          "Le temps passé est obligatoire pour facturer un incident mal déclaré (MISDECLARED).",
          "is required to bill a MISDECLARED incident",
        ),
      });
    }
    if (minutes !== null) errors.push(...minutesErrors("minutesSpent", minutes));
    throwIfAny(errors);
    const id = input.incidentId;
    return this.database.transaction(async (manager) => {
      const incident = await lockById(this.database, manager, Incident, id);
      if (!incident) throw new NotFoundError("Incident", input.incidentId);
      const thisMonth = todayInParis(now).slice(0, 7);
      if (incident.qualifiedAt && parisDateOf(incident.qualifiedAt).slice(0, 7) !== thisMonth) {
        throw new ConflictError(
          text(
            `L'incident ${incident.id} a été qualifié ${incident.qualification} le ${parisDateOf(incident.qualifiedAt)}, dans un mois clos : il a pu être facturé et ne peut plus être requalifié.`,
            `Incident ${incident.id} was qualified ${incident.qualification} on ${parisDateOf(incident.qualifiedAt)}, in a closed month: it may have been billed and can no longer be requalified.`,
          ),
          { qualification: incident.qualification },
        );
      }
      const contract = await manager.findOneByOrFail(MaintenanceContract, { id: incident.maintenanceContractId });
      const before = {
        qualification: incident.qualification,
        minutesSpent: incident.minutesSpent,
        billedAmountCents: incident.billedAmountCents,
        qualifiedAt: incident.qualifiedAt,
      };
      incident.qualification = input.qualification;
      incident.minutesSpent = minutes;
      incident.billedAmountCents =
        input.qualification === "MISDECLARED" ? misdeclarationAmountCents(minutes as number, contract.hourlyRateCents) : null;
      incident.qualifiedAt = nowToTheSecond(now);
      await manager.save(incident);
      await recordAudit(manager, actor, {
        action: "qualifyIncident",
        entity: "Incident",
        entityId: incident.id,
        before: before.qualifiedAt ? before : null,
        after: {
          qualification: incident.qualification,
          minutesSpent: incident.minutesSpent,
          hourlyRateCents: contract.hourlyRateCents,
          billedAmountCents: incident.billedAmountCents,
          qualifiedAt: incident.qualifiedAt,
        },
      });
      return incident;
    });
  }

  async byId(id: number): Promise<Incident | null> {
    return this.database.manager.findOneBy(Incident, { id });
  }

  /** A customer's incidents declared in `[from, to]` (Paris dates, both optional), oldest first. */
  async forCustomer(customerId: number, from?: string | null, to?: string | null): Promise<Incident[]> {
    if (from && to) throwIfAny(periodErrors(from, to, 3660));
    const id = customerId;
    const query = this.database.manager.createQueryBuilder(Incident, "i").where("i.customerId = :id", { id });
    // Widen by a day on each side in UTC, then keep the exact Paris dates in code. At the calendar's
    // end (9999-12-30 and after) there is no later instant to exclude: no upper bound.
    if (from) query.andWhere("i.declaredAt >= :lo", { lo: new Date(`${addDays(from, -1)}T00:00:00Z`) });
    if (to && to < LAST_BOUNDED_DAY) query.andWhere("i.declaredAt < :hi", { hi: new Date(`${addDays(to, 2)}T00:00:00Z`) });
    const rows = await query.orderBy("i.declaredAt", "ASC").addOrderBy("i.id", "ASC").getMany();
    return rows.filter((row) => {
      const day = parisDateOf(row.declaredAt);
      return (!from || day >= from) && (!to || day <= to);
    });
  }
}
