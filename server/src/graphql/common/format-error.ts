import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from "type-graphql";
import { isDatabaseUnavailable } from "../../db/unavailable.js";
import { DomainValidationError, type FieldError } from "../../domain/errors.js";
import { ConflictError, NotFoundError } from "../../services/errors.js";
import { inputValueError } from "./input-errors.js";

export interface ErrorLogger {
  warn(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

/** Codes of GraphQL's and Apollo's own refusals, safe to pass on as they are. */
const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Turns every error into the public shape of API.md "Errors": known errors keep a code and a clear
 * message; input values refused by GraphQL itself become BAD_USER_INPUT with `fields`; a database
 * outage becomes DATABASE_UNAVAILABLE (HTTP 503, see http/database-unavailable.ts); anything else
 * becomes INTERNAL_SERVER_ERROR with a request id, and its details go to the server log only (no
 * stack, SQL or path ever reaches the client).
 */
export function createFormatError(
  logger: ErrorLogger,
  requestIdOf: () => string | undefined,
  options: { hideLimits?: boolean } = {},
) {
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
    if (isDatabaseUnavailable(original)) {
      const requestId = requestIdOf() ?? randomUUID();
      logger.warn("Database unavailable while executing a GraphQL request", {
        requestId,
        path: formatted.path,
        error: summary(original),
      });
      return {
        ...base,
        message: "The database is unavailable; try again in a few seconds",
        extensions: { code: "DATABASE_UNAVAILABLE", requestId },
      };
    }

    const code = formatted.extensions?.code as string | undefined;
    const fromGraphQL = !(original instanceof Error) || original instanceof GraphQLError;
    if (fromGraphQL && (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED")) {
      const valueError = inputValueError(formatted.message, error);
      if (valueError)
        return { ...base, message: describe([valueError]), extensions: { code: "BAD_USER_INPUT", fields: [valueError] } };
      if (code === "BAD_USER_INPUT") {
        const extensions = stripInternals(formatted.extensions);
        return {
          ...base,
          extensions: { ...extensions, code, fields: Array.isArray(extensions.fields) ? extensions.fields : [] },
        };
      }
    }
    if (fromGraphQL && code && code !== "INTERNAL_SERVER_ERROR") {
      // GraphQL's and Apollo's refusals, the document limits, and resolvers' own coded GraphQLErrors.
      const extensions = CLIENT_ERROR_CODES.has(code) ? { code } : stripInternals(formatted.extensions);
      if (options.hideLimits && /Document contains more th(?:an|at) \d+ tokens/.test(formatted.message)) {
        // graphql-js names its token limit; the other limits are worded by graphql-limits.ts.
        return { ...base, message: "Query refused: it exceeds a limit of this server.", extensions };
      }
      return { ...base, extensions };
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

function summary(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; code?: string; message?: string };
  return { name: e?.name, code: e?.code, message: e?.message };
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

function stripInternals(extensions: GraphQLFormattedError["extensions"]): Record<string, unknown> {
  const { stacktrace: _stacktrace, exception: _exception, http: _http, ...rest } = (extensions ?? {}) as Record<string, unknown>;
  return rest;
}
