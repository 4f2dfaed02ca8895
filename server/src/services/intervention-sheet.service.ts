import type { EntityManager } from "typeorm";
import type { Database } from "../db/database.js";
import { isValidLocalDate, todayInParis } from "../domain/calendar.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import {
  contestDeadline,
  INTERVENTION_MEDIUMS,
  type InterventionMedium,
  isContestInWindow,
  whyNotEditable,
} from "../domain/intervention-sheet.js";
import { notADate } from "../domain/messages.js";
import { minutesErrors } from "../domain/misdeclaration-billing.js";
import { type Text, text } from "../domain/text.js";
import { InterventionSheet, MaintenanceContract } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";
import {
  factDateErrors,
  lockById,
  optionalName,
  periodErrors,
  requireCustomer,
  requiredName,
  requiredText,
} from "./maintenance-support.js";

export interface CreateInterventionSheetInput {
  customerId: number;
  medium: InterventionMedium;
  interventionDate: string;
  minutes: number;
  summary: string;
  maintenanceContractId?: number | null;
  technicianName?: string | null;
  /** Optional: a retry with the same key returns the same sheet (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

export interface UpdateInterventionSheetInput {
  id: number;
  interventionDate?: string | null;
  minutes?: number | null;
  summary?: string | null;
}

const SUMMARY_MAX = 20_000;
const REASON_MAX = 5_000;

/** Dates and amounts of a sheet for the audit trail. */
const auditFacts = (s: InterventionSheet) => ({
  interventionDate: s.interventionDate,
  minutes: s.minutes,
  sentOn: s.sentOn,
  signedOn: s.signedOn,
  contestedOn: s.contestedOn,
});

/**
 * Intervention sheets (SPEC section 7). Only facts are stored (sent, signed, contested dates);
 * the status is derived when read (domain/intervention-sheet.ts). Every fact date must be a real
 * past-or-today date (Europe/Paris) and not before the intervention. State refusals (already
 * signed, sent or contested; edits once the sheet reached the customer) are CONFLICT; wrong medium
 * and dates outside the rules are BAD_USER_INPUT. Each write locks the sheet row (MySQL) or runs
 * in the SQLite write queue, so a signature and an edit never interleave.
 */
export class InterventionSheetService {
  constructor(private readonly database: Database) {}

  async create(actor: Actor, input: CreateInterventionSheetInput, today: string = todayInParis()): Promise<InterventionSheet> {
    const errors: FieldError[] = [];
    if (!(INTERVENTION_MEDIUMS as readonly string[]).includes(input.medium)) {
      errors.push({ field: "medium", message: text("doit valoir PAPER ou ELECTRONIC.", "must be PAPER or ELECTRONIC") });
    }
    errors.push(...factDateErrors("interventionDate", input.interventionDate, today));
    errors.push(...minutesErrors("minutes", input.minutes, 1));
    const summary = requiredText(errors, "summary", input.summary, SUMMARY_MAX);
    const technicianName = optionalName(errors, "technicianName", input.technicianName, 255);
    const contractId = input.maintenanceContractId ?? null;
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    throwIfAny(errors);
    const payload = { ...input, summary, technicianName, maintenanceContractId: contractId };
    const id = await createOnce(this.database, { scope: "createInterventionSheet", key, payload }, async (manager) => {
      const customer = await requireCustomer(this.database, manager, input.customerId, "customerId");
      if (contractId !== null) {
        const contract = await manager.findOneBy(MaintenanceContract, { id: contractId });
        if (!contract || contract.customerId !== customer.id) {
          throw new DomainValidationError({
            field: "maintenanceContractId",
            message: text(
              `Le client ${customer.id} n'a pas de contrat de maintenance ${input.maintenanceContractId}.`,
              `Customer ${customer.id} has no maintenance contract ${input.maintenanceContractId}.`,
            ),
          });
        }
      }
      const sheet = await manager.save(
        manager.create(InterventionSheet, {
          customerId: customer.id,
          maintenanceContractId: contractId,
          medium: input.medium,
          interventionDate: input.interventionDate,
          minutes: input.minutes,
          summary,
          technicianName,
          sentOn: null,
          signerName: null,
          signedOn: null,
          contestReason: null,
          contestedOn: null,
          createdAt: new Date(),
        }),
      );
      await recordAudit(manager, actor, {
        action: "createInterventionSheet",
        entity: "InterventionSheet",
        entityId: sheet.id,
        after: { customerId: customer.id, medium: sheet.medium, ...auditFacts(sheet) },
      });
      return sheet.id;
    });
    return this.database.manager.findOneByOrFail(InterventionSheet, { id });
  }

  /** Edits what the sheet says; refused (CONFLICT) once it was signed, sent, contested or accepted. */
  async update(actor: Actor, input: UpdateInterventionSheetInput, today: string = todayInParis()): Promise<InterventionSheet> {
    const errors: FieldError[] = [];
    if (input.interventionDate != null) errors.push(...factDateErrors("interventionDate", input.interventionDate, today));
    if (input.minutes != null) errors.push(...minutesErrors("minutes", input.minutes, 1));
    const summary = input.summary == null ? null : requiredText(errors, "summary", input.summary, SUMMARY_MAX);
    throwIfAny(errors);
    return this.write(input.id, async (manager, sheet) => {
      const refusal = whyNotEditable(sheet, today);
      if (refusal) {
        throw new ConflictError(
          text(
            `La fiche d'intervention ${sheet.id} ne peut plus être modifiée : ${refusal.fr}.`,
            `Intervention sheet ${sheet.id} can no longer be edited: ${refusal.en}.`,
          ),
        );
      }
      const before = auditFacts(sheet);
      if (input.interventionDate != null) sheet.interventionDate = input.interventionDate;
      if (input.minutes != null) sheet.minutes = input.minutes;
      if (summary !== null) sheet.summary = summary;
      await manager.save(sheet);
      await recordAudit(manager, actor, {
        action: "updateInterventionSheet",
        entity: "InterventionSheet",
        entityId: sheet.id,
        before,
        after: auditFacts(sheet),
      });
      return sheet;
    });
  }

  async send(actor: Actor, id: number, sentOn: string, today: string = todayInParis()): Promise<InterventionSheet> {
    return this.write(id, async (manager, sheet) => {
      requireMedium(sheet, "ELECTRONIC", "sent");
      if (sheet.sentOn) {
        throw new ConflictError(
          text(
            `La fiche d'intervention ${sheet.id} a déjà été envoyée le ${sheet.sentOn}.`,
            `Intervention sheet ${sheet.id} was already sent on ${sheet.sentOn}.`,
          ),
        );
      }
      throwIfAny(factDateErrors("sentOn", sentOn, today, { date: sheet.interventionDate, what: THE_INTERVENTION }));
      sheet.sentOn = sentOn;
      return this.saveFact(manager, actor, sheet, "sendInterventionSheet", { sentOn });
    });
  }

  async sign(
    actor: Actor,
    id: number,
    signerName: string,
    signedOn: string,
    today: string = todayInParis(),
  ): Promise<InterventionSheet> {
    const errors: FieldError[] = [];
    const signer = requiredName(errors, "signerName", signerName, 255);
    throwIfAny(errors);
    return this.write(id, async (manager, sheet) => {
      requireMedium(sheet, "PAPER", "signed");
      if (sheet.signedOn) {
        throw new ConflictError(
          text(
            `La fiche d'intervention ${sheet.id} a déjà été signée le ${sheet.signedOn}.`,
            `Intervention sheet ${sheet.id} was already signed on ${sheet.signedOn}.`,
          ),
        );
      }
      throwIfAny(factDateErrors("signedOn", signedOn, today, { date: sheet.interventionDate, what: THE_INTERVENTION }));
      sheet.signerName = signer;
      sheet.signedOn = signedOn;
      return this.saveFact(manager, actor, sheet, "signInterventionSheet", { signedOn });
    });
  }

  /** Records a contest received on `receivedOn`: accepted from the sending day to D+5 only. */
  async contest(
    actor: Actor,
    id: number,
    reason: string,
    receivedOn: string,
    today: string = todayInParis(),
  ): Promise<InterventionSheet> {
    const errors: FieldError[] = [];
    const contestReason = requiredText(errors, "reason", reason, REASON_MAX);
    if (!isValidLocalDate(receivedOn)) errors.push({ field: "receivedOn", message: notADate(receivedOn) });
    throwIfAny(errors);
    return this.write(id, async (manager, sheet) => {
      requireMedium(sheet, "ELECTRONIC", "contested");
      if (!sheet.sentOn) {
        throw new ConflictError(
          text(
            `La fiche d'intervention ${sheet.id} n'a pas été envoyée : il n'y a encore rien à contester.`,
            `Intervention sheet ${sheet.id} has not been sent: there is nothing to contest yet.`,
          ),
        );
      }
      if (sheet.contestedOn) {
        throw new ConflictError(
          text(
            `La fiche d'intervention ${sheet.id} a déjà été contestée le ${sheet.contestedOn}.`,
            `Intervention sheet ${sheet.id} was already contested on ${sheet.contestedOn}.`,
          ),
        );
      }
      throwIfAny(
        factDateErrors("receivedOn", receivedOn, today, {
          date: sheet.sentOn,
          what: text("la date d'envoi", "the sending date"),
        }),
      );
      if (!isContestInWindow(sheet.sentOn, receivedOn)) {
        throw new DomainValidationError({
          field: "receivedOn",
          message: text(
            `Le délai de contestation d'une fiche envoyée le ${sheet.sentOn} a pris fin le ${contestDeadline(sheet.sentOn)} (5 jours après l'envoi) ; une contestation reçue le ${receivedOn} est tardive : la fiche est réputée acceptée.`,
            `The contest window of a sheet sent on ${sheet.sentOn} closed on ${contestDeadline(sheet.sentOn)} (5 days after sending); a contest received on ${receivedOn} is too late: the sheet is deemed accepted.`,
          ),
        });
      }
      sheet.contestReason = contestReason;
      sheet.contestedOn = receivedOn;
      return this.saveFact(manager, actor, sheet, "contestInterventionSheet", { contestedOn: receivedOn });
    });
  }

  async byId(id: number): Promise<InterventionSheet | null> {
    return this.database.manager.findOneBy(InterventionSheet, { id });
  }

  /** A customer's sheets whose intervention date is in `[from, to]` (both optional), oldest first. */
  async forCustomer(customerId: number, from?: string | null, to?: string | null): Promise<InterventionSheet[]> {
    if (from && to) throwIfAny(periodErrors(from, to, 3660));
    const id = customerId;
    const query = this.database.manager.createQueryBuilder(InterventionSheet, "s").where("s.customerId = :id", { id });
    if (from) query.andWhere("s.interventionDate >= :from", { from });
    if (to) query.andWhere("s.interventionDate <= :to", { to });
    return query.orderBy("s.interventionDate", "ASC").addOrderBy("s.id", "ASC").getMany();
  }

  private async write(
    id: number,
    work: (manager: EntityManager, sheet: InterventionSheet) => Promise<InterventionSheet>,
  ): Promise<InterventionSheet> {
    return this.database.transaction(async (manager) => {
      const sheet = await lockById(this.database, manager, InterventionSheet, id);
      if (!sheet) throw new NotFoundError("InterventionSheet", id);
      return work(manager, sheet);
    });
  }

  private async saveFact(
    manager: EntityManager,
    actor: Actor,
    sheet: InterventionSheet,
    action: string,
    fact: Record<string, unknown>,
  ): Promise<InterventionSheet> {
    await manager.save(sheet);
    await recordAudit(manager, actor, { action, entity: "InterventionSheet", entityId: sheet.id, after: fact });
    return sheet;
  }
}

const THE_INTERVENTION: Text = text("la date de l'intervention", "the intervention");

const SHEET_ACTION_FR = { sent: "envoyées", signed: "signées", contested: "contestées" } as const;

function requireMedium(sheet: InterventionSheet, medium: InterventionMedium, what: keyof typeof SHEET_ACTION_FR): void {
  if (sheet.medium !== medium) {
    throw new DomainValidationError({
      field: "id",
      message: text(
        `La fiche d'intervention ${sheet.id} est au format ${sheet.medium} : seules les fiches ${medium} peuvent être ${SHEET_ACTION_FR[what]}.`,
        `Intervention sheet ${sheet.id} is ${sheet.medium}: only ${medium} sheets can be ${what}.`,
      ),
    });
  }
}
