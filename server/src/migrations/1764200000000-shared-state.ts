import { type MigrationInterface, type QueryRunner, Table } from "typeorm";
import { int, varchar } from "./table-helpers.js";

const primary = (column: ReturnType<typeof int>) => ({ ...column, isPrimary: true });

/**
 * State that several server processes share through the database (docs/operations.md "Running
 * on several machines"): change counters (the renewal schedule's snapshots are dropped in every
 * process) and the per-token rate limit's counters. Each row belongs to one writer process.
 */
export class SharedState1764200000000 implements MigrationInterface {
  name = "SharedState1764200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "change_counter",
        columns: [primary(varchar("scope", 40)), primary(varchar("writer", 100)), int("value")],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: "rate_limit_counter",
        columns: [primary(int("tokenId")), primary(int("windowMinute")), primary(varchar("writer", 100)), int("hits")],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("rate_limit_counter", true);
    await queryRunner.dropTable("change_counter", true);
  }
}
