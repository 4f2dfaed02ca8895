import BetterSqlite3 from "better-sqlite3";
import type { Database } from "./database.js";
import { type LockOptions, withMysqlMigrationLock } from "./migration-lock.js";

/**
 * Runs pending migrations (and `then`, e.g. the seed) while holding a lock shared by every
 * process on the same database, so two servers starting at once do not race.
 * MySQL: a lock row taken with a replicated write (holds across the nodes of a Galera cluster,
 * db/migration-lock.ts). SQLite: an exclusive transaction on a side lock file.
 */
export async function migrateWithLock(database: Database, then?: () => Promise<void>, options: LockOptions = {}): Promise<void> {
  const work = async () => {
    await database.dataSource.runMigrations({ transaction: "each" });
    if (then) await then();
  };
  if (database.target.kind === "sqlite") return withSqliteLock(database.target.file, work);
  return withMysqlMigrationLock(database.dataSource, work, options);
}

async function withSqliteLock(file: string, work: () => Promise<void>): Promise<void> {
  if (file === ":memory:") return work();
  const lock = new BetterSqlite3(`${file}.migrate-lock`, { timeout: 120_000 });
  try {
    lock.exec("BEGIN EXCLUSIVE");
    try {
      await work();
    } finally {
      lock.exec("COMMIT");
    }
  } finally {
    lock.close();
  }
}
