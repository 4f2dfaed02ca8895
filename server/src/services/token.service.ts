import { createHash, randomBytes } from "node:crypto";
import { IsNull } from "typeorm";
import type { Database } from "../db/database.js";
import { type FieldError, throwIfAny } from "../domain/errors.js";
import { betweenMessage, oneOfMessage } from "../domain/messages.js";
import { nameProblem } from "../domain/names.js";
import { ApiToken, ROLES, type Role } from "../entities/api-token.entity.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { NotFoundError } from "./errors.js";

/** Who is calling: the token's id, name and role. Never holds the token itself. */
export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

const TOKEN_PREFIX = "ctp_";

/** `lastUsedAt` is written at most this often per token (it is a hint, not an access log). */
const LAST_USED_PRECISION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Longest lifetime a token created through the API may have (about ten years). */
export const MAX_EXPIRES_IN_DAYS = 3650;

/**
 * API tokens: 32 random bytes, shown once, stored as a SHA-256 hash (the token has 256 bits of
 * entropy, so a slow password hash would add cost without adding safety).
 */
export class TokenService {
  /** When this process last wrote `lastUsedAt` per token id, so bursts of requests write once. */
  private readonly lastUsedWrites = new Map<number, number>();

  constructor(private readonly database: Database) {}

  /**
   * A new token, returned once. With an `actor` (the GraphQL mutation), an audit row records who
   * created it (never the token itself); the CLI and the first start have none.
   */
  async create(
    input: { role: string; name: string; expiresAt?: Date | null; expiresInDays?: number | null },
    actor?: Actor,
  ): Promise<{ token: string; record: ApiToken }> {
    const errors: FieldError[] = [];
    const role = input.role.toUpperCase();
    if (!(ROLES as readonly string[]).includes(role)) errors.push({ field: "role", message: oneOfMessage(ROLES) });
    const name = input.name.trim();
    const nameError = nameProblem(name, 120);
    if (nameError) errors.push({ field: "name", message: nameError });
    let expiresAt = input.expiresAt ?? null;
    const days = input.expiresInDays ?? null;
    if (days !== null) {
      if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) {
        errors.push({ field: "expiresInDays", message: betweenMessage(1, MAX_EXPIRES_IN_DAYS) });
      } else {
        expiresAt = new Date(Date.now() + days * 86_400_000);
      }
    }
    throwIfAny(errors);
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const record = await this.database.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(ApiToken, {
          name,
          role: role as Role,
          tokenHash: hashToken(token),
          prefix: token.slice(0, 10),
          createdAt: wholeSeconds(new Date()),
          expiresAt: expiresAt ? wholeSeconds(expiresAt) : null,
          revokedAt: null,
          lastUsedAt: null,
        }),
      );
      if (actor) {
        await recordAudit(manager, actor, {
          action: "createApiToken",
          entity: "ApiToken",
          entityId: saved.id,
          after: { name: saved.name, role: saved.role, prefix: saved.prefix, expiresAt: saved.expiresAt?.toISOString() ?? null },
        });
      }
      return saved;
    });
    return { token, record };
  }

  /** The principal for a bearer token, or null when it is unknown, revoked or expired. */
  async authenticate(token: string, now = new Date()): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const record = await this.database.manager.findOneBy(ApiToken, { tokenHash: hashToken(token), revokedAt: IsNull() });
    if (!record) return null;
    if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) return null;
    this.noteUse(record, now);
    return { tokenId: record.id, name: record.name, role: record.role };
  }

  /**
   * Records `lastUsedAt` at most once a minute per token, in its own small transaction and
   * without making the request wait: a failed write (e.g. during a database outage) only loses
   * the hint.
   */
  private noteUse(record: ApiToken, now: Date): void {
    const lastWrite = Math.max(record.lastUsedAt?.getTime() ?? 0, this.lastUsedWrites.get(record.id) ?? 0);
    if (now.getTime() - lastWrite < LAST_USED_PRECISION_MS) return;
    this.lastUsedWrites.set(record.id, now.getTime());
    if (this.lastUsedWrites.size > 10_000) this.lastUsedWrites.clear();
    this.database
      .transaction((manager) => manager.update(ApiToken, { id: record.id }, { lastUsedAt: wholeSeconds(now) }))
      .catch(() => undefined);
  }

  /**
   * Revokes a live token; false when it does not exist or is already revoked. With an `actor`,
   * an audit row records who revoked it.
   */
  async revoke(id: number, now = new Date(), actor?: Actor): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const result = await manager.update(ApiToken, { id, revokedAt: IsNull() }, { revokedAt: wholeSeconds(now) });
      const revoked = (result.affected ?? 0) > 0;
      if (revoked && actor) {
        await recordAudit(manager, actor, {
          action: "revokeApiToken",
          entity: "ApiToken",
          entityId: id,
          after: { revokedAt: wholeSeconds(now).toISOString() },
        });
      }
      return revoked;
    });
  }

  async get(id: number): Promise<ApiToken> {
    const record = await this.database.manager.findOneBy(ApiToken, { id });
    if (!record) throw new NotFoundError("ApiToken", id);
    return record;
  }

  async list(): Promise<ApiToken[]> {
    return this.database.manager.find(ApiToken, { order: { id: "ASC" } });
  }

  async count(): Promise<number> {
    return this.database.manager.count(ApiToken);
  }
}

/** Instants are stored without fractional seconds, so both databases return what was written. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
