import { type Text, text } from "../../domain/text.js";

/**
 * class-validator's refusals (argument validation through type-graphql) in both languages.
 * class-validator words them in English (`quantity must not be less than 1`); its constraint name
 * and the number in the message are enough to say the same in French. The property name is left
 * out: the answer names it in `field`.
 */
const BY_CONSTRAINT: Record<string, (n: string | undefined) => Text> = {
  min: (n) => text(`doit valoir au moins ${n}.`, `must not be less than ${n}`),
  max: (n) => text(`ne doit pas dépasser ${n}.`, `must not be greater than ${n}`),
  isInt: () => text("doit être un nombre entier.", "must be an integer number"),
  isPositive: () => text("doit être un nombre positif.", "must be a positive number"),
  isNotEmpty: () => text("ne doit pas être vide.", "should not be empty"),
  minLength: (n) => text(`doit compter au moins ${n} caractères.`, `must be longer than or equal to ${n} characters`),
  maxLength: (n) => text(`doit compter au plus ${n} caractères.`, `must be shorter than or equal to ${n} characters`),
  arrayMinSize: (n) => text(`doit contenir au moins ${n} éléments.`, `must contain at least ${n} elements`),
  arrayMaxSize: (n) => text(`doit contenir au plus ${n} éléments.`, `must contain no more than ${n} elements`),
  isEmail: () => text("doit être une adresse e-mail.", "must be an email"),
  matches: () => text("n'a pas le format attendu.", "does not have the expected format"),
  isIn: () => text("n'est pas l'une des valeurs admises.", "must be one of the allowed values"),
};

/** The message of one class-validator constraint (`min`, `maxLength`, …) in both languages. */
export function classValidatorMessage(constraint: string, english: string): Text {
  const number = /(-?\d+(?:\.\d+)?)/.exec(english)?.[1];
  const known = BY_CONSTRAINT[constraint];
  if (known) return known(number);
  // A constraint without a French wording here: say what is certain, keep class-validator's English.
  return text("ne respecte pas une règle de validation.", english.replace(/^\S+\s/, ""));
}
