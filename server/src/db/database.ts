import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DataSource, EntityManager } from "typeorm";
import type { DatabaseHost, DatabaseTarget, DatabaseTimeouts } from "../config.js";
import { createDataSource, DEFAULT_DATABASE_TIMEOUTS, detectMysqlFlavour } from "./data-source.js";
import { shareSqliteFile } from "./sqlite-locking.js";
import { retryDecision, type TransactionPhase } from "./transaction-retry.js";

export interface DatabaseOptions {
  timeouts?: DatabaseTimeouts;
  /** Told when a MySQL host is set aside (for the server log). */
  onHostDown?: (host: DatabaseHost, error: unknown) => void;
  /** Told when a transaction is tried again, and why (for the server log and tests). */
  onRetry?: (reason: string, attempt: number) => void;
}

/**
 * The connection and the one way to write: `transaction()`. Services own their transactions and
 * go through it, so every mutation is all-or-nothing on both databases.
 */
export class Database {
  readonly kind: "sqlite" | "mysql";
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  /** Transactions tried again since start, by reason (deadlock, certification failure, lost node…). */
  readonly retries = new Map<string, number>();
  /**
   * This process's name in the rows that each process keeps for itself in shared tables (change
   * counters, rate-limit counters): unique per opened database.
   */
  readonly writerId = `${os.hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    readonly dataSource: DataSource,
    readonly target: DatabaseTarget,
    private readonly options: DatabaseOptions = {},
  ) {
    this.kind = target.kind;
  }

  static async open(target: DatabaseTarget, options: DatabaseOptions = {}): Promise<Database> {
    const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    const flavour = target.kind === "mysql" ? await detectMysqlFlavour(target, timeouts.connectMs) : "mysql";
    const dataSource = createDataSource(target, flavour, timeouts, { onHostDown: options.onHostDown });
    await dataSource.initialize();
    if (target.kind === "sqlite") shareSqliteFile(dataSource, timeouts.sqliteLockWaitMs);
    return new Database(dataSource, target, options);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction. SQLite has one connection per process, shared by every
   * request, so transactions are queued here (and opened IMMEDIATE across processes).
   *
   * MySQL transactions each get a pooled connection and are tried again, from the start, when
   * they certainly did not commit and a new attempt can succeed: a deadlock or lock wait timeout
   * (on Galera, also a write that lost certification to a concurrent one on another node: it
   * fails at COMMIT with a deadlock error), or a lost connection before COMMIT was sent (the next
   * attempt goes to another host). A connection lost during COMMIT leaves the outcome unknown: that
   * error stands (503; idempotency keys make the client's retry safe). `work` must therefore only
   * touch the database through `manager` (every service transaction does).
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === "sqlite") {
      const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let phase: TransactionPhase = "begin";
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        phase = "work";
        const result = await work(runner.manager);
        phase = "commit";
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const timeouts = this.options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
        const decision = retryDecision(error, phase, attempt, Date.now() - started, timeouts.queryMs);
        if (decision.kind === "fail") throw decision.error;
        this.retries.set(decision.reason, (this.retries.get(decision.reason) ?? 0) + 1);
        this.options.onRetry?.(decision.reason, attempt);
        await new Promise((resolve) => setTimeout(resolve, decision.pauseMs));
      } finally {
        await runner.release();
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
