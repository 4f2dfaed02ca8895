import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DataSource } from "typeorm";

/**
 * A lock that holds across every server on one MySQL database, Galera cluster included: a row,
 * taken with a replicated write. `GET_LOCK` and `LOCK TABLES` are local to one Galera node, so two
 * servers on two nodes would both get them; a row insert is certified cluster-wide: of two
 * concurrent takers one commits, the other fails (duplicate key, or a certification failure at
 * COMMIT) and waits. The holder refreshes `heartbeatAt` (database clock, so servers' clocks do not
 * matter); a lock whose heartbeat is older than `STALE_AFTER_SECONDS` belongs to a process that
 * died and is taken over. The table is created here, before any migration can run.
 */
const TABLE = "migration_lock";
const STALE_AFTER_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 250;

export interface LockOptions {
  /** Longest wait for the lock while its holder is alive. */
  waitMs?: number;
  /** Told once when another process holds the lock (for the server log). */
  onWait?: (holder: string) => void;
}

export async function withMysqlMigrationLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS \`${TABLE}\` (
      \`id\` integer NOT NULL PRIMARY KEY,
      \`owner\` varchar(200) NOT NULL,
      \`heartbeatAt\` datetime(3) NOT NULL
    ) ENGINE=InnoDB`,
  );
  const owner = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  await acquire(dataSource, owner, options);
  let lost = false;
  const heartbeat = setInterval(() => {
    dataSource
      .query(`UPDATE \`${TABLE}\` SET \`heartbeatAt\` = NOW(3) WHERE \`id\` = 1 AND \`owner\` = ?`, [owner])
      .then((result: { affectedRows?: number }) => {
        if (result.affectedRows === 0) lost = true;
      })
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await work();
    if (lost) throw new Error("The migration lock was taken over while this process held it");
    return result;
  } finally {
    clearInterval(heartbeat);
    await dataSource.query(`DELETE FROM \`${TABLE}\` WHERE \`id\` = 1 AND \`owner\` = ?`, [owner]).catch(() => undefined);
  }
}

async function acquire(dataSource: DataSource, owner: string, options: LockOptions): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 600_000);
  let told = false;
  while (Date.now() < deadline) {
    if (await tryTake(dataSource, owner)) return;
    const [holder] = (await dataSource.query(`SELECT \`owner\` FROM \`${TABLE}\` WHERE \`id\` = 1`)) as { owner: string }[];
    if (holder && !told) {
      told = true;
      options.onWait?.(holder.owner);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
  throw new Error("Timed out waiting for another process to finish migrating");
}

/** One attempt: insert the row, or take over a stale one. False when someone else holds it. */
async function tryTake(dataSource: DataSource, owner: string): Promise<boolean> {
  try {
    await dataSource.query(`INSERT INTO \`${TABLE}\` (\`id\`, \`owner\`, \`heartbeatAt\`) VALUES (1, ?, NOW(3))`, [owner]);
    return true;
  } catch (error) {
    if (!isTakenElsewhere(error)) throw error;
  }
  try {
    const result = (await dataSource.query(
      `UPDATE \`${TABLE}\` SET \`owner\` = ?, \`heartbeatAt\` = NOW(3)
        WHERE \`id\` = 1 AND \`heartbeatAt\` < NOW(3) - INTERVAL ${STALE_AFTER_SECONDS} SECOND`,
      [owner],
    )) as { affectedRows?: number };
    return result.affectedRows === 1;
  } catch (error) {
    if (!isTakenElsewhere(error)) throw error;
    return false;
  }
}

/** A duplicate key (the row exists), or a deadlock/certification failure (a concurrent taker won). */
function isTakenElsewhere(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return code === "ER_DUP_ENTRY" || code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT";
}
