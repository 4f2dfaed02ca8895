import { type MigrationInterface, type QueryRunner, TableColumn } from "typeorm";
import type { NumberKind } from "../domain/phone-number.js";
import { portingLegalDeadline } from "../domain/porting-request.js";
import { date, index, varchar } from "./table-helpers.js";

/**
 * Porting requests you can follow (issue 13): the planned date (the legal deadline until someone
 * schedules the porting), the completion date and a rejection reason. Existing requests get their
 * legal deadline as planned date (computed by the domain rule of today), then the column becomes
 * required. Portable: the same steps on SQLite (which rebuilds the table) and MySQL/MariaDB.
 */
export class PortingRequestLifecycle1765000000000 implements MigrationInterface {
  name = "PortingRequestLifecycle1765000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("porting_request", [
      new TableColumn(date("plannedOn", true)),
      new TableColumn(date("completedOn", true)),
      new TableColumn(varchar("rejectionReason", 500, true)),
    ]);
    const rows: { id: number; numberKind: NumberKind; requestedOn: string | Date; status: string }[] = await queryRunner.query(
      "SELECT id, numberKind, requestedOn, status FROM porting_request",
    );
    for (const row of rows) {
      const requestedOn =
        typeof row.requestedOn === "string" ? row.requestedOn.slice(0, 10) : row.requestedOn.toISOString().slice(0, 10);
      await queryRunner.query("UPDATE porting_request SET plannedOn = ?, status = ? WHERE id = ?", [
        portingLegalDeadline(row.numberKind, requestedOn),
        row.status === "DONE" ? "COMPLETED" : row.status,
        row.id,
      ]);
    }
    await queryRunner.changeColumn("porting_request", "plannedOn", new TableColumn(date("plannedOn")));
    await queryRunner.createIndex("porting_request", index("IDX_porting_request_planned", ["plannedOn", "id"]));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("porting_request", "IDX_porting_request_planned");
    await queryRunner.dropColumns("porting_request", ["plannedOn", "completedOn", "rejectionReason"]);
  }
}
