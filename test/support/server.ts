import "reflect-metadata";
import { type OpenedApp, openApp } from "../../server/src/bootstrap.js";
import { loadConfig } from "../../server/src/config.js";
import type { Role } from "../../server/src/entities/api-token.entity.js";
import { type RunningServer, startHttpServer } from "../../server/src/http/app.js";
import { createLogger, type Logger } from "../../server/src/logger.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { field: string; message: string }[]; [key: string]: unknown };
  }[];
  headers: Headers;
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  app: OpenedApp;
  server: RunningServer;
  createToken(role: Role): Promise<string>;
  /** POSTs one GraphQL operation to the real HTTP endpoint (`headers` e.g. `{ "accept-language": "fr-FR" }`). */
  gql<T = Record<string, any>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * A real server on a free port over a database of its own (seeded with the sample catalogue
 * unless told otherwise; a copy of the run's template, see database.ts): what integrators and the
 * add-in talk to, nothing mocked. The server still starts with `openApp`, migrations and seed
 * included, as `npm start` does; on the copy they find nothing left to do.
 */
export async function startTestServer(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    /** Where the server logs (default: errors only, to stderr); tests capture it to check the log. */
    logger?: Logger;
    /** A database made by the test itself (e.g. on a MariaDB instance it stops and restarts). */
    db?: TestDatabase;
  } = {},
): Promise<TestServer> {
  const db = options.db ?? (await createTestDatabase({ contents: options.seed === false ? "migrated" : "seeded" }));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    SEED_SAMPLE_DATA: options.seed === false ? "false" : "true",
    RATE_LIMIT_PER_MINUTE: "100000",
    ...options.env,
  });
  const app = await openApp(config);
  const server = await startHttpServer(app.services, options.logger ?? createLogger({ silent: true }), 0, "127.0.0.1");
  return {
    url: server.url,
    db,
    app,
    server,
    createToken: async (role) => (await app.services.tokens.create({ role, name: `test ${role}` })).token,
    gql: async (token, query, variables, headers = {}) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any };
      return { status: response.status, data: body.data ?? undefined, errors: body.errors, headers: response.headers };
    },
    close: async () => {
      await server.close();
      await app.database.close();
      await db.drop();
    },
  };
}
