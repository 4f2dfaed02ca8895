import { createHash, randomBytes } from "node:crypto";
import { IsNull } from "typeorm";
import type { Database } from "../db/database.js";
import { DomainValidationError } from "../domain/errors.js";
import { ApiToken, ROLES, type Role } from "../entities/api-token.entity.js";

/** Who is calling: the token's id, name and role. Never holds the token itself. */
export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

const TOKEN_PREFIX = "ctp_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * API tokens: 32 random bytes, shown once, stored as a SHA-256 hash (the token has 256 bits of
 * entropy, so a slow password hash would add cost without adding safety).
 */
export class TokenService {
  constructor(private readonly database: Database) {}

  async create(input: { role: string; name: string; expiresAt?: Date | null }): Promise<{ token: string; record: ApiToken }> {
    const role = input.role.toUpperCase();
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new DomainValidationError({ field: "role", message: `must be one of ${ROLES.join(", ")}` });
    }
    const name = input.name.trim();
    if (name === "" || name.length > 120) {
      throw new DomainValidationError({ field: "name", message: "must be 1 to 120 characters" });
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const record = await this.database.transaction((manager) =>
      manager.save(
        manager.create(ApiToken, {
          name,
          role: role as Role,
          tokenHash: hashToken(token),
          prefix: token.slice(0, 10),
          createdAt: new Date(),
          expiresAt: input.expiresAt ?? null,
          revokedAt: null,
          lastUsedAt: null,
        }),
      ),
    );
    return { token, record };
  }

  /** The principal for a bearer token, or null when it is unknown, revoked or expired. */
  async authenticate(token: string, now = new Date()): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const record = await this.database.manager.findOneBy(ApiToken, { tokenHash: hashToken(token), revokedAt: IsNull() });
    if (!record) return null;
    if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) return null;
    return { tokenId: record.id, name: record.name, role: record.role };
  }

  async revoke(id: number, now = new Date()): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const result = await manager.update(ApiToken, { id, revokedAt: IsNull() }, { revokedAt: now });
      return (result.affected ?? 0) > 0;
    });
  }

  async list(): Promise<ApiToken[]> {
    return this.database.manager.find(ApiToken, { order: { id: "ASC" } });
  }

  async count(): Promise<number> {
    return this.database.manager.count(ApiToken);
  }
}
