import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { inject } from "vitest";
import { type DatabaseTarget, parseDatabaseUrl } from "../../server/src/config.js";
import { type DatabaseTemplates, migrate, type TemplateContents } from "./database-templates.js";
import { DEFAULT_TEST_MARIADB_URL } from "./mariadb-availability.js";

export type { TemplateContents } from "./database-templates.js";

export interface TestDatabase {
  kind: "sqlite" | "mariadb";
  /** A DATABASE_URL naming this database, which belongs to one test file. */
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * What the new database holds: nothing (the default: for tests of migrations, first start and
   * the first ADMIN token), the schema only (`migrated`), or the schema with the sample catalogue
   * and demo data (`seeded`), as the server leaves an empty database at its first start.
   */
  contents?: "empty" | TemplateContents;
}

/**
 * A database of its own for one test file, on the database the vitest project chose
 * (TEST_DB=sqlite|mariadb), dropped afterwards, so runs and files never see each other's data.
 *
 * `migrated` and `seeded` databases are copies of templates that test/support/database-templates.ts
 * builds once per run with the application's own migrations and seed: a file copy for SQLite, the
 * template's `SHOW CREATE TABLE` statements and an `INSERT … SELECT` per table for MariaDB
 * (test/api/test-databases.test.ts checks that a copy is what migrating from scratch gives).
 * Without those templates (a project without that global setup) the database is migrated here.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const contents = options.contents ?? "empty";
  const kind = (process.env.TEST_DB ?? "sqlite") === "sqlite" ? "sqlite" : "mariadb";
  const templates = inject("testDatabaseTemplates");
  const template = contents !== "empty" && templates?.kind === kind ? templates : undefined;
  const db = kind === "sqlite" ? createSqliteDatabase(template, contents) : await createMariadbDatabase(template, contents);
  if (contents !== "empty" && !template) await migrate(db.url, contents === "seeded");
  return db;
}

function createSqliteDatabase(templates: DatabaseTemplates | undefined, contents: "empty" | TemplateContents): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contracts-test-"));
  const file = path.join(dir, "test.sqlite");
  if (templates?.kind === "sqlite" && contents !== "empty") fs.copyFileSync(templates[contents].file, file);
  const url = `sqlite:${file}`;
  return {
    kind: "sqlite",
    url,
    target: parseDatabaseUrl(url),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function createMariadbDatabase(
  templates: DatabaseTemplates | undefined,
  contents: "empty" | TemplateContents,
): Promise<TestDatabase> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_MARIADB_URL);
  const name = `contracts_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: server.toString(), multipleStatements: true });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (templates?.kind === "mariadb" && contents !== "empty") {
      const template = templates[contents];
      // One round trip: the template's own DDL (foreign keys and AUTO_INCREMENT counters included,
      // which CREATE TABLE … LIKE would drop), then its rows. Checks are off only while the tables
      // are created in any order and filled with rows that satisfied them in the template.
      const statements = [
        `USE \`${name}\``,
        "SET FOREIGN_KEY_CHECKS = 0",
        ...template.tables.map((table) => table.ddl),
        ...template.tables
          .filter((table) => table.rows > 0)
          .map((table) => `INSERT INTO \`${table.name}\` SELECT * FROM \`${template.database}\`.\`${table.name}\``),
        "SET FOREIGN_KEY_CHECKS = 1",
      ];
      await admin.query(statements.join(";\n"));
    }
  } finally {
    await admin.end();
  }
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    kind: "mariadb",
    url: url.toString(),
    target: parseDatabaseUrl(url.toString()),
    drop: async () => {
      const connection = await mysql.createConnection({ uri: server.toString() });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
