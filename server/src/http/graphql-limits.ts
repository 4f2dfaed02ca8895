import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import { GraphQLError, type ParseOptions, type ValidationRule } from "graphql";
import type { GraphQLLimits } from "../config.js";
import { type Language, type Text, text } from "../domain/text.js";
import type { GraphQLContext } from "../graphql/context.js";
import { type BookStatistics, EMPTY_BOOK } from "../services/book-statistics.js";
import { estimateOperation } from "./query-cost.js";
import { FIELD_COSTS } from "./query-cost-model.js";

/** The code of every refusal by a document limit (HTTP 400). */
export const LIMIT_CODE = "GRAPHQL_VALIDATION_FAILED";

export interface GraphQLLimitOptions {
  plugins: ApolloServerPlugin<GraphQLContext>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * A document refused by a limit of this server, before it runs. `text` is the message in both
 * languages (the answer is in the reader's), and names the setting that refused it.
 */
export class QueryLimitError extends GraphQLError {
  constructor(readonly text: Text) {
    super(text.en, { extensions: { code: LIMIT_CODE, http: { status: 400 } } });
    this.name = "QueryLimitError";
  }
}

/** What graphql-js says, after format-error.ts's production wording, when a document has too many tokens. */
const TOKENS_REFUSED = text(
  "Requête refusée : elle dépasse une limite de ce serveur.",
  "Query refused: it exceeds a limit of this server.",
);

/** Refusal by one of the settings, its value stated only when `exposeLimits` (never in production). */
function refusal(setting: string, value: number, exposeLimits: boolean, what: Text, advice: Text): Text {
  const limit = exposeLimits ? `${setting} = ${value}` : setting;
  return text(
    `Requête refusée : ${what.fr} dépasse la limite de ce serveur (${limit}). ${advice.fr}`,
    `Query refused: ${what.en} exceeds this server's limit (${limit}). ${advice.en}`,
  );
}

/**
 * Depth, aliases and directives (graphql-armor validation rules), tokens (graphql-js's own parser
 * limit: armor's token plugin throws outside Apollo's error handling and turns into a 500), and
 * cost (our estimate of the work a document asks for, which needs the variables and the book's
 * size: http/query-cost.ts and query-cost-model.ts), with at most one renewal schedule and one
 * `__schema` per document. Every refusal is a GRAPHQL_VALIDATION_FAILED error with HTTP 400,
 * in the reader's language, naming the setting; its value only outside production.
 */
export function graphqlLimits(
  limits: GraphQLLimits,
  exposeLimits: boolean,
  book: () => Promise<BookStatistics> = async () => EMPTY_BOOK,
): GraphQLLimitOptions {
  const reject =
    (message: Text): GraphQLArmorRejectCallback =>
    (context) => {
      context?.reportError(new QueryLimitError(message));
    };
  const common = { exposeLimits: false, propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: {
      ...common,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [
        reject(
          refusal(
            "GRAPHQL_MAX_DEPTH",
            limits.maxDepth,
            exposeLimits,
            text("sa profondeur d'imbrication", "its nesting depth"),
            text("Imbriquez moins de champs.", "Nest fewer fields."),
          ),
        ),
      ],
    },
    maxAliases: {
      ...common,
      n: limits.maxAliases,
      onReject: [
        reject(
          refusal(
            "GRAPHQL_MAX_ALIASES",
            limits.maxAliases,
            exposeLimits,
            text("son nombre d'alias", "its number of aliases"),
            text("Répartissez-les sur plusieurs requêtes.", "Spread them over several requests."),
          ),
        ),
      ],
    },
    maxDirectives: {
      ...common,
      n: limits.maxDirectives,
      onReject: [
        reject(
          refusal(
            "GRAPHQL_MAX_DIRECTIVES",
            limits.maxDirectives,
            exposeLimits,
            text("son nombre de directives", "its number of directives"),
            text("Utilisez moins de directives.", "Use fewer directives."),
          ),
        ),
      ],
    },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !exposeLimits },
  }).protect();
  return {
    // armor is CommonJS and types its plugins with Apollo's CommonJS declarations: same shape.
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<GraphQLContext>[]),
      costLimitPlugin(limits, exposeLimits, book),
      limitMessagesInReaderLanguage(),
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

function costLimitPlugin(
  limits: GraphQLLimits,
  exposeLimits: boolean,
  book: () => Promise<BookStatistics>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const estimate = estimateOperation(schema, document, operation, request.variables, {
            assumedListSize: limits.assumedListSize,
            stopAbove: limits.maxCost,
            book: await book(),
            fields: FIELD_COSTS,
          });
          if (estimate.overused) {
            const field = estimate.overused.field.replace(/^Query\./, "");
            throw new QueryLimitError(
              text(
                `Requête refusée : ${field} ne peut être demandé qu'une fois par document. Envoyez une requête pour chacun.`,
                `Query refused: ${field} may be asked for only once per document. Send one request for each.`,
              ),
            );
          }
          if (estimate.cost <= limits.maxCost) return;
          const shown = exposeLimits ? ` (${estimate.cost})` : "";
          throw new QueryLimitError(
            refusal(
              "GRAPHQL_MAX_COST",
              limits.maxCost,
              exposeLimits,
              text(`son coût estimé${shown}`, `its estimated cost${shown}`),
              text(
                "Demandez des pages plus petites (first), une période plus courte, ou moins de champs et de listes imbriquées.",
                "Ask for smaller pages (first), a shorter window, or fewer fields and nested lists.",
              ),
            ),
          );
        },
      };
    },
  };
}

/**
 * Refusals by a limit in the reader's language (GraphQLContext.language). Errors are formatted
 * without the request at hand, in English; this swaps the refusals of this file (and graphql-js's
 * token limit) for their French text when the reader reads French.
 */
function limitMessagesInReaderLanguage(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const texts: Text[] = [];
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const limit = limitTextOf(error);
            if (limit) texts.push(limit);
            if (/Document contains more th(?:an|at) \d+ tokens/.test(error.message)) texts.push(TOKENS_REFUSED);
          }
        },
        async willSendResponse({ contextValue, response }) {
          const language: Language = contextValue?.language ?? "en";
          if (texts.length === 0 || language === "en" || response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const match = texts.find((t) => t.en === error.message);
            if (match) (error as { message: string }).message = match[language];
          }
        },
      };
    },
  };
}

function limitTextOf(error: unknown): Text | null {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    if (current instanceof QueryLimitError) return current.text;
    current = current.originalError;
  }
  return null;
}
