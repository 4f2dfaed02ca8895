/**
 * Messages several rules share, in both languages (domain/text.ts), so one mistake reads the same
 * wherever it is made. Fragments start in lower case: they follow the field they are about
 * (`first : doit être compris entre 1 et 200.`).
 */
import { shown, type Text, text } from "./text.js";

/** A value that is not a `YYYY-MM-DD` date. */
export function notADate(value: unknown): Text {
  return text(`« ${shown(value)} » n'est pas une date (AAAA-MM-JJ).`, `"${shown(value)}" is not a date (YYYY-MM-DD)`);
}

/** A page size of 1 to `max`. */
export function pageSizeMessage(max: number): Text {
  return text(
    `doit être un nombre entier au moins égal à 1 (${max} éléments au plus sont renvoyés).`,
    `must be a whole number of at least 1 (at most ${max} are returned).`,
  );
}

/** A whole number from `min` to `max`. */
export function betweenMessage(min: number, max: number): Text {
  return text(`doit être compris entre ${min} et ${max}.`, `must be between ${min} and ${max}`);
}

/** A text of 1 to `max` characters. */
export function lengthMessage(max: number): Text {
  return text(`doit compter de 1 à ${max} caractères.`, `must be 1 to ${max} characters`);
}

/** A text of at most `max` characters. */
export function atMostCharactersMessage(max: number): Text {
  return text(`doit compter au plus ${max} caractères.`, `must be at most ${max} characters`);
}

/** One of a closed list of codes. */
export function oneOfMessage(allowed: readonly string[]): Text {
  return text(`doit être l'une des valeurs ${allowed.join(", ")}.`, `must be one of ${allowed.join(", ")}`);
}

/** A cursor that is not one of this list's. */
export function notACursorMessage(): Text {
  return text("n'est pas un curseur de cette liste.", "is not a cursor of this list");
}

/** An id naming no customer. */
export function noCustomerMessage(id: unknown): Text {
  return text(`Aucun client n'a l'identifiant ${shown(id)}.`, `No customer has the id ${shown(id)}.`);
}

/** A search text longer than the API accepts. */
export function searchTooLongMessage(max: number, length: number): Text {
  return text(
    `Le texte recherché compte ${length} caractères ; ${max} au plus sont admis.`,
    `The search text has ${length} characters; at most ${max}.`,
  );
}
