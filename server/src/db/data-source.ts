import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { DataSource, type DataSourceOptions } from "typeorm";
import type { DatabaseHost, DatabaseTarget, DatabaseTimeouts } from "../config.js";
import { ENTITIES } from "../entities/index.js";
import { MIGRATIONS } from "../migrations/index.js";
import { failoverDriver } from "./failover-pool.js";
import { prepareMysqlSession } from "./mysql-session.js";

/** The defaults of config.ts, for callers that open a database without a whole configuration. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  queryMs: 5_000,
  connectMs: 3_000,
  hostRetryMs: 5_000,
  sqliteLockWaitMs: 5_000,
};

export interface DataSourceHooks {
  /** Told when a MySQL host is set aside (it refused or dropped a connection, or stopped answering). */
  onHostDown?: (host: DatabaseHost, error: unknown) => void;
}

/** TypeORM options for either database; both run the same entities and migrations. */
export function dataSourceOptions(
  target: DatabaseTarget,
  flavour: "mysql" | "mariadb" = "mysql",
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  hooks: DataSourceHooks = {},
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (target.kind === "sqlite") {
    if (target.file !== ":memory:") fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return {
      ...common,
      type: "better-sqlite3",
      database: target.file,
      enableWAL: target.file !== ":memory:",
      // Opening may wait for another process (switching the file to WAL); once open, lock waits are
      // asynchronous (db/sqlite-locking.ts).
      timeout: SQLITE_OPEN_BUSY_TIMEOUT_MS,
    } as DataSourceOptions;
  }
  const first = target.hosts[0] as DatabaseHost;
  return {
    ...common,
    // MariaDB reports column defaults and constraints differently from MySQL; TypeORM needs to know.
    type: flavour,
    connectorPackage: "mysql2",
    // Connections come from the hosts in DATABASE_URL's order (db/failover-pool.ts); TypeORM sees the first.
    driver: failoverDriver({
      hosts: target.hosts,
      queryTimeoutMs: timeouts.queryMs,
      connectTimeoutMs: timeouts.connectMs,
      hostRetryMs: timeouts.hostRetryMs,
      prepareConnection: (connection) => prepareMysqlSession(connection, { lockWaitSeconds: timeouts.queryMs / 1000 - 1 }),
      onHostDown: hooks.onHostDown,
    }),
    host: first.host,
    port: first.port,
    username: target.user,
    password: target.password,
    database: target.database,
    // DATE columns stay `YYYY-MM-DD` strings, so no time zone can shift a calendar date.
    dateStrings: ["DATE"],
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
    poolSize: 10,
    connectTimeout: timeouts.connectMs,
  } as DataSourceOptions;
}

/** SQLite: the driver's (blocking) wait for a lock while the file is opened, before any request is served. */
const SQLITE_OPEN_BUSY_TIMEOUT_MS = 10_000;

export function createDataSource(
  target: DatabaseTarget,
  flavour: "mysql" | "mariadb" = "mysql",
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  hooks: DataSourceHooks = {},
): DataSource {
  return new DataSource(dataSourceOptions(target, flavour, timeouts, hooks));
}

/** Asks the first MySQL-protocol host that answers whether it is MariaDB (its version string says so). */
export async function detectMysqlFlavour(
  target: Extract<DatabaseTarget, { kind: "mysql" }>,
  connectTimeoutMs = DEFAULT_DATABASE_TIMEOUTS.connectMs,
): Promise<"mysql" | "mariadb"> {
  let lastError: unknown;
  for (const host of target.hosts) {
    try {
      const connection = await mysql.createConnection({
        host: host.host,
        port: host.port,
        user: target.user,
        password: target.password,
        connectTimeout: connectTimeoutMs,
      });
      try {
        const [rows] = await connection.query({ sql: "SELECT VERSION() AS version", timeout: connectTimeoutMs });
        return /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) ? "mariadb" : "mysql";
      } finally {
        connection.destroy();
      }
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
