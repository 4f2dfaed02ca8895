import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { DataSource, type DataSourceOptions } from "typeorm";
import type { DatabaseTarget } from "../config.js";
import { ENTITIES } from "../entities/index.js";
import { MIGRATIONS } from "../migrations/index.js";

/** TypeORM options for either database; both run the same entities and migrations. */
export function dataSourceOptions(target: DatabaseTarget, flavour: "mysql" | "mariadb" = "mysql"): DataSourceOptions {
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
      // Several processes may share the file (two servers, the token command): wait instead of failing.
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma("busy_timeout = 10000");
      },
    };
  }
  return {
    ...common,
    // MariaDB reports column defaults and constraints differently from MySQL; TypeORM needs to know.
    type: flavour,
    connectorPackage: "mysql2",
    url: target.url,
    // DATE columns stay `YYYY-MM-DD` strings, so no time zone can shift a calendar date.
    dateStrings: ["DATE"],
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
    poolSize: 10,
    connectTimeout: 5000,
  } as DataSourceOptions;
}

export function createDataSource(target: DatabaseTarget, flavour: "mysql" | "mariadb" = "mysql"): DataSource {
  const dataSource = new DataSource(dataSourceOptions(target, flavour));
  if (target.kind === "sqlite") makeSqliteTransactionsImmediate(dataSource);
  return dataSource;
}

/**
 * SQLite: TypeORM opens transactions with a deferred `BEGIN`, which can fail with SQLITE_BUSY
 * when two processes upgrade to a write lock at once. `BEGIN IMMEDIATE` takes the write lock up
 * front, so the busy timeout queues writers instead.
 */
function makeSqliteTransactionsImmediate(dataSource: DataSource): void {
  const originalCreateQueryRunner = dataSource.driver.createQueryRunner.bind(dataSource.driver);
  let patched = false;
  dataSource.driver.createQueryRunner = (mode) => {
    const runner = originalCreateQueryRunner(mode);
    if (!patched) {
      patched = true;
      const originalQuery = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) =>
        originalQuery(sql === "BEGIN TRANSACTION" ? "BEGIN IMMEDIATE TRANSACTION" : sql, ...(rest as []))) as typeof runner.query;
    }
    return runner;
  };
}

/** Asks a MySQL-protocol server whether it is MariaDB (its version string says so). */
export async function detectMysqlFlavour(url: string): Promise<"mysql" | "mariadb"> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query("SELECT VERSION() AS version");
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) ? "mariadb" : "mysql";
  } finally {
    await connection.end();
  }
}
