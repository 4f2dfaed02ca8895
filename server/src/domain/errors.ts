import { type Language, mapText, type Text } from "./text.js";

/**
 * One invalid field of an input: `field` is the input's field path relative to the argument, as
 * the client sent it (e.g. `initialTermMonths`, `lines[2].quantity`, `families[0]`); `message`
 * says why, in French and English (the API answers in the reader's language, domain/text.ts).
 */
export interface FieldError {
  field: string;
  message: Text;
}

/** `field: message; field: message` in one language (an error's summary line). */
export function describeFields(fields: readonly FieldError[], language: Language): string {
  // French typography puts a space before the colon and the semicolon.
  const [colon, separator] = language === "fr" ? [" : ", " ; "] : [": ", "; "];
  return fields.map((f) => `${f.field}${colon}${f.message[language]}`).join(separator);
}

/**
 * Raised by domain rules and services when input breaks a rule. The GraphQL layer turns it into
 * `extensions.code = "BAD_USER_INPUT"` with `extensions.fields`; it never carries internals.
 * Its `message` (for logs) is the English summary.
 */
export class DomainValidationError extends Error {
  readonly fields: FieldError[];

  constructor(fields: FieldError[] | FieldError) {
    const list = Array.isArray(fields) ? fields : [fields];
    super(describeFields(list, "en"));
    this.name = "DomainValidationError";
    this.fields = list;
  }

  /** Prefixes every field path, so a nested input's errors name their full path. */
  within(prefix: string): DomainValidationError {
    return new DomainValidationError(this.fields.map((f) => ({ field: `${prefix}.${f.field}`, message: f.message })));
  }
}

/** Throws when any errors were collected; lets a validator report every bad field at once. */
export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new DomainValidationError(errors);
}

/** The result of `validate`, or null with its fields added to `errors` when it throws DomainValidationError. */
export function collecting<T>(errors: FieldError[], validate: () => T): T | null {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    errors.push(...error.fields);
    return null;
  }
}

/** The fields of `error` with `prefix` before each path; for composing validators. */
export function prefixed(fields: readonly FieldError[], prefix: string): FieldError[] {
  return fields.map((f) => ({ field: `${prefix}.${f.field}`, message: f.message }));
}

/** A message with text before it in each language (e.g. naming the thing it is about). */
export function withPrefix(message: Text, fr: string, en: string): Text {
  return mapText(message, (value, language) => `${language === "fr" ? fr : en}${value}`);
}
