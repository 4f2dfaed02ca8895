import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import { GraphQLError, type ParseOptions, type ValidationRule } from "graphql";
import type { GraphQLLimits } from "../config.js";
import { operationCost } from "./query-cost.js";

/** The code of every refusal by a document limit (HTTP 400). */
export const LIMIT_CODE = "GRAPHQL_VALIDATION_FAILED";

export interface GraphQLLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * Depth, aliases and directives (graphql-armor validation rules), tokens (graphql-js's own parser
 * limit: armor's token plugin throws outside Apollo's error handling and turns into a 500), and
 * cost (our own estimate, which needs the variables: `first: $n` counts). Every refusal is a
 * GRAPHQL_VALIDATION_FAILED error with HTTP 400; the limit itself is named only outside production.
 */
export function graphqlLimits(limits: GraphQLLimits, exposeLimits: boolean): GraphQLLimitOptions {
  const reject: GraphQLArmorRejectCallback = (context, error) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { code: LIMIT_CODE } }));
  };
  const common = { exposeLimits, errorMessage: "Query refused: it exceeds a limit of this server.", propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [reject] },
    maxAliases: { ...common, n: limits.maxAliases, onReject: [reject] },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: [reject] },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !exposeLimits },
  }).protect();
  return {
    // armor is CommonJS and types its plugins with Apollo's CommonJS declarations: same shape.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin[]), costLimitPlugin(limits, exposeLimits)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

function costLimitPlugin(limits: GraphQLLimits, exposeLimits: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables, {
            assumedListSize: limits.assumedListSize,
            stopAbove: limits.maxCost,
          });
          if (cost <= limits.maxCost) return;
          const message = exposeLimits
            ? `Query cost ${cost} exceeds the limit of ${limits.maxCost}: ask for smaller pages (first) or fewer fields.`
            : "Query refused: it exceeds a limit of this server (ask for smaller pages or fewer fields).";
          throw new GraphQLError(message, { extensions: { code: LIMIT_CODE, http: { status: 400 } } });
        },
      };
    },
  };
}
