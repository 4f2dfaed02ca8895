import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from "type-graphql";
import { DomainValidationError, type FieldError } from "../../domain/errors.js";
import { ConflictError, NotFoundError } from "../../services/errors.js";

export interface ErrorLogger {
  error(message: string, details: Record<string, unknown>): void;
}

/**
 * Turns every error into the public shape of API.md "Errors": known errors keep a code and a clear
 * message; anything unexpected becomes INTERNAL_SERVER_ERROR with a request id, and its details
 * go to the server log only (no stack, SQL or path ever reaches the client).
 */
export function createFormatError(logger: ErrorLogger, requestIdOf: () => string | undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainValidationError) {
      return { ...base, message: original.message, extensions: { code: "BAD_USER_INPUT", fields: original.fields } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = classValidatorFields(original);
      return { ...base, message: describe(fields), extensions: { code: "BAD_USER_INPUT", fields } };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, message: "A valid API token is required", extensions: { code: "UNAUTHENTICATED" } };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, message: "This token's role may not do this", extensions: { code: "FORBIDDEN" } };
    }
    if (original instanceof NotFoundError) {
      return { ...base, message: original.message, extensions: { code: "NOT_FOUND", entity: original.entity } };
    }
    if (original instanceof ConflictError) {
      return { ...base, message: original.message, extensions: { code: "CONFLICT", ...original.details } };
    }

    const code = formatted.extensions?.code as string | undefined;
    if (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED") {
      const valueError = inputValueError(formatted, error);
      if (valueError) return { ...base, extensions: { code: "BAD_USER_INPUT", fields: [valueError] } };
      return { ...base, extensions: { code, ...(code === "BAD_USER_INPUT" ? { fields: [] } : {}) } };
    }
    if (code && code !== "INTERNAL_SERVER_ERROR" && !(original instanceof Error && !(original instanceof GraphQLError))) {
      // Apollo's own client-facing errors (PERSISTED_QUERY_NOT_FOUND, BAD_REQUEST, armor limits …).
      return { ...base, extensions: { ...stripInternals(formatted.extensions) } };
    }

    const requestId = requestIdOf() ?? randomUUID();
    logger.error("Unexpected error while executing a GraphQL request", {
      requestId,
      path: formatted.path,
      error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : original,
    });
    return {
      message: `Internal server error (request id ${requestId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
    };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function describe(fields: FieldError[]): string {
  return fields.map((f) => `${f.field}: ${f.message}`).join("; ") || "Invalid input";
}

type ValidationErrorLike = {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
};

/** Flattens class-validator errors (nested inputs included) into `{ field, message }` with full paths. */
function classValidatorFields(error: ArgumentValidationError): FieldError[] {
  const fields: FieldError[] = [];
  const walk = (items: ValidationErrorLike[], prefix: string) => {
    for (const item of items) {
      const isIndex = /^\d+$/.test(item.property);
      const path = prefix === "" ? item.property : isIndex ? `${prefix}[${item.property}]` : `${prefix}.${item.property}`;
      for (const message of Object.values(item.constraints ?? {})) fields.push({ field: path, message });
      if (item.children?.length) walk(item.children, path);
    }
  };
  walk(error.extensions.validationErrors as unknown as ValidationErrorLike[], "");
  return fields;
}

/**
 * Input values the schema itself rejects (an impossible LocalDate, a string for an Int, a missing
 * required field): names the field, found either in a variable path (`input.startDate`) or, for
 * inline literals, as the argument or object field written just before the value.
 */
function inputValueError(formatted: GraphQLFormattedError, error: unknown): FieldError | null {
  const message = formatted.message;
  const variablePath = /got invalid value .* at "([^"]+)"/.exec(message)?.[1];
  if (variablePath) return { field: variablePath.split(".").slice(1).join(".") || variablePath, message: reason(message) };
  const missing = /Field "([^"]+)" of required type "[^"]+" was not provided/.exec(message)?.[1];
  if (missing) return { field: missing, message: "is required" };
  const variableMissing = /Variable "\$([^"]+)" of required type/.exec(message)?.[1];
  if (variableMissing) return { field: variableMissing, message: reason(message) };
  if (!/^Expected value of type|cannot represent/.test(message)) return null;
  const graphQLError = error instanceof GraphQLError ? error : null;
  const position = graphQLError?.positions?.[0];
  const body = graphQLError?.source?.body;
  if (position === undefined || body === undefined) return { field: "input", message: reason(message) };
  const before = body.slice(0, position);
  const name = /([_A-Za-z][_0-9A-Za-z]*)\s*:\s*\[?\s*$/.exec(before)?.[1] ?? "input";
  return { field: name, message: reason(message) };
}

function reason(message: string): string {
  const parts = message.split("; ");
  return (parts.length > 1 ? parts.slice(1).join("; ") : message).trim();
}

function stripInternals(extensions: GraphQLFormattedError["extensions"]): Record<string, unknown> {
  const { stacktrace: _stacktrace, exception: _exception, ...rest } = (extensions ?? {}) as Record<string, unknown>;
  return rest;
}
