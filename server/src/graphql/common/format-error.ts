import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from "type-graphql";
import { isDatabaseUnavailable } from "../../db/unavailable.js";
import { DomainValidationError, describeFields, type FieldError } from "../../domain/errors.js";
import { type Language, type Text, text } from "../../domain/text.js";
import { ConflictError, NotFoundError } from "../../services/errors.js";
import { classValidatorMessage } from "./class-validator-messages.js";
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

/** Messages of the refusals every layer shares (the HTTP ones are in http/messages.ts). */
export const TOKEN_REQUIRED: Text = text("Un jeton d'API valide est nécessaire.", "A valid API token is required");
export const ROLE_MAY_NOT: Text = text("Le rôle de ce jeton ne permet pas cette opération.", "This token's role may not do this");
/**
 * A 503 may hide a write that committed (the connection was lost during COMMIT), so it says how to
 * retry without creating twice: with the same idempotencyKey (services/idempotency.ts).
 */
export const DATABASE_UNAVAILABLE_MESSAGE: Text = text(
  "La base de données est indisponible ou la transaction a été interrompue : réessayez dans quelques secondes. Une écriture a pu être enregistrée malgré cette erreur ; la réessayer avec la même clé d'idempotence (idempotencyKey) est sans risque : elle ne sera pas faite deux fois.",
  "The database is unavailable or the transaction was aborted; try again in a few seconds. A write may have been saved despite this error; retrying it with the same idempotencyKey is safe: it will not be done twice",
);

export function internalErrorMessage(requestId: string): Text {
  return text(
    `Erreur interne du serveur (identifiant de requête ${requestId}).`,
    `Internal server error (request id ${requestId})`,
  );
}

/** `{ field, message }` with the message in one language, as the API answers it. */
function inLanguageFields(fields: readonly FieldError[], language: Language): { field: string; message: string }[] {
  return fields.map((f) => ({ field: f.field, message: f.message[language] }));
}

function badUserInput(fields: readonly FieldError[], language: Language) {
  return {
    message: describeFields(fields, language) || text("Saisie invalide.", "Invalid input")[language],
    extensions: { code: "BAD_USER_INPUT", fields: inLanguageFields(fields, language) },
  };
}

/**
 * Turns every error into the public shape of API.md "Errors": known errors keep a code and a clear
 * message in the reader's language (`languageOf`: the request's Accept-Language, domain/text.ts);
 * input values refused by GraphQL itself become BAD_USER_INPUT with `fields`; a database outage
 * becomes DATABASE_UNAVAILABLE (HTTP 503, see http/database-unavailable.ts); anything else becomes
 * INTERNAL_SERVER_ERROR with a request id, and its details go to the server log only (no stack,
 * SQL or path ever reaches the client). Codes and field paths never depend on the language.
 */
export function createFormatError(
  logger: ErrorLogger,
  requestIdOf: () => string | undefined,
  options: { hideLimits?: boolean; languageOf?: () => Language } = {},
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const language = options.languageOf?.() ?? "en";
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainValidationError) return { ...base, ...badUserInput(original.fields, language) };
    if (original instanceof ArgumentValidationError)
      return { ...base, ...badUserInput(classValidatorFields(original), language) };
    if (original instanceof AuthenticationError) {
      return { ...base, message: TOKEN_REQUIRED[language], extensions: { code: "UNAUTHENTICATED" } };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, message: ROLE_MAY_NOT[language], extensions: { code: "FORBIDDEN" } };
    }
    if (original instanceof NotFoundError) {
      return { ...base, message: original.text[language], extensions: { code: "NOT_FOUND", entity: original.entity } };
    }
    if (original instanceof ConflictError) {
      return { ...base, message: original.text[language], extensions: { code: "CONFLICT", ...original.details } };
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
        message: DATABASE_UNAVAILABLE_MESSAGE[language],
        extensions: { code: "DATABASE_UNAVAILABLE", requestId },
      };
    }

    const code = formatted.extensions?.code as string | undefined;
    const fromGraphQL = !(original instanceof Error) || original instanceof GraphQLError;
    if (fromGraphQL && (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED")) {
      const valueError = inputValueError(formatted.message, error);
      if (valueError) return { ...base, ...badUserInput([valueError], language) };
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
        const refused = text(
          "Requête refusée : elle dépasse une limite de ce serveur.",
          "Query refused: it exceeds a limit of this server.",
        );
        return { ...base, message: refused[language], extensions };
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
      message: internalErrorMessage(requestId)[language],
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
      for (const [constraint, message] of Object.entries(item.constraints ?? {})) {
        fields.push({ field: path, message: classValidatorMessage(constraint, message) });
      }
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
