import "reflect-metadata";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { TestProject } from "vitest/node";
import { openApp } from "../../server/src/bootstrap.js";
import { loadConfig } from "../../server/src/config.js";
import { DEFAULT_TEST_MARIADB_URL } from "./mariadb-availability.js";

/** What a template holds: the schema, or the schema and the sample data of a first start. */
export type TemplateContents = "migrated" | "seeded";

export interface MariadbTemplate {
  database: string;
  /** Every table, with its `SHOW CREATE TABLE` statement and how many rows it holds. */
  tables: { name: string; ddl: string; rows: number }[];
}

export type DatabaseTemplates =
  | { kind: "sqlite"; migrated: { file: string }; seeded: { file: string } }
  | { kind: "mariadb"; migrated: MariadbTemplate; seeded: MariadbTemplate };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplates?: DatabaseTemplates;
  }
}

/**
 * Vitest global setup of the projects that start servers: migrates (and seeds) two template
 * databases once per run, with the application's own `openApp` as at a first start, so that each
 * test file gets a copy of its own instead of migrating and seeding again (test/support/database.ts).
 * Migrations from scratch stay tested by the files that ask for an empty database
 * (test/api/migrations.test.ts, the server-process tests).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = (project.config.env?.TEST_DB ?? "sqlite") === "sqlite" ? "sqlite" : "mariadb";
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contracts-template-"));
    const build = async (contents: TemplateContents) => {
      const file = path.join(dir, `${contents}.sqlite`);
      await migrate(`sqlite:${file}`, contents === "seeded");
      fs.rmSync(`${file}.migrate-lock`, { force: true });
      return { file };
    };
    const [migrated, seeded] = await Promise.all([build("migrated"), build("seeded")]);
    project.provide("testDatabaseTemplates", { kind, migrated, seeded });
    return async () => fs.rmSync(dir, { recursive: true, force: true });
  }

  const server = new URL(project.config.env?.TEST_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_MARIADB_URL);
  const prefix = `contracts_tpl_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: server.toString() });
  const build = async (contents: TemplateContents): Promise<MariadbTemplate> => {
    const database = `${prefix}_${contents}`;
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(server.toString());
    url.pathname = `/${database}`;
    await migrate(url.toString(), contents === "seeded");
    const [names] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
      [database],
    );
    const tables: MariadbTemplate["tables"] = [];
    for (const { name } of names) {
      const [[created]] = await admin.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${database}\`.\`${name}\``);
      const [[counted]] = await admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${database}\`.\`${name}\``);
      tables.push({ name, ddl: created?.["Create Table"], rows: Number(counted?.n) });
    }
    return { database, tables };
  };
  const drop = async () => {
    const connection = await mysql.createConnection({ uri: server.toString() });
    for (const contents of ["migrated", "seeded"]) await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_${contents}\``);
    await connection.end();
  };
  try {
    const migrated = await build("migrated");
    const seeded = await build("seeded");
    project.provide("testDatabaseTemplates", { kind, migrated, seeded });
  } catch (error) {
    await drop();
    throw error;
  } finally {
    await admin.end();
  }
  return drop;
}

/** The application's own migrations (and seed), exactly as `npm start` runs them on a first start. */
export async function migrate(databaseUrl: string, seed: boolean): Promise<void> {
  const app = await openApp(loadConfig({ ...process.env, DATABASE_URL: databaseUrl, SEED_SAMPLE_DATA: String(seed) }));
  await app.database.close();
}
