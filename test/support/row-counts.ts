import type { Database } from "../../server/src/db/database.js";

/**
 * The server's own bookkeeping, written by every request whatever its outcome (the rate limit's
 * counters on MySQL): not data a mutation writes.
 */
const BOOKKEEPING = new Set(["rate_limit_counter"]);

/** Rows per table, for every table the entities map: "nothing was written" is "nothing changed here". */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const quote = (name: string) => (database.kind === "sqlite" ? `"${name}"` : `\`${name}\``);
  const tables = database.dataSource.entityMetadatas.map((m) => m.tableName).filter((table) => !BOOKKEEPING.has(table));
  // One statement for every table: the fuzz test counts after each of its thousand calls.
  const rows = (await database.dataSource.query(
    tables.map((table) => `SELECT '${table}' AS t, COUNT(*) AS n FROM ${quote(table)}`).join(" UNION ALL "),
  )) as { t: string; n: number | string }[];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number(rows.find((row) => row.t === table)?.n ?? Number.NaN);
  return counts;
}
