import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { Database } from "../db/database.js";
import { daysBetween, isValidLocalDate, todayInParis } from "../domain/calendar.js";
import { DomainValidationError, type FieldError } from "../domain/errors.js";
import { atMostCharactersMessage, lengthMessage, noCustomerMessage, notADate } from "../domain/messages.js";
import { nameProblem } from "../domain/names.js";
import { type Text, text } from "../domain/text.js";
import { Customer } from "../entities/index.js";

/**
 * Helpers shared by the maintenance services (referents, maintenance contracts, incidents,
 * intervention sheets, billing export).
 */

/** Now, without milliseconds: instants are stored to the second on both databases. */
export function nowToTheSecond(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

/** The Europe/Paris calendar date of an instant. */
export function parisDateOf(instant: Date): string {
  return todayInParis(instant);
}

/**
 * Reads one row by id inside a transaction, locked for update on MySQL/MariaDB (`FOR UPDATE`), so
 * concurrent writers on the same row queue up. SQLite needs no lock: its write transactions are
 * already serialised (queued in-process, IMMEDIATE across processes).
 */
export async function lockById<T extends ObjectLiteral>(
  database: Database,
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: number,
): Promise<T | null> {
  const query = manager.createQueryBuilder(entity, "row").where("row.id = :id", { id });
  if (database.kind === "mysql") query.setLock("pessimistic_write");
  return query.getOne();
}

/** A customer id from an input field; BAD_USER_INPUT naming the field when no such customer exists. */
export async function requireCustomer(
  database: Database,
  manager: EntityManager,
  id: number,
  field: string,
  options: { lock?: boolean } = {},
): Promise<Customer> {
  const customer = options.lock ? await lockById(database, manager, Customer, id) : await manager.findOneBy(Customer, { id });
  if (!customer) throw new DomainValidationError({ field, message: noCustomerMessage(id) });
  return customer;
}

/** Text trimmed and checked for length; pushes an error and returns null when it does not fit. */
export function requiredText(errors: FieldError[], field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === "" || text.length > max) errors.push({ field, message: lengthMessage(max) });
  return text;
}

/** A person's name (domain/names.ts: no control or bidirectional characters); pushes an error when it does not fit. */
export function requiredName(errors: FieldError[], field: string, value: string, max: number): string {
  const problem = nameProblem(value, max);
  if (problem) errors.push({ field, message: problem });
  return value.trim();
}

/** An optional person's name: blank becomes null. */
export function optionalName(errors: FieldError[], field: string, value: string | null | undefined, max: number): string | null {
  const name = value?.trim() ?? "";
  if (name === "") return null;
  return requiredName(errors, field, name, max);
}

/** Optional text: blank becomes null. */
export function optionalText(errors: FieldError[], field: string, value: string | null | undefined, max: number): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) errors.push({ field, message: atMostCharactersMessage(max) });
  return text === "" ? null : text;
}

/** A fact's date: a real date, not in the future (Paris), and not before `notBefore` when given. */
export function factDateErrors(
  field: string,
  value: string,
  today: string,
  notBefore?: { date: string; what: Text },
): FieldError[] {
  if (!isValidLocalDate(value)) return [{ field, message: notADate(value) }];
  if (value > today) {
    return [
      {
        field,
        message: text(
          `La date ${value} est dans le futur (nous sommes le ${today}, heure de Paris).`,
          `${value} is in the future (today is ${today} in Europe/Paris)`,
        ),
      },
    ];
  }
  if (notBefore && value < notBefore.date) {
    return [
      {
        field,
        message: text(
          `La date ${value} précède ${notBefore.what.fr} (${notBefore.date}).`,
          `${value} is before ${notBefore.what.en} (${notBefore.date})`,
        ),
      },
    ];
  }
  return [];
}

/** A `[from, to]` period of calendar dates (both inclusive), at most `maxDays` long. */
export function periodErrors(from: string, to: string, maxDays = 366): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidLocalDate(from)) errors.push({ field: "from", message: notADate(from) });
  if (!isValidLocalDate(to)) errors.push({ field: "to", message: notADate(to) });
  if (errors.length > 0) return errors;
  if (to < from) {
    return [
      {
        field: "to",
        message: text(`doit être égale ou postérieure à la date de début (${from}).`, `must be on or after from (${from})`),
      },
    ];
  }
  const days = daysBetween(from, to) + 1;
  if (days > maxDays) {
    return [
      {
        field: "to",
        message: text(
          `La période compte ${days} jours ; ${maxDays} au plus.`,
          `the period is ${days} days long; at most ${maxDays}`,
        ),
      },
    ];
  }
  return [];
}
