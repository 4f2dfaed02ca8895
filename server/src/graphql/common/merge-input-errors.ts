import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { GraphQLContext } from "../context.js";

/**
 * "Every invalid field is reported at once" (API.md "Languages"): graphql-js refuses each bad
 * variable or literal with its own error before anything runs; this merges those request-level
 * BAD_USER_INPUT errors (no `path`) into one, whose `fields` lists them all, like the refusals
 * our own validators give. Errors of executed fields (with a `path`) are left as they are.
 */
export function mergeInputErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const errors = result.errors;
          if (!errors || errors.length < 2) return;
          const isInputError = (e: GraphQLFormattedError) => e.extensions?.code === "BAD_USER_INPUT" && e.path === undefined;
          if (!errors.every(isInputError)) return;
          const separator = contextValue?.language === "fr" ? " ; " : "; ";
          result.errors = [
            {
              message: errors.map((e) => e.message).join(separator),
              locations: errors.flatMap((e) => e.locations ?? []),
              extensions: {
                code: "BAD_USER_INPUT",
                fields: errors.flatMap((e) => (Array.isArray(e.extensions?.fields) ? e.extensions.fields : [])),
              },
            },
          ];
        },
      };
    },
  };
}
