import type { ApolloServerPlugin } from "@apollo/server";

/** The code of every answer given while the database cannot be reached. */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_OUTAGE_SECONDS = 5;

/**
 * A GraphQL response carrying a DATABASE_UNAVAILABLE error (see format-error.ts) is sent with
 * HTTP 503 and `Retry-After`, like the refusals the HTTP middleware gives during an outage, so
 * clients and load balancers see one signal whichever layer met the outage first.
 */
export function databaseUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (!errors?.some((error) => error.extensions?.code === DATABASE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_OUTAGE_SECONDS));
        },
      };
    },
  };
}
