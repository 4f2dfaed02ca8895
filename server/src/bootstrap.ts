import "reflect-metadata";
import type { AppConfig } from "./config.js";
import { Database } from "./db/database.js";
import { migrateWithLock } from "./db/migrate.js";
import type { Logger } from "./logger.js";
import { seedSampleData } from "./seed/sample-data.js";
import { Services } from "./services/index.js";

export interface OpenedApp {
  database: Database;
  services: Services;
  /** Set only on the very first start against an empty database: shown once, never stored. */
  firstAdminToken: string | null;
}

/**
 * Opens the database, migrates it and seeds it under a cross-process lock, and builds the
 * services. Shared by the server, the token command and the tests.
 */
export async function openApp(
  config: AppConfig,
  options: { createFirstAdminToken?: boolean; logger?: Logger } = {},
): Promise<OpenedApp> {
  const { logger } = options;
  const database = await Database.open(config.database, {
    timeouts: config.databaseTimeouts,
    onHostDown: (host, error) =>
      logger?.warn("Database host set aside: new connections go to the next host", {
        host: `${host.host}:${host.port}`,
        error: String(error),
      }),
    // Rare outside contention; on Galera each one is a write that lost certification to another node's.
    onRetry: (reason, attempt) => logger?.info("Transaction tried again", { reason, attempt }),
  });
  const services = new Services(database, config);
  let firstAdminToken: string | null = null;
  try {
    await migrateWithLock(
      database,
      async () => {
        if (config.seedSampleData) await database.transaction((manager) => seedSampleData(manager));
        if (options.createFirstAdminToken && (await services.tokens.count()) === 0) {
          firstAdminToken = (
            await services.tokens.create({ role: "ADMIN", name: "premier administrateur (créé au premier démarrage)" })
          ).token;
        }
      },
      { onWait: (holder) => logger?.info("Waiting for another server to finish migrating", { holder }) },
    );
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, services, firstAdminToken };
}
