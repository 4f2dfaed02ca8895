import "reflect-metadata";
import fs from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openApp } from "../../server/src/bootstrap.js";
import { loadConfig } from "../../server/src/config.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { migrate } from "../support/database-templates.js";

/** Every table with its definition and row count, as the database itself describes them. */
async function describeDatabase(db: TestDatabase): Promise<Record<string, { definition: string; rows: number }>> {
  const tables: Record<string, { definition: string; rows: number }> = {};
  if (db.kind === "sqlite") {
    const file = db.target.kind === "sqlite" ? db.target.file : "";
    // An empty SQLite database is a file that does not exist yet.
    if (!fs.existsSync(file)) return tables;
    const connection = new BetterSqlite3(file, { readonly: true });
    try {
      const rows = connection.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all() as {
        name: string;
        sql: string;
      }[];
      for (const { name, sql } of rows) {
        const isTable = /^CREATE TABLE/i.test(sql);
        const count = isTable ? (connection.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n : 0;
        tables[name] = { definition: sql, rows: count };
      }
    } finally {
      connection.close();
    }
    return tables;
  }
  const connection = await mysql.createConnection({ uri: db.url });
  try {
    const [names] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name",
    );
    for (const { name } of names) {
      const [[created]] = await connection.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${name}\``);
      const [[counted]] = await connection.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${name}\``);
      // The next AUTO_INCREMENT value depends on the rows written, which are compared by count.
      const definition = String(created?.["Create Table"]).replace(/ AUTO_INCREMENT=\d+/, "");
      tables[name] = { definition, rows: Number(counted?.n) };
    }
  } finally {
    await connection.end();
  }
  return tables;
}

/**
 * Each test file's database is a copy of a template built once per run: the copy must be what
 * migrating and seeding from scratch gives (schema, indexes, foreign keys, rows), and belong to
 * its file alone.
 */
describe(`test databases copied from the run's templates (${process.env.TEST_DB})`, () => {
  const dbs: TestDatabase[] = [];
  const create = async (...args: Parameters<typeof createTestDatabase>) => {
    const db = await createTestDatabase(...args);
    dbs.push(db);
    return db;
  };
  let scratchSeeded: TestDatabase;
  let scratchMigrated: TestDatabase;
  beforeAll(async () => {
    scratchSeeded = await create();
    await migrate(scratchSeeded.url, true);
    scratchMigrated = await create();
    await migrate(scratchMigrated.url, false);
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it("are built by this project's global setup, on this project's database", () => {
    expect(inject("testDatabaseTemplates")?.kind).toBe(process.env.TEST_DB);
  });

  it("gives a seeded copy the very schema and rows of a database migrated and seeded from scratch", async () => {
    const copy = await create({ contents: "seeded" });
    const expected = await describeDatabase(scratchSeeded);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(Object.values(expected).some((table) => table.rows > 0)).toBe(true);
    expect(await describeDatabase(copy)).toEqual(expected);
  });

  it("gives a migrated copy the schema without the sample data", async () => {
    const copy = await create({ contents: "migrated" });
    const described = await describeDatabase(copy);
    expect(described).toEqual(await describeDatabase(scratchMigrated));
    expect(described.customer?.rows).toBe(0);
    expect(described.migrations?.rows).toBeGreaterThan(0);
  });

  it("gives an empty database when asked for nothing, for the tests of migrations and first starts", async () => {
    expect(await describeDatabase(await create())).toEqual({});
  });

  it("leaves no schema drift on a copy, and a copy is its file's alone", async () => {
    const [a, b] = [await create({ contents: "seeded" }), await create({ contents: "seeded" })];
    const app = await openApp(loadConfig({ ...process.env, DATABASE_URL: a.url }));
    try {
      const sql = await app.database.dataSource.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
      await app.database.dataSource.query("UPDATE customer SET name = 'changed in copy a'");
    } finally {
      await app.database.close();
    }
    const changed = "SELECT COUNT(*) AS n FROM customer WHERE name = 'changed in copy a'";
    expect(await countOf(a, changed)).toBeGreaterThan(0);
    expect(await countOf(b, changed)).toBe(0);
  });
});

async function countOf(db: TestDatabase, sql: string): Promise<number> {
  if (db.kind === "sqlite") {
    const connection = new BetterSqlite3(db.target.kind === "sqlite" ? db.target.file : "", { readonly: true });
    try {
      return (connection.prepare(sql).get() as { n: number }).n;
    } finally {
      connection.close();
    }
  }
  const connection = await mysql.createConnection({ uri: db.url });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(sql);
    return Number(rows[0]?.n);
  } finally {
    await connection.end();
  }
}
