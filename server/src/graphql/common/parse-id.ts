import { DomainValidationError } from "../../domain/errors.js";
import { shown, text } from "../../domain/text.js";

/**
 * A GraphQL `ID` argument as a database id. Ids are positive integers sent as strings (or ints);
 * anything else is BAD_USER_INPUT on `field` rather than a query that silently finds nothing.
 */
export function parseId(value: string | number, field: string): number {
  const written = String(value).trim();
  const id = /^[0-9]{1,10}$/.test(written) ? Number(written) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new DomainValidationError({
      field,
      message: text(
        `« ${shown(value)} » n'est pas un identifiant (un nombre entier positif).`,
        `"${shown(value)}" is not an id (a positive whole number).`,
      ),
    });
  }
  return id;
}

/** For look-ups (`customer(id:)`, `quote(id:)`): an id that cannot name a row finds nothing (null). */
export function idOrNull(value: string | number): number | null {
  try {
    return parseId(value, "id");
  } catch {
    return null;
  }
}
