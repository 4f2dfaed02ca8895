import { type MigrationInterface, type QueryRunner, Table } from "typeorm";
import { bool, date, foreignKey, id, index, instant, int, text, varchar } from "./table-helpers.js";

/**
 * The whole domain of SPEC.md in one portable migration (SQLite and MySQL/MariaDB).
 * Money is integer cents, calendar dates are DATE, instants are DATETIME (UTC).
 * Tables are created parents first; foreign keys only where an entity declares the relation.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = "InitialSchema1764000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);

    await create(
      new Table({
        name: "terms_version",
        columns: [id(), varchar("code", 40), date("effectiveDate"), varchar("title", 255), bool("sample")],
        indices: [index("IDX_terms_version_code", ["code"], true)],
      }),
    );
    await create(
      new Table({
        name: "offer",
        columns: [
          id(),
          varchar("code", 40),
          varchar("family", 24),
          varchar("name", 255),
          int("initialTermMonths", true),
          int("renewalTermMonths", true),
          int("noticeMonths", true),
          int("noticeDays", true),
          bool("sepaRequired", true),
          bool("portingBilledPerGrid"),
          int("defaultMonthlyPriceCents", true),
          int("defaultSetupFeeCents", true),
          bool("active", true),
          bool("sample"),
          int("termsVersionId"),
        ],
        indices: [index("IDX_offer_code", ["code"], true)],
        foreignKeys: [foreignKey("termsVersionId", "terms_version")],
      }),
    );
    await create(
      new Table({
        name: "customer",
        columns: [
          id(),
          varchar("name", 255),
          varchar("category", 24),
          varchar("siren", 9, true),
          date("waiverSignedOn", true),
          bool("sample"),
          instant("createdAt"),
          int("version"),
        ],
        indices: [index("IDX_customer_name", ["name"])],
      }),
    );
    await create(
      new Table({
        name: "referent",
        columns: [
          id(),
          int("customerId"),
          varchar("name", 255),
          varchar("email", 255, true),
          varchar("phone", 40, true),
          instant("activeFrom"),
          instant("activeUntil", true),
        ],
        indices: [index("IDX_referent_customer", ["customerId"])],
      }),
    );
    await create(
      new Table({
        name: "sepa_mandate",
        columns: [
          id(),
          int("customerId"),
          varchar("iban", 34),
          varchar("bic", 11),
          varchar("reference", 35),
          varchar("referenceKey", 35),
          date("signedOn"),
          varchar("scheme", 8),
          date("lastUsedOn", true),
          date("revokedOn", true),
          instant("createdAt"),
        ],
        indices: [
          index("IDX_sepa_mandate_reference", ["referenceKey"], true),
          index("IDX_sepa_mandate_customer", ["customerId"]),
        ],
        foreignKeys: [foreignKey("customerId", "customer")],
      }),
    );
    await create(
      new Table({
        name: "quote",
        columns: [
          id(),
          int("customerId"),
          varchar("status", 12),
          date("quoteDate"),
          date("validUntil"),
          int("vatRateBasisPoints", false, 2000),
          varchar("signerName", 255, true),
          instant("signedAt", true),
          int("termsVersionId", true),
          int("sepaMandateId", true),
          varchar("signIdempotencyKey", 100, true),
          int("createdByTokenId", true),
          instant("createdAt"),
          instant("updatedAt"),
          int("version"),
        ],
        indices: [index("IDX_quote_customer", ["customerId"])],
        foreignKeys: [foreignKey("customerId", "customer")],
      }),
    );
    await create(
      new Table({
        name: "quote_line",
        columns: [
          id(),
          int("quoteId"),
          int("position"),
          int("offerId"),
          int("quantity"),
          int("monthlyUnitPriceCents"),
          int("setupFeeCents"),
          int("initialTermMonths"),
          int("renewalTermMonths"),
          int("noticeMonths", true),
          int("noticeDays", true),
          date("startDate", true),
          bool("subsidisedDevice"),
          varchar("portingDirection", 10, true),
          text("portingNumbers"),
          bool("portingOutsideHours"),
          int("portingCents"),
        ],
        indices: [index("IDX_quote_line_quote_position", ["quoteId", "position"], true)],
        foreignKeys: [foreignKey("quoteId", "quote", "CASCADE"), foreignKey("offerId", "offer")],
      }),
    );
    await create(
      new Table({
        name: "contract",
        columns: [
          id(),
          int("customerId"),
          int("offerId"),
          int("quoteId", true),
          int("quoteLineId", true),
          int("quantity"),
          int("monthlyAmountCents"),
          date("startDate"),
          int("initialTermMonths"),
          int("renewalTermMonths"),
          int("noticeMonths", true),
          int("noticeDays", true),
          bool("subsidisedDevice"),
          varchar("status", 16),
          date("noticeReceivedOn", true),
          date("endDate", true),
          bool("sample"),
          instant("createdAt"),
          int("version"),
        ],
        indices: [
          index("IDX_contract_customer", ["customerId"]),
          index("IDX_contract_offer", ["offerId"]),
          index("IDX_contract_quote_line", ["quoteLineId"], true),
          index("IDX_contract_status_start", ["status", "startDate"]),
        ],
        foreignKeys: [foreignKey("customerId", "customer"), foreignKey("offerId", "offer")],
      }),
    );
    await create(
      new Table({
        name: "renewal_reminder",
        columns: [id(), int("contractId"), int("periodIndex"), date("sentOn"), instant("recordedAt")],
        indices: [index("IDX_renewal_reminder_contract_period", ["contractId", "periodIndex"], true)],
      }),
    );
    await create(
      new Table({
        name: "porting_tariff_grid",
        columns: [id(), date("effectiveFrom"), bool("sample"), instant("createdAt")],
        indices: [index("IDX_porting_grid_effective", ["effectiveFrom"], true)],
      }),
    );
    await create(
      new Table({
        name: "porting_tariff_row",
        columns: [
          id(),
          int("gridId"),
          varchar("direction", 10),
          varchar("numberKind", 16),
          varchar("unit", 12),
          int("blockSize", true),
          varchar("tierMode", 12),
          text("tiers"),
          int("fixedFeeCents"),
          int("outsideHoursSurchargeCents", true),
        ],
        indices: [index("IDX_porting_row_key", ["gridId", "direction", "numberKind"], true)],
        foreignKeys: [foreignKey("gridId", "porting_tariff_grid", "CASCADE")],
      }),
    );
    await create(
      new Table({
        name: "porting_request",
        columns: [
          id(),
          int("customerId"),
          int("contractId", true),
          int("quoteLineId", true),
          varchar("direction", 10),
          varchar("number", 16),
          varchar("numberKind", 16),
          varchar("rio", 12, true),
          varchar("status", 12),
          date("requestedOn"),
          instant("createdAt"),
        ],
        indices: [index("IDX_porting_request_customer", ["customerId"]), index("IDX_porting_request_contract", ["contractId"])],
      }),
    );
    await create(
      new Table({
        name: "maintenance_contract",
        columns: [
          id(),
          int("customerId"),
          int("contractId", true),
          text("procedure"),
          int("hourlyRateCents"),
          instant("createdAt"),
        ],
        indices: [index("IDX_maintenance_customer", ["customerId"])],
      }),
    );
    await create(
      new Table({
        name: "incident",
        columns: [
          id(),
          int("customerId"),
          int("maintenanceContractId"),
          varchar("declarerName", 255),
          varchar("channel", 40),
          instant("declaredAt"),
          text("description"),
          varchar("category", 60, true),
          text("procedureViolations"),
          varchar("qualification", 12, true),
          int("minutesSpent", true),
          int("billedAmountCents", true),
          instant("qualifiedAt", true),
          instant("createdAt"),
        ],
        indices: [
          index("IDX_incident_customer", ["customerId"]),
          index("IDX_incident_qualified", ["qualification", "qualifiedAt"]),
        ],
      }),
    );
    await create(
      new Table({
        name: "intervention_sheet",
        columns: [
          id(),
          int("customerId"),
          int("maintenanceContractId", true),
          varchar("medium", 12),
          date("interventionDate"),
          int("minutes"),
          text("summary"),
          varchar("technicianName", 255, true),
          date("sentOn", true),
          varchar("signerName", 255, true),
          date("signedOn", true),
          text("contestReason", true),
          date("contestedOn", true),
          instant("createdAt"),
          int("version"),
        ],
        indices: [index("IDX_intervention_sheet_customer", ["customerId"])],
      }),
    );
    await create(
      new Table({
        name: "api_token",
        columns: [
          id(),
          varchar("name", 120),
          varchar("role", 12),
          varchar("tokenHash", 64),
          varchar("prefix", 16),
          instant("createdAt"),
          instant("expiresAt", true),
          instant("revokedAt", true),
          instant("lastUsedAt", true),
        ],
        indices: [index("IDX_api_token_hash", ["tokenHash"], true)],
      }),
    );
    await create(
      new Table({
        name: "audit_log",
        columns: [
          id(),
          instant("at"),
          int("tokenId", true),
          varchar("actor", 120),
          varchar("action", 80),
          varchar("entity", 40),
          varchar("entityId", 40, true),
          text("before", true),
          text("after", true),
          varchar("requestId", 64, true),
        ],
        indices: [index("IDX_audit_log_entity", ["entity", "entityId"])],
      }),
    );
    await create(
      new Table({
        name: "idempotency_record",
        columns: [
          id(),
          varchar("scope", 60),
          varchar("idempotencyKey", 100),
          varchar("requestHash", 64),
          text("result"),
          instant("createdAt"),
        ],
        indices: [index("IDX_idempotency_scope_key", ["scope", "idempotencyKey"], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "idempotency_record",
      "audit_log",
      "api_token",
      "intervention_sheet",
      "incident",
      "maintenance_contract",
      "porting_request",
      "porting_tariff_row",
      "porting_tariff_grid",
      "renewal_reminder",
      "contract",
      "quote_line",
      "quote",
      "sepa_mandate",
      "referent",
      "customer",
      "offer",
      "terms_version",
    ]) {
      await queryRunner.dropTable(table, true);
    }
  }
}
