import type { DataSource, EntityManager } from "typeorm";
import type { DatabaseTarget } from "../config.js";
import { createDataSource, detectMysqlFlavour } from "./data-source.js";

const MYSQL_RETRYABLE = new Set(["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"]);

/**
 * The connection and the one way to write: `transaction()`. Services own their transactions and
 * go through it, so every mutation is all-or-nothing on both databases.
 */
export class Database {
  readonly kind: "sqlite" | "mysql";
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    readonly target: DatabaseTarget,
  ) {
    this.kind = target.kind;
  }

  static async open(target: DatabaseTarget): Promise<Database> {
    const flavour = target.kind === "mysql" ? await detectMysqlFlavour(target.url) : "mysql";
    const dataSource = createDataSource(target, flavour);
    await dataSource.initialize();
    return new Database(dataSource, target);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction. SQLite has one connection per process, shared by every
   * request, so transactions are queued here (and opened IMMEDIATE across processes);
   * MySQL transactions each get a pooled connection and are retried on deadlock.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === "sqlite") {
      const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
        if (attempt >= 4 || !code || !MYSQL_RETRYABLE.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  }

  /** Cheap liveness check for /healthz. */
  async ping(): Promise<void> {
    await this.dataSource.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
