import type { DataSource } from "typeorm";

/**
 * How long one attempt may wait inside the driver for another process's lock. better-sqlite3
 * waits synchronously (the whole event loop stops: /healthz took 9 s behind a 10 s busy timeout,
 * issue 16), so it is kept to a few milliseconds and longer waits happen between attempts.
 */
export const SQLITE_BUSY_SLICE_MS = 5;
/** Pauses between attempts grow from the first to the last, while other requests run. */
const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

/** SQLITE_BUSY and its extended codes, except BUSY_SNAPSHOT (a stale read transaction, which a retry cannot fix). */
function isBusy(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY") && code !== "SQLITE_BUSY_SNAPSHOT";
}

/**
 * Prepares the process's one SQLite connection for sharing the file with other processes:
 *
 * - TypeORM's deferred `BEGIN` becomes `BEGIN IMMEDIATE`, which takes the write lock up front
 *   (a deferred transaction that upgrades later can fail when two processes upgrade at once);
 * - a statement that finds the file locked (SQLITE_BUSY after the short driver wait) is tried
 *   again after a pause, on a timer, until `lockWaitMs` have passed: the event loop keeps serving
 *   /healthz and reads (WAL readers never wait for the writer) while a write waits for its turn.
 *   Past `lockWaitMs` the error stands (HTTP 503, db/unavailable.ts).
 *
 * TypeORM's better-sqlite3 driver has a single query runner per data source, so patching it once
 * covers every statement.
 */
export function shareSqliteFile(dataSource: DataSource, lockWaitMs: number): void {
  const connection = (dataSource.driver as unknown as { databaseConnection: { pragma(source: string): unknown } })
    .databaseConnection;
  connection.pragma(`busy_timeout = ${SQLITE_BUSY_SLICE_MS}`);
  const runner = dataSource.driver.createQueryRunner("master");
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  runner.query = (async (sql: string, ...rest: unknown[]) => {
    const statement = sql === "BEGIN TRANSACTION" ? "BEGIN IMMEDIATE TRANSACTION" : sql;
    const deadline = Date.now() + lockWaitMs;
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      try {
        return await query(statement, ...rest);
      } catch (error) {
        if (!isBusy(error) || Date.now() + pause > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }) as typeof runner.query;
}
