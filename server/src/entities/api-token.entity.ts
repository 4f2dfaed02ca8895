import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { EnumColumn, InstantColumn, TextColumn } from "./columns.js";

export type Role = "ADMIN" | "SALES" | "FINANCE" | "TECHNICIAN" | "INTEGRATOR";
export const ROLES: readonly Role[] = ["ADMIN", "SALES", "FINANCE", "TECHNICIAN", "INTEGRATOR"];

/** An API token. Only its SHA-256 hash is stored; the token itself is shown once, at creation. */
@Index("IDX_api_token_hash", ["tokenHash"], { unique: true })
@Entity("api_token")
export class ApiToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @TextColumn({ length: 120 })
  name!: string;

  @EnumColumn({ length: 12 })
  role!: Role;

  /** Hex SHA-256 of the token. */
  @TextColumn({ length: 64 })
  tokenHash!: string;

  /** First characters of the token, to recognise it in lists without revealing it. */
  @TextColumn({ length: 16 })
  prefix!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @InstantColumn({ nullable: true })
  revokedAt!: Date | null;

  @InstantColumn({ nullable: true })
  lastUsedAt!: Date | null;
}
