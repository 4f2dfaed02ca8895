import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openApp } from "../../server/src/bootstrap.js";
import { type DatabaseTarget, loadConfig, parseDatabaseUrl } from "../../server/src/config.js";
import type { Role } from "../../server/src/entities/api-token.entity.js";
import { type DatasetSummary, generateDataset } from "./dataset.js";
import { openRawDb, type RawDb } from "./raw-db.js";

export interface BenchDatabase {
  url: string;
  target: DatabaseTarget;
  /** A token of the role asked for, for the requests of the bench. */
  token: string;
  /** A token of each role in `options.roles` (besides `token`). */
  tokens: Partial<Record<Role, string>>;
  /** False when `reuse` found the database already filled (its contracts were kept, not generated). */
  generated: boolean;
  dataset: DatasetSummary;
  /** The bench's own driver connection to the same database. */
  db: RawDb;
  /** Closes the connection, and deletes the temporary SQLite file when there is one. */
  close(): Promise<void>;
}

/**
 * The database of a benchmark, filled with a generated dataset: `databaseUrl` when given (it must
 * hold no contracts yet, and keeps the generated data), else a fresh SQLite file in a temporary
 * directory, deleted on close (never the user's data/contracts.sqlite). Schema, catalogue and the
 * token come from the application itself (migrations, seed, TokenService); the dataset is written
 * in bulk on the driver. With `reuse`, a database that already holds contracts is kept as it is
 * (`npm run bench:limits` on a `sqlite:PATH` or MySQL database filled by an earlier run).
 */
export async function prepareBenchDatabase(options: {
  databaseUrl?: string;
  contracts: number;
  customers: number;
  today: string;
  role: Role;
  /** More roles to make a token for (`tokens`). */
  roles?: Role[];
  /** Keep the contracts already in the database instead of refusing it. */
  reuse?: boolean;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const tempDir = options.databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "contracts-bench-"));
  const removeTemp = () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  const url = options.databaseUrl ?? `sqlite:${path.join(tempDir as string, "bench.sqlite")}`;
  try {
    const target = parseDatabaseUrl(url);
    options.log(`Preparing the ${target.kind === "sqlite" ? `SQLite file ${target.file}` : `MySQL database ${target.database}`}`);
    const app = await openApp(
      loadConfig({ ...process.env, NODE_ENV: "production", DATABASE_URL: url, SEED_SAMPLE_DATA: "true" }),
    );
    let token: string;
    const tokens: Partial<Record<Role, string>> = {};
    let existing: number;
    try {
      existing = Number((await app.database.manager.query("SELECT COUNT(*) AS n FROM contract WHERE sample = 0"))[0]?.n);
      if (existing > 0 && !options.reuse) {
        throw new Error(
          `The database ${target.kind === "mysql" ? target.database : url} already holds contracts: give the bench an empty one.`,
        );
      }
      token = (await app.services.tokens.create({ role: options.role, name: "benchmark" })).token;
      for (const role of options.roles ?? []) {
        tokens[role] = (await app.services.tokens.create({ role, name: `benchmark ${role}` })).token;
      }
    } finally {
      await app.database.close();
    }
    const db = await openRawDb(target);
    if (existing > 0) {
      options.log(`  reusing its ${existing} contracts`);
      const count = async (sql: string) => Number((await db.all<{ n: number }>(sql))[0]?.n);
      const dataset: DatasetSummary = {
        contracts: existing,
        customers: await count("SELECT COUNT(*) AS n FROM customer WHERE sample = 0"),
        reminders: await count("SELECT COUNT(*) AS n FROM renewal_reminder"),
        byFamily: {},
        ms: 0,
      };
      return { url, target, token, tokens, generated: false, dataset, db, close: () => db.close() };
    }
    try {
      options.log(`Generating ${options.contracts} contracts over ${options.customers} customers`);
      const dataset = await generateDataset(db, options);
      options.log(
        `  ${dataset.contracts} contracts, ${dataset.customers} customers, ${dataset.reminders} reminders in ${Math.round(dataset.ms)} ms`,
      );
      return {
        url,
        target,
        token,
        tokens,
        generated: true,
        dataset,
        db,
        close: async () => {
          await db.close();
          removeTemp();
        },
      };
    } catch (error) {
      await db.close();
      throw error;
    }
  } catch (error) {
    removeTemp();
    throw error;
  }
}
