import type { EntityManager } from "typeorm";
import type { Database } from "../db/database.js";

/** What the renewal schedule reads: contracts (dates, notices, new ones) and their reminders. */
export const SCHEDULE_CHANGES = "renewal-schedule";

/**
 * Change counters shared by every server process on the database (entities/change-counter.entity.ts):
 * a write counts itself inside its own transaction, and a reader that kept something computed
 * from the database (the renewal schedule's snapshots) compares the current total with the one it
 * saw, so a change made through any process is noticed by every other one.
 */
export class ChangeCounterService {
  constructor(private readonly database: Database) {}

  /** Counts one change of `scope`, in the caller's transaction (so it commits, or not, with the change). */
  async count(manager: EntityManager, scope: string): Promise<void> {
    const upsert =
      this.database.kind === "sqlite"
        ? "INSERT INTO `change_counter` (`scope`, `writer`, `value`) VALUES (?, ?, 1) ON CONFLICT (`scope`, `writer`) DO UPDATE SET `value` = `value` + 1"
        : "INSERT INTO `change_counter` (`scope`, `writer`, `value`) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE `value` = `value` + 1";
    await manager.query(upsert, [scope, this.database.writerId]);
  }

  /** The number of changes of `scope` committed so far by every process; it only grows. */
  async total(scope: string): Promise<number> {
    const [row] = (await this.database.manager.query(
      "SELECT COALESCE(SUM(`value`), 0) AS `total` FROM `change_counter` WHERE `scope` = ?",
      [scope],
    )) as { total: string | number }[];
    return Number(row?.total ?? 0);
  }
}
