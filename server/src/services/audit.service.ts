import type { EntityManager } from "typeorm";
import { AuditLog } from "../entities/audit-log.entity.js";
import type { Actor } from "./actor.js";

export interface AuditEntry {
  /** The mutation, e.g. `signQuote`. */
  action: string;
  /** The entity touched, e.g. `Quote`. */
  entity: string;
  entityId: string | number | null;
  /** Money and dates before the change (omit for creations). */
  before?: Record<string, unknown> | null;
  /** Money and dates after the change. */
  after?: Record<string, unknown> | null;
}

/**
 * The audit trail: one row per mutation, written in the mutation's own transaction so the trail
 * and the change commit or roll back together. Never pass secrets (tokens, full IBANs) in it.
 */
export async function recordAudit(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
  await manager.save(
    manager.create(AuditLog, {
      at: new Date(),
      tokenId: actor.principal.tokenId,
      actor: actor.principal.name,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: actor.requestId,
    }),
  );
}
