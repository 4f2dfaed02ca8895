import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { type DatabaseTarget, parseDatabaseUrl } from "../../server/src/config.js";
import { DEFAULT_TEST_MARIADB_URL } from "./mariadb-availability.js";

export interface TestDatabase {
  kind: "sqlite" | "mariadb";
  /** A DATABASE_URL naming this fresh database. */
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file, on the database the vitest project chose
 * (TEST_DB=sqlite|mariadb). Dropped afterwards, so runs never see each other's data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString("hex")}`;
  if ((process.env.TEST_DB ?? "sqlite") === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contracts-test-"));
    const url = `sqlite:${path.join(dir, "test.sqlite")}`;
    return {
      kind: "sqlite",
      url,
      target: parseDatabaseUrl(url),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_MARIADB_URL);
  const name = `contracts_t_${suffix}`;
  const admin = await mysql.createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
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
