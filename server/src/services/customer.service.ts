import { In } from "typeorm";
import type { Database } from "../db/database.js";
import { isValidLocalDate, todayInParis } from "../domain/calendar.js";
import { type CustomerCategory, isCustomerCategory, WAIVABLE_CATEGORIES } from "../domain/catalogue.js";
import { collecting, type FieldError, throwIfAny } from "../domain/errors.js";
import { pageSizeMessage, searchTooLongMessage } from "../domain/messages.js";
import { nameProblem } from "../domain/names.js";
import { validateSiren } from "../domain/siren.js";
import { shown, text } from "../domain/text.js";
import { Customer } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";

export interface CustomerData {
  name: string;
  category: CustomerCategory;
  siren?: string | null;
  waiverSignedOn?: string | null;
  /** Optional: a retry with the same key returns the same customer (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

export const CUSTOMER_NAME_MAX_LENGTH = 255;
export const CUSTOMERS_DEFAULT_PAGE = 50;
export const CUSTOMERS_MAX_PAGE = 200;
/** Longest search text (trimmed). */
export const SEARCH_MAX_LENGTH = 200;

/** Every rule a new customer breaks; returns the cleaned values when none. */
export function validateCustomer(
  input: CustomerData,
  today: string,
): { name: string; category: CustomerCategory; siren: string | null; waiverSignedOn: string | null } {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  const nameError = nameProblem(name, CUSTOMER_NAME_MAX_LENGTH);
  if (nameError) errors.push({ field: "name", message: nameError });
  if (!isCustomerCategory(input.category)) {
    errors.push({
      field: "category",
      message: text(
        `« ${shown(input.category)} » n'est pas une catégorie de client.`,
        `"${shown(input.category)}" is not a customer category.`,
      ),
    });
  }
  let siren: string | null = null;
  if (input.siren !== null && input.siren !== undefined && input.siren.trim() !== "") {
    const checked = validateSiren(input.siren);
    if (checked.ok) siren = checked.value;
    else errors.push(checked.error);
  }
  const waiver = input.waiverSignedOn ?? null;
  if (waiver !== null) {
    if (input.category === "CONSUMER") {
      errors.push({
        field: "waiverSignedOn",
        message: text(
          "Un particulier (CONSUMER) ne peut pas renoncer aux protections du droit de la consommation (l'article L224-28 est d'ordre public pour les consommateurs).",
          "A CONSUMER cannot waive the consumer-law protections (L224-28 is public order for consumers).",
        ),
      });
    } else if (!WAIVABLE_CATEGORIES.includes(input.category)) {
      errors.push({
        field: "waiverSignedOn",
        message: text(
          `Seuls les clients MICRO, SMALL et NON_PROFIT peuvent renoncer aux protections de l'article L224-28 ; les clients ${input.category} ne sont pas protégés.`,
          `Only MICRO, SMALL and NON_PROFIT customers can waive the L224-28 protections; ${input.category} customers are not protected.`,
        ),
      });
    } else if (!isValidLocalDate(waiver)) {
      errors.push({
        field: "waiverSignedOn",
        message: text(`« ${shown(waiver)} » n'est pas une date (AAAA-MM-JJ).`, `"${shown(waiver)}" is not a date (YYYY-MM-DD).`),
      });
    } else if (waiver > today) {
      errors.push({
        field: "waiverSignedOn",
        message: text(
          `La date de renonciation ${waiver} est dans le futur (nous sommes le ${today}).`,
          `The waiver date ${waiver} is in the future (today is ${today}).`,
        ),
      });
    }
  }
  throwIfAny(errors);
  return { name, category: input.category, siren, waiverSignedOn: waiver };
}

/** Customers: creation with its checks, look-up and search by name. */
export class CustomerService {
  constructor(private readonly database: Database) {}

  async create(actor: Actor, input: CustomerData): Promise<Customer> {
    const errors: FieldError[] = [];
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    const values = collecting(errors, () => validateCustomer(input, todayInParis()));
    throwIfAny(errors);
    const valid = values as NonNullable<typeof values>;
    const id = await createOnce(this.database, { scope: "createCustomer", key, payload: { ...valid } }, async (manager) => {
      const customer = await manager.save(manager.create(Customer, { ...valid, sample: false, createdAt: new Date() }));
      await recordAudit(manager, actor, {
        action: "createCustomer",
        entity: "Customer",
        entityId: customer.id,
        after: { category: valid.category, waiverSignedOn: valid.waiverSignedOn },
      });
      return customer.id;
    });
    return this.database.manager.findOneByOrFail(Customer, { id });
  }

  async byId(id: number): Promise<Customer | null> {
    return this.database.manager.findOneBy(Customer, { id });
  }

  async byIds(ids: readonly number[]): Promise<Customer[]> {
    return ids.length === 0 ? [] : this.database.manager.findBy(Customer, { id: In([...ids]) });
  }

  /**
   * Customers whose name contains `search` (case-insensitive, at most 200 characters: a longer
   * pattern is no name and SQLite refuses very long LIKE patterns), by name; `first` >= 1, capped at 200.
   */
  async search(search: string | null | undefined, first: number = CUSTOMERS_DEFAULT_PAGE): Promise<Customer[]> {
    const errors: FieldError[] = [];
    const term = search?.trim() ?? "";
    if (term.length > SEARCH_MAX_LENGTH) {
      errors.push({ field: "search", message: searchTooLongMessage(SEARCH_MAX_LENGTH, term.length) });
    }
    if (!Number.isInteger(first) || first < 1) errors.push({ field: "first", message: pageSizeMessage(CUSTOMERS_MAX_PAGE) });
    throwIfAny(errors);
    const query = this.database.manager.createQueryBuilder(Customer, "c");
    if (term !== "") {
      // `!` escapes LIKE wildcards typed by the user; both databases accept it as ESCAPE character.
      const pattern = `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
      query.where("LOWER(c.name) LIKE :pattern ESCAPE '!'", { pattern });
    }
    // LOWER: both databases then sort alike (SQLite compares bytes, MariaDB ignores case).
    return query.orderBy("LOWER(c.name)", "ASC").addOrderBy("c.id", "ASC").take(Math.min(first, CUSTOMERS_MAX_PAGE)).getMany();
  }
}
