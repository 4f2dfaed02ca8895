import { type EntityManager, In, IsNull } from "typeorm";
import type { Database } from "../db/database.js";
import { type FieldError, throwIfAny } from "../domain/errors.js";
import { text } from "../domain/text.js";
import { Referent } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";
import { nowToTheSecond, optionalText, requireCustomer, requiredName } from "./maintenance-support.js";

export interface ReferentInput {
  customerId: number;
  name: string;
  email?: string | null;
  phone?: string | null;
  /** Optional: a retry with the same key returns the same referent (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 .()-]{3,38}$/;

/**
 * IT referents (SPEC section 7): exactly one active referent per customer, history kept.
 * Naming one closes the current one (activeUntil = now) and opens the new one (activeFrom = now)
 * in one transaction, with the customer row locked (MySQL) or the write queue held (SQLite), so
 * two concurrent namings for one customer run one after the other and never leave two active.
 */
export class ReferentService {
  constructor(private readonly database: Database) {}

  async name(actor: Actor, input: ReferentInput, now: Date = new Date()): Promise<Referent> {
    const errors: FieldError[] = [];
    const name = requiredName(errors, "name", input.name, 255).replace(/\s+/g, " ");
    const email = optionalText(errors, "email", input.email, 255);
    if (email !== null && !EMAIL_PATTERN.test(email)) {
      errors.push({ field: "email", message: text("n'est pas une adresse e-mail.", "is not an e-mail address") });
    }
    const phone = optionalText(errors, "phone", input.phone, 40);
    if (phone !== null && !PHONE_PATTERN.test(phone)) {
      errors.push({
        field: "phone",
        message: text(
          "doit être un numéro de téléphone : chiffres, espaces, . ( ) - et un + initial facultatif.",
          "must be a phone number: digits, spaces, . ( ) - and an optional leading +",
        ),
      });
    }
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    throwIfAny(errors);
    const payload = { customerId: input.customerId, name, email, phone };
    const id = await createOnce(this.database, { scope: "nameReferent", key, payload }, async (manager) => {
      const customer = await requireCustomer(this.database, manager, input.customerId, "customerId", { lock: true });
      const current = await this.activeIn(manager, customer.id);
      // Naming the active referent again with the same details is a retry: nothing changes.
      if (current && current.name === name && current.email === email && current.phone === phone) return current.id;
      const at = nowToTheSecond(now);
      if (current) {
        // Closes whatever is active (an UPDATE reads the latest committed rows, even under MVCC).
        await manager.update(Referent, { customerId: customer.id, activeUntil: IsNull() }, { activeUntil: at });
      }
      const referent = await manager.save(
        manager.create(Referent, { customerId: customer.id, name, email, phone, activeFrom: at, activeUntil: null }),
      );
      await recordAudit(manager, actor, {
        action: "nameReferent",
        entity: "Referent",
        entityId: referent.id,
        before: current ? { referentId: current.id, name: current.name, activeFrom: current.activeFrom } : null,
        after: { customerId: customer.id, name, activeFrom: at },
      });
      return referent.id;
    });
    return this.database.manager.findOneByOrFail(Referent, { id });
  }

  /** The active referent of a customer, or null. */
  async active(customerId: number): Promise<Referent | null> {
    return this.activeIn(this.database.manager, customerId);
  }

  /** Active referents of many customers at once (for per-request batching). */
  async activeByCustomer(customerIds: readonly number[]): Promise<Map<number, Referent>> {
    const rows =
      customerIds.length === 0
        ? []
        : await this.database.manager.find(Referent, {
            where: { customerId: In([...customerIds]), activeUntil: IsNull() },
            order: { activeFrom: "DESC", id: "DESC" },
          });
    const byCustomer = new Map<number, Referent>();
    for (const row of rows) if (!byCustomer.has(row.customerId)) byCustomer.set(row.customerId, row);
    return byCustomer;
  }

  /** Every referent the customer has had, the most recent first. */
  async history(customerId: number): Promise<Referent[]> {
    return this.database.manager.find(Referent, { where: { customerId }, order: { activeFrom: "DESC", id: "DESC" } });
  }

  /** The referent who was active at an instant (activeFrom ≤ at < activeUntil), or null. */
  async activeAt(manager: EntityManager, customerId: number, at: Date): Promise<Referent | null> {
    return manager
      .createQueryBuilder(Referent, "r")
      .where("r.customerId = :customerId", { customerId })
      .andWhere("r.activeFrom <= :at", { at })
      .andWhere("(r.activeUntil IS NULL OR r.activeUntil > :at)", { at })
      .orderBy("r.activeFrom", "DESC")
      .addOrderBy("r.id", "DESC")
      .getOne();
  }

  private async activeIn(manager: EntityManager, customerId: number): Promise<Referent | null> {
    return manager.findOne(Referent, {
      where: { customerId, activeUntil: IsNull() },
      order: { activeFrom: "DESC", id: "DESC" },
    });
  }
}
