import type { Database } from "../../server/src/db/database.js";

/**
 * The server's own bookkeeping, written by every request whatever its outcome (the rate limit's
 * counters on MySQL): not data a mutation writes.
 */
const BOOKKEEPING = new Set(["rate_limit_counter"]);

/** Rows per table, for every table the entities map: "nothing was written" is "nothing changed here". */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const metadata of database.dataSource.entityMetadatas) {
    const table = metadata.tableName;
    if (BOOKKEEPING.has(table)) continue;
    const quoted = database.kind === "sqlite" ? `"${table}"` : `\`${table}\``;
    const [row] = (await database.dataSource.query(`SELECT COUNT(*) AS n FROM ${quoted}`)) as { n: number | string }[];
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}
