import type { Database } from "../db/database.js";
import { type FieldError, throwIfAny } from "../domain/errors.js";
import { atMostCharactersMessage, betweenMessage } from "../domain/messages.js";
import { text } from "../domain/text.js";
import { AuditLog } from "../entities/audit-log.entity.js";

/** Largest page of the audit trail one request may read. */
export const AUDIT_LOG_MAX_PAGE = 500;

export interface AuditLogFilter {
  entity?: string | null;
  entityId?: string | null;
  first?: number | null;
}

/** Reads the audit trail (written by every mutation through `recordAudit`), newest first. */
export class AuditLogService {
  constructor(private readonly database: Database) {}

  async list(filter: AuditLogFilter): Promise<AuditLog[]> {
    const errors: FieldError[] = [];
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > AUDIT_LOG_MAX_PAGE) {
      errors.push({ field: "first", message: betweenMessage(1, AUDIT_LOG_MAX_PAGE) });
    }
    if (filter.entityId != null && (filter.entity == null || filter.entity === "")) {
      errors.push({ field: "entity", message: text("est obligatoire avec entityId.", "is required with entityId") });
    }
    if (filter.entity != null && filter.entity.length > 40) {
      errors.push({ field: "entity", message: atMostCharactersMessage(40) });
    }
    if (filter.entityId != null && filter.entityId.length > 40) {
      errors.push({ field: "entityId", message: atMostCharactersMessage(40) });
    }
    throwIfAny(errors);
    const query = this.database.manager.createQueryBuilder(AuditLog, "a").orderBy("a.id", "DESC").take(first);
    if (filter.entity) query.andWhere("a.entity = :entity", { entity: filter.entity });
    if (filter.entityId != null) query.andWhere("a.entityId = :entityId", { entityId: filter.entityId });
    return query.getMany();
  }
}
