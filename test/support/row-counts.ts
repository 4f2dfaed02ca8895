import type { Database } from "../../server/src/db/database.js";

/** Rows per table, for every table the entities map: "nothing was written" is "nothing changed here". */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const metadata of database.dataSource.entityMetadatas) {
    const table = metadata.tableName;
    const quoted = database.kind === "sqlite" ? `"${table}"` : `\`${table}\``;
    const [row] = (await database.dataSource.query(`SELECT COUNT(*) AS n FROM ${quoted}`)) as { n: number | string }[];
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}
