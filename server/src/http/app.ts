import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { languageOf } from "../domain/text.js";
import { createFormatError, DATABASE_UNAVAILABLE_MESSAGE, internalErrorMessage } from "../graphql/common/format-error.js";
import { mergeInputErrorsPlugin } from "../graphql/common/merge-input-errors.js";
import type { GraphQLContext } from "../graphql/context.js";
import { createLoaders } from "../graphql/loaders.js";
import { buildApiSchema } from "../graphql/schema.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { addinRoutes } from "./addin.js";
import { requireToken, sendGraphQLError } from "./auth.js";
import { billingExportRoute } from "./billing-export.js";
import { cors } from "./cors.js";
import { DATABASE_UNAVAILABLE, databaseUnavailablePlugin, RETRY_AFTER_OUTAGE_SECONDS } from "./database-unavailable.js";
import { graphqlLimits } from "./graphql-limits.js";
import { healthRoute } from "./health.js";
import { jitGateway } from "./jit-executor.js";
import { bodyTooLarge, INVALID_JSON, unknownRoute } from "./messages.js";
import { rateLimit } from "./rate-limit.js";
import { rateLimitStore } from "./rate-limit-stores.js";
import { currentLanguage, currentRequestId, enterRequestScope, requestId } from "./request-id.js";

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
}

/**
 * The HTTP app: `/graphql` (token required), `/addin/` (the built add-in, same origin as the API),
 * `/healthz`. Listens on `port` (0 = any free port, for tests).
 */
export async function startHttpServer(
  services: Services,
  logger: Logger,
  port: number,
  host = "0.0.0.0",
): Promise<RunningServer> {
  const { config } = services;
  const app = express();
  app.disable("x-powered-by");
  // No ETag on API answers (they are `no-store`): Express would hash every response body, 2 MB for a
  // page of the renewal schedule. The add-in's static files keep theirs (express.static has its own).
  app.set("etag", false);
  // Which proxies' X-Forwarded-For/-Proto are believed (TRUST_PROXY; docs/operations.md "Running in production").
  app.set("trust proxy", config.trustProxy);
  const httpServer = http.createServer(app);
  // Idle kept-alive connections outlive the proxy's own idle timeout (config.ts `httpTimeouts`).
  httpServer.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  httpServer.headersTimeout = config.http.headersTimeoutMs;
  httpServer.requestTimeout = Math.max(httpServer.requestTimeout, config.http.headersTimeoutMs);

  const limits = graphqlLimits(config.graphqlLimits, !config.production, () => services.bookStatistics.current());
  const apollo = new ApolloServer<GraphQLContext>({
    // The schema, run by graphql-jit for queries (http/jit-executor.ts).
    gateway: jitGateway(await buildApiSchema(services)),
    // Every request is authenticated before GraphQL runs, so introspection is for token holders only.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT (drain, close the database, exit 0); Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createFormatError(logger, currentRequestId, { hideLimits: config.production, languageOf: currentLanguage }),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Apollo's default cache-control plugin wraps every field's resolver to compute cache hints we
    // never use (responses are `no-store`): a fifth of the time of a large renewal schedule page.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      databaseUnavailablePlugin(),
      mergeInputErrorsPlugin(),
    ],
  });
  await apollo.start();

  app.use(requestId);
  app.get("/healthz", healthRoute(services));
  app.use("/addin", addinRoutes(config.addinDir, config.publicUrl));
  // One per-token budget for every authenticated route, shared by every process when it can be.
  const limitStore = rateLimitStore(services.database, config, logger);
  const limiter = rateLimit(config.rateLimitPerMinute, limitStore);
  app.get("/exports/billing.csv", requireToken(services.tokens), limiter, billingExportRoute(services));
  app.use(
    "/graphql",
    cors(config.corsOrigins),
    express.json({ limit: config.maxBodyBytes }),
    requireToken(services.tokens),
    limiter,
    // Apollo's error formatting reads the request id from the async scope; enter it again here so a
    // middleware above that resumes from a raw callback (not a promise) cannot lose it.
    enterRequestScope,
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: req.requestId,
        principal: req.principal!,
        language: languageOf(req.get("accept-language")),
        loaders: createLoaders(services),
      }),
    }),
  );
  app.get("/", (_req, res) => {
    res.type("text/plain").send("Contracts platform API: POST /graphql (Bearer token), add-in at /addin/, health at /healthz\n");
  });
  // Anything else: 404 in the JSON shape of every other refusal (not Express's HTML page).
  app.use((req, res) => sendGraphQLError(res, 404, "NOT_FOUND", unknownRoute(req.method, req.path)));

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413) {
      return sendGraphQLError(res, 413, "PAYLOAD_TOO_LARGE", bodyTooLarge(config.maxBodyBytes));
    }
    if (status === 400 && (error as { type?: string }).type === "entity.parse.failed") {
      return sendGraphQLError(res, 400, "BAD_REQUEST", INVALID_JSON);
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn("Database unavailable", { requestId: req.requestId, path: req.path, error: String(error) });
      if (res.headersSent) return;
      res.setHeader("Retry-After", String(RETRY_AFTER_OUTAGE_SECONDS));
      return sendGraphQLError(res, 503, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
    }
    logger.error("Unhandled HTTP error", { requestId: req.requestId, error: String(error) });
    if (res.headersSent) return;
    sendGraphQLError(res, 500, "INTERNAL_SERVER_ERROR", internalErrorMessage(req.requestId));
  };
  app.use(onError);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    httpServer,
    close: async () => {
      await apollo.stop();
      await limitStore.close();
    },
  };
}
