import BetterSqlite3 from "better-sqlite3";
import mysql from "mysql2/promise";
import type { DatabaseTarget } from "../../server/src/config.js";

/**
 * The bench's own connection, straight on the driver (no TypeORM): it writes the generated
 * dataset in bulk and reads the raw-SQL floor of the renewal schedule.
 */
export interface RawDb {
  kind: "sqlite" | "mysql";
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Multi-row INSERTs of `rows` (each in `columns` order), chunked, in one transaction. */
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
}

export async function openRawDb(target: DatabaseTarget): Promise<RawDb> {
  return target.kind === "sqlite" ? openSqlite(target.file) : openMysql(target.url);
}

function openSqlite(file: string): RawDb {
  const db = new BetterSqlite3(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    kind: "sqlite",
    all: async <T>(sql: string, params: unknown[] = []) => prepared(sql).all(...params) as T[],
    insertMany: async (table, columns, rows) => {
      // SQLite caps bound parameters at 32766: 200 rows of ~20 columns stays well under.
      const chunk = 200;
      const sqlFor = (n: number) =>
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(n)
          .fill(`(${columns.map(() => "?").join(", ")})`)
          .join(", ")}`;
      const full = db.prepare(sqlFor(chunk));
      db.transaction(() => {
        let i = 0;
        for (; i + chunk <= rows.length; i += chunk) full.run(...rows.slice(i, i + chunk).flat());
        if (i < rows.length) db.prepare(sqlFor(rows.length - i)).run(...rows.slice(i).flat());
      }).immediate();
    },
    close: async () => {
      db.close();
    },
  };
}

async function openMysql(url: string): Promise<RawDb> {
  const connection = await mysql.createConnection({
    uri: url,
    dateStrings: ["DATE"],
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
  });
  return {
    kind: "mysql",
    all: async <T>(sql: string, params: unknown[] = []) => (await connection.query(sql, params))[0] as T[],
    insertMany: async (table, columns, rows) => {
      const chunk = 2000;
      await connection.beginTransaction();
      try {
        for (let i = 0; i < rows.length; i += chunk) {
          await connection.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(", ")}) VALUES ?`, [
            rows.slice(i, i + chunk),
          ]);
        }
        await connection.commit();
      } catch (error) {
        await connection.rollback();
        throw error;
      }
    },
    close: async () => {
      await connection.end();
    },
  };
}
