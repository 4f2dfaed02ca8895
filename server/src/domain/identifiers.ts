/**
 * Record ids as the API receives them (GraphQL `ID`, the CSV route's `customerId`): one parser, so
 * `" 3"`, `"007"` or `"x"` get the same answer wherever they are sent (issue 13). An id is a whole
 * number from 1 to 2,147,483,647 (a 32-bit INT column), written in decimal without sign, spaces or
 * leading zeros, as a string or as an integer.
 */
import { shown, type Text, text } from "./text.js";

export const MAX_ID = 2_147_483_647;

/** The id `value` names, or null when it is not one. */
export function parseIdentifier(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null;
  if (typeof value !== "string" || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/** Why `value` is not an id, in both languages (the value quoted, cut to 40 characters). */
export function notAnIdMessage(value: unknown): Text {
  return text(
    `« ${shown(value)} » n'est pas un identifiant : un nombre entier de 1 à ${MAX_ID}, écrit sans espace ni zéro initial.`,
    `"${shown(value)}" is not an id: a whole number from 1 to ${MAX_ID}, written without spaces or leading zeros.`,
  );
}
