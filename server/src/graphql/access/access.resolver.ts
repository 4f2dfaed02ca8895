import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Role } from "../../entities/api-token.entity.js";
import { AuditLogService } from "../../services/audit-log.service.js";
import { MAX_EXPIRES_IN_DAYS, TokenService } from "../../services/token.service.js";
import { actorOf } from "../common/actor.js";
import { RoleEnum } from "../common/enums.js";
import { CAN } from "../common/roles.js";
import { IdScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { ApiTokenInfo, AuditLogEntry, CreatedApiToken } from "./access.type.js";

@Resolver()
export class AccessResolver {
  constructor(
    private readonly tokenService: TokenService,
    private readonly auditLogService: AuditLogService,
  ) {}

  @Authorized()
  @Query(() => ApiTokenInfo, { description: "Who is calling: the token's label and role. Used by the add-in to check a token." })
  me(@Ctx() context: GraphQLContext): Promise<ApiTokenInfo> {
    return this.tokenService.get(context.principal.tokenId);
  }

  @Authorized(...CAN.administer)
  @Query(() => [ApiTokenInfo], { description: "Every API token, revoked and expired ones included (ADMIN only)." })
  apiTokens(): Promise<ApiTokenInfo[]> {
    return this.tokenService.list();
  }

  @Authorized(...CAN.administer)
  @Mutation(() => CreatedApiToken, { description: "Creates an API token and returns it once (ADMIN only). Audited." })
  async createApiToken(
    @Arg("role", () => RoleEnum, { description: "What the token may do." }) role: Role,
    @Arg("name", { description: "A label saying who or what uses the token (1 to 120 characters)." }) name: string,
    @Arg("expiresInDays", () => Int, {
      nullable: true,
      description: `Days until the token stops working (1 to ${MAX_EXPIRES_IN_DAYS}); null = never expires.`,
    })
    expiresInDays: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<CreatedApiToken> {
    const { token, record } = await this.tokenService.create({ role, name, expiresInDays }, actorOf(context));
    return { token, apiToken: record };
  }

  @Authorized(...CAN.administer)
  @Mutation(() => ApiTokenInfo, {
    description: "Revokes an API token at once (ADMIN only); requests with it get 401 from then on. Audited.",
  })
  async revokeApiToken(
    @Arg("id", () => IdScalar, { description: "Id of the token to revoke." }) id: number,
    @Ctx() context: GraphQLContext,
  ): Promise<ApiTokenInfo> {
    const existing = await this.tokenService.get(id);
    if (existing.revokedAt === null) await this.tokenService.revoke(id, new Date(), actorOf(context));
    return this.tokenService.get(id);
  }

  @Authorized(...CAN.readAuditLog)
  @Query(() => [AuditLogEntry], { description: "The audit trail, newest first (ADMIN and FINANCE)." })
  auditLog(
    @Arg("entity", () => String, { nullable: true, description: "Only changes to this kind of record, e.g. Quote." })
    entity: string | null,
    @Arg("entityId", () => IdScalar, { nullable: true, description: "Only changes to this record (needs entity)." })
    entityId: number | null,
    @Arg("first", () => Int, { nullable: true, description: "How many entries (1 to 500; default 50)." })
    first: number | null,
  ): Promise<AuditLogEntry[]> {
    return this.auditLogService.list({
      entity,
      entityId: entityId === null || entityId === undefined ? null : String(entityId),
      first,
    });
  }
}
