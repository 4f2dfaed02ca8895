/**
 * One invalid field of an input: `field` is the input's field path as the client sent it
 * (e.g. `initialTermMonths`, `lines[2].quantity`), `message` says why in plain English.
 */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Raised by domain rules and services when input breaks a rule. The GraphQL layer turns it into
 * `extensions.code = "BAD_USER_INPUT"` with `extensions.fields`; it never carries internals.
 */
export class DomainValidationError extends Error {
  readonly fields: FieldError[];

  constructor(fields: FieldError[] | FieldError) {
    const list = Array.isArray(fields) ? fields : [fields];
    super(list.map((f) => `${f.field}: ${f.message}`).join("; "));
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
