/**
 * Names of people and organisations (customers, signers, declarers, referents, technicians, API
 * tokens): trimmed, 1 to `max` characters, and free of control characters (NUL, line breaks, tabs)
 * and of bidirectional formatting characters (U+202A–U+202E overrides, U+2066–U+2069 isolates,
 * U+200E/U+200F/U+061C marks), which would let a stored name display as something else in the add-in, a sheet or an export.
 * Pure; shared by every service that stores a name.
 */
import { type Text, text } from "./text.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: this is the list of characters refused.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Why `value` is not an acceptable name, or null when it is (the caller stores it trimmed). */
export function nameProblem(value: string, max: number): Text | null {
  const name = value.trim();
  if (name === "") return text("Le nom est obligatoire.", "A name is required.");
  if (name.length > max) {
    return text(
      `Le nom compte ${name.length} caractères ; ${max} au plus sont admis.`,
      `The name has ${name.length} characters; at most ${max}.`,
    );
  }
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden) {
    const code = `U+${(forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    return text(
      `Le nom contient un caractère de contrôle ou de mise en forme bidirectionnelle (${code}), interdit dans un nom.`,
      `The name contains a control or bidirectional formatting character (${code}), which a name may not hold.`,
    );
  }
  return null;
}
