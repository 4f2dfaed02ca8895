import { type EntityManager, In } from "typeorm";
import type { Database } from "../db/database.js";
import { todayInParis } from "../domain/calendar.js";
import { collecting, DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { noCustomerMessage } from "../domain/messages.js";
import { mandateLapsed, maskIban, type SepaMandateFields, validateSepaMandate } from "../domain/sepa.js";
import { shown, text } from "../domain/text.js";
import { Customer, SepaMandate } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { isUniqueViolation } from "./db-errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";

export type MandateStatus = "ACTIVE" | "LAPSED" | "REVOKED";

export interface SepaMandateData extends SepaMandateFields {
  customerId: number;
  /** Optional: a retry with the same key returns the same mandate (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

/** REVOKED once revoked, LAPSED after 36 months unused (as of `asOf`), ACTIVE otherwise. */
export function mandateStatus(mandate: SepaMandate, asOf: string): MandateStatus {
  if (mandate.revokedOn !== null && mandate.revokedOn <= asOf) return "REVOKED";
  return mandateLapsed(mandate.lastUsedOn, mandate.signedOn, asOf) ? "LAPSED" : "ACTIVE";
}

function referenceTaken(reference: string): DomainValidationError {
  return new DomainValidationError({
    field: "reference",
    message: text(
      `La référence de mandat « ${shown(reference)} » est déjà utilisée (les références sont uniques, sans tenir compte de la casse).`,
      `The mandate reference "${shown(reference)}" is already used (references are unique, ignoring case).`,
    ),
  });
}

/** SEPA direct-debit mandates (SPEC section 6). */
export class MandateService {
  constructor(private readonly database: Database) {}

  async register(actor: Actor, input: SepaMandateData): Promise<SepaMandate> {
    const errors: FieldError[] = [];
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    const checked = collecting(errors, () => validateSepaMandate(input, todayInParis()));
    throwIfAny(errors);
    const valid = checked as NonNullable<typeof checked>;
    try {
      const request = { scope: "registerSepaMandate", key, payload: { ...valid, customerId: input.customerId } };
      const id = await createOnce(this.database, request, async (manager) => {
        if (!(await manager.existsBy(Customer, { id: input.customerId }))) {
          throw new DomainValidationError({ field: "customerId", message: noCustomerMessage(input.customerId) });
        }
        if (await manager.existsBy(SepaMandate, { referenceKey: valid.referenceKey })) throw referenceTaken(valid.reference);
        const mandate = await manager.save(
          manager.create(SepaMandate, {
            ...valid,
            customerId: input.customerId,
            lastUsedOn: null,
            revokedOn: null,
            createdAt: new Date(),
          }),
        );
        await recordAudit(manager, actor, {
          action: "registerSepaMandate",
          entity: "SepaMandate",
          entityId: mandate.id,
          // Never the full IBAN in the trail.
          after: {
            customerId: input.customerId,
            reference: valid.reference,
            iban: maskIban(valid.iban),
            signedOn: valid.signedOn,
          },
        });
        return mandate.id;
      });
      return await this.database.manager.findOneByOrFail(SepaMandate, { id });
    } catch (error) {
      // A concurrent registration of the same reference: the unique index on referenceKey decides.
      if (isUniqueViolation(error)) throw referenceTaken(valid.reference);
      throw error;
    }
  }

  /** Mandates of several customers, each customer's most recently signed first. */
  async forCustomers(customerIds: readonly number[]): Promise<SepaMandate[]> {
    if (customerIds.length === 0) return [];
    return this.database.manager.find(SepaMandate, {
      where: { customerId: In([...customerIds]) },
      order: { signedOn: "DESC", id: "DESC" },
    });
  }

  async byId(id: number): Promise<SepaMandate | null> {
    return this.database.manager.findOneBy(SepaMandate, { id });
  }

  /** The customer's most recently signed mandate that is neither revoked nor lapsed on `asOf`; null when none. */
  async validMandate(manager: EntityManager, customerId: number, asOf: string): Promise<SepaMandate | null> {
    const mandates = await manager.find(SepaMandate, {
      where: { customerId },
      order: { signedOn: "DESC", id: "DESC" },
    });
    return mandates.find((m) => m.signedOn <= asOf && mandateStatus(m, asOf) === "ACTIVE") ?? null;
  }
}
