import path from "node:path";
import { validateCreditorIdentifier } from "./domain/sepa.js";

/** Which database the server talks to, derived from DATABASE_URL (see API.md "Access"). */
export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "mysql"; url: string; database: string };

export interface AppConfig {
  database: DatabaseTarget;
  port: number;
  host: string;
  production: boolean;
  /** SEPA creditor identifier (ICS) printed on mandates; validated at start-up. */
  creditorIdentifier: string;
  /** Origins allowed by CORS besides the server's own (the add-in is served same-origin). */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes; larger bodies get 413. */
  maxBodyBytes: number;
  /** Requests per token per minute before 429 with Retry-After. */
  rateLimitPerMinute: number;
  /** Whether sample data (catalogue defaults, demo customers) is seeded into an empty database. */
  seedSampleData: boolean;
  /** Where the built add-in is served from. */
  addinDir: string;
}

export class ConfigError extends Error {}

/** Parses DATABASE_URL: unset → embedded SQLite file, `sqlite:PATH`, or `mysql://…`/`mariadb://…`. */
export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (!raw || raw.trim() === "") return { kind: "sqlite", file: path.resolve(cwd, "data/contracts.sqlite") };
  const value = raw.trim();
  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (file === "") throw new ConfigError("DATABASE_URL sqlite:PATH needs a file path");
    return { kind: "sqlite", file: file === ":memory:" ? file : path.resolve(cwd, file) };
  }
  if (/^(mysql|mariadb):\/\//.test(value)) {
    const url = new URL(value.replace(/^mariadb:/, "mysql:"));
    const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
    if (!database)
      throw new ConfigError("DATABASE_URL mysql://… must name a database, e.g. mysql://user:pass@host:3306/contracts");
    return { kind: "mysql", url: url.toString(), database };
  }
  throw new ConfigError(`DATABASE_URL must be mysql://user:pass@host:port/db or sqlite:PATH (got "${value.split(":")[0]}:…")`);
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

/** Reads every setting once, with defaults, and refuses to start on a bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const creditorIdentifier = (env.SEPA_CREDITOR_ID ?? "FR72ZZZ123456").replace(/\s+/g, "").toUpperCase();
  const icsProblem = validateCreditorIdentifier(creditorIdentifier);
  if (icsProblem) throw new ConfigError(`SEPA_CREDITOR_ID: ${icsProblem}`);
  return {
    database: parseDatabaseUrl(env.DATABASE_URL),
    port: intSetting(env, "PORT", 4000, 0, 65535),
    host: env.HOST ?? "0.0.0.0",
    production: env.NODE_ENV === "production",
    creditorIdentifier,
    corsOrigins: (env.CORS_ORIGINS ?? "https://localhost:3000")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    maxBodyBytes: intSetting(env, "MAX_BODY_BYTES", 1_000_000, 1_000, 100_000_000),
    rateLimitPerMinute: intSetting(env, "RATE_LIMIT_PER_MINUTE", 600, 1, 1_000_000),
    seedSampleData: env.SEED_SAMPLE_DATA !== "false",
    addinDir: path.resolve(env.ADDIN_DIR ?? "dist/addin"),
  };
}
