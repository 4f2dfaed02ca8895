import { JSONObjectResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import type { Role } from "../../entities/api-token.entity.js";
import { RoleEnum } from "../common/enums.js";
import { DateTimeScalar, IdScalar } from "../common/scalars.js";

@ObjectType("ApiTokenInfo", { description: "An API token, described without the token itself (only its hash is stored)." })
export class ApiTokenInfo {
  @Field(() => IdScalar, { description: "Token id (used to revoke it)." })
  id!: number;

  @Field({ description: "Label given to the token when it was created." })
  name!: string;

  @Field(() => RoleEnum, { description: "What the token may do." })
  role!: Role;

  @Field({ description: "First characters of the token, to recognise it without revealing it." })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: "When the token was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the token stops working; null = never." })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the token was revoked; null = not revoked." })
  revokedAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Last time the token was used, to the minute (written at most once a minute); null = never.",
  })
  lastUsedAt!: Date | null;
}

@ObjectType("CreatedApiToken", { description: "A new API token: the token is shown here once and never again." })
export class CreatedApiToken {
  @Field({ description: "The bearer token to send as `Authorization: Bearer <token>`. Store it now: it cannot be read again." })
  token!: string;

  @Field(() => ApiTokenInfo, { description: "The token's description." })
  apiToken!: ApiTokenInfo;
}

@ObjectType("AuditLogEntry", {
  description: "One row of the audit trail: who did what, when, with money and dates before/after.",
})
export class AuditLogEntry {
  @Field(() => IdScalar, { description: "Entry id (increasing in time)." })
  id!: number;

  @Field(() => DateTimeScalar, { description: "When the change was committed." })
  at!: Date;

  @Field({ description: "Name of the API token that made the change." })
  actor!: string;

  @Field(() => IdScalar, { nullable: true, description: "Id of the API token that made the change." })
  tokenId!: number | null;

  @Field({ description: "The mutation, e.g. signQuote." })
  action!: string;

  @Field({ description: "The kind of record changed, e.g. Quote." })
  entity!: string;

  @Field(() => IdScalar, { nullable: true, description: "Id of the record changed." })
  entityId!: string | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: "Money and dates before the change (null for creations)." })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: "Money and dates after the change." })
  after!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: "Id of the HTTP request (X-Request-Id) that made the change." })
  requestId!: string | null;
}
