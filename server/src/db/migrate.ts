import BetterSqlite3 from "better-sqlite3";
import type { Database } from "./database.js";

/**
 * Runs pending migrations (and `then`, e.g. the seed) while holding a lock shared by every
 * process on the same database, so two servers starting at once do not race.
 * MySQL: a named lock (GET_LOCK). SQLite: an exclusive transaction on a side lock file.
 */
export async function migrateWithLock(database: Database, then?: () => Promise<void>): Promise<void> {
  const work = async () => {
    await database.dataSource.runMigrations({ transaction: "each" });
    if (then) await then();
  };
  if (database.target.kind === "sqlite") return withSqliteLock(database.target.file, work);
  return withMysqlLock(database, work);
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

async function withMysqlLock(database: Database, work: () => Promise<void>): Promise<void> {
  const runner = database.dataSource.createQueryRunner();
  await runner.connect();
  const name = `contracts-migrate:${database.target.kind === "mysql" ? database.target.database : ""}`;
  try {
    const [row] = await runner.query("SELECT GET_LOCK(?, 120) AS got", [name]);
    if (Number(row.got) !== 1) throw new Error("Timed out waiting for another process to finish migrating");
    try {
      await work();
    } finally {
      await runner.query("SELECT RELEASE_LOCK(?)", [name]);
    }
  } finally {
    await runner.release();
  }
}
