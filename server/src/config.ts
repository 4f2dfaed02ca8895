import path from "node:path";
import { validateCreditorIdentifier } from "./domain/sepa.js";

/** One MySQL-protocol server of DATABASE_URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

/**
 * Which database the server talks to, derived from DATABASE_URL (see API.md "Access"). MySQL may
 * list several hosts (e.g. the nodes of a Galera cluster): the first is preferred, the others are
 * used in order when it cannot be reached; `url` names the first host alone (for tools that open
 * one connection).
 */
export type DatabaseTarget =
  | { kind: "sqlite"; file: string }
  | { kind: "mysql"; url: string; database: string; hosts: DatabaseHost[]; user: string; password: string };

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
  /**
   * The address people reach the server at (PUBLIC_URL), for the add-in's manifest; null: the
   * request's own origin (docs/operations.md "The Excel add-in").
   */
  publicUrl: string | null;
  /** Limits on each GraphQL document (docs/operations.md "Limits"). */
  graphqlLimits: GraphQLLimits;
  /** Express `trust proxy`: which proxies' X-Forwarded-* headers are believed (docs/operations.md "Running in production"). */
  trustProxy: boolean | number | string;
  /** Database waits, failover and shared state (docs/operations.md "Running on several machines"). */
  databaseTimeouts: DatabaseTimeouts;
  /** `REDIS_URL`: where the rate limit's counters live when set (shared by every process). */
  redisUrl: string | null;
  /** Where the rate limit counts: Redis, the (MySQL) database, or each process's memory. */
  rateLimitStore: "redis" | "database" | "memory";
  /** HTTP keep-alive: idle kept-alive connections close after `keepAliveMs`; headers must arrive within `headersMs`. */
  http: { keepAliveTimeoutMs: number; headersTimeoutMs: number };
}

export interface DatabaseTimeouts {
  /** Longest wait for one statement's answer (MySQL) before the request gets 503. */
  queryMs: number;
  /** Longest wait for a new connection (MySQL handshake) or a free pooled one. */
  connectMs: number;
  /** How long a MySQL host that failed is skipped before it is tried again (the first host is preferred). */
  hostRetryMs: number;
  /** SQLite: longest wait for another process's write lock (waited asynchronously) before 503. */
  sqliteLockWaitMs: number;
}

/** Limits on one GraphQL document; introspection fields are not counted by depth and cost. */
export interface GraphQLLimits {
  /** Deepest field nesting. */
  maxDepth: number;
  /**
   * Largest estimated cost, in units of about a microsecond of server work: fields, each multiplied
   * by the size of every list around it, and the rows a field reads (http/query-cost-model.ts).
   */
  maxCost: number;
  /** Size assumed for a list field without a `first`/`last` argument (on it or on the field above). */
  assumedListSize: number;
  /** Most aliases per document (the add-in batches up to 100 porting prices with aliases). */
  maxAliases: number;
  /** Most lexical tokens per document. */
  maxTokens: number;
  /** Most directives per document. */
  maxDirectives: number;
}

/**
 * GRAPHQL_MAX_COST's default: about 1 s of server CPU, the costliest documents it accepts at
 * 100,000 contracts measured by `npm run bench:limits` (docs/performance.md "What the query limits
 * allow"). The add-in's 12-month renewal schedule page must stay under it.
 */
export const DEFAULT_MAX_COST = 1_000_000;

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
  if (/^(mysql|mariadb):\/\//.test(value)) return parseMysqlUrl(value);
  throw new ConfigError(`DATABASE_URL must be mysql://user:pass@host:port/db or sqlite:PATH (got "${value.split(":")[0]}:…")`);
}

/**
 * `mysql://user:pass@h1:3306,h2:3306,h3:3306/db`: one or more hosts (port 3306 when omitted), the
 * first preferred. WHATWG URLs take one host only, so the authority is split here.
 */
function parseMysqlUrl(value: string): DatabaseTarget {
  const match = /^(?:mysql|mariadb):\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:[?#].*)?$/.exec(value);
  const database = decodeURIComponent(match?.[3] ?? "");
  if (!match || !database)
    throw new ConfigError("DATABASE_URL mysql://… must name a database, e.g. mysql://user:pass@host:3306/contracts");
  const [rawUser = "", ...rawPassword] = (match[1] ?? "").split(":");
  const user = decodeURIComponent(rawUser);
  const password = decodeURIComponent(rawPassword.join(":"));
  const hosts = (match[2] ?? "").split(",").map((part) => parseHost(part.trim()));
  const first = hosts[0] as DatabaseHost;
  const auth = match[1] === undefined ? "" : `${match[1]}@`;
  const hostText = first.host.includes(":") ? `[${first.host}]` : first.host;
  const url = `mysql://${auth}${hostText}:${first.port}/${encodeURIComponent(database)}`;
  return { kind: "mysql", url, database, hosts, user, password };
}

function parseHost(part: string): DatabaseHost {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+))(?::(\d{1,5}))?$/.exec(part);
  const port = match?.[3] === undefined ? 3306 : Number(match[3]);
  if (!match || port < 1 || port > 65535) {
    throw new ConfigError(
      `DATABASE_URL: "${part}" is not a host[:port] (hosts are separated by commas: mysql://user:pass@h1:3306,h2:3306/db)`,
    );
  }
  return { host: (match[1] ?? match[2]) as string, port };
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

/** `TRUST_PROXY`: true/false, a hop count, or Express's names and addresses (`loopback`, `10.0.0.0/8, uniquelocal`). */
function trustProxySetting(raw: string | undefined): boolean | number | string {
  const value = (raw ?? "").trim();
  if (value === "") return "loopback";
  if (value === "true" || value === "false") return value === "true";
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * `PUBLIC_URL`: https://host[:port][/path] (http only for localhost), without a trailing slash;
 * Office loads add-ins over HTTPS only.
 */
export function publicUrlSetting(raw: string | undefined): string | null {
  const value = (raw ?? "").trim();
  if (value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL such as https://contrats.example.fr (got "${value}")`);
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new ConfigError(`PUBLIC_URL must use https:// (Office loads add-ins over HTTPS only); got "${value}"`);
  }
  if (url.search || url.hash || url.username)
    throw new ConfigError(`PUBLIC_URL must be an origin and an optional path (got "${value}")`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Reads every setting once, with defaults, and refuses to start on a bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const creditorIdentifier = (env.SEPA_CREDITOR_ID ?? "FR72ZZZ123456").replace(/\s+/g, "").toUpperCase();
  const icsProblem = validateCreditorIdentifier(creditorIdentifier);
  if (icsProblem) throw new ConfigError(`SEPA_CREDITOR_ID: ${icsProblem.en}`);
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
    publicUrl: publicUrlSetting(env.PUBLIC_URL),
    graphqlLimits: {
      maxDepth: intSetting(env, "GRAPHQL_MAX_DEPTH", 10, 2, 100),
      maxCost: intSetting(env, "GRAPHQL_MAX_COST", DEFAULT_MAX_COST, 10, 1_000_000_000),
      assumedListSize: intSetting(env, "GRAPHQL_ASSUMED_LIST_SIZE", 20, 1, 100_000),
      maxAliases: intSetting(env, "GRAPHQL_MAX_ALIASES", 100, 1, 10_000),
      maxTokens: intSetting(env, "GRAPHQL_MAX_TOKENS", 5_000, 100, 1_000_000),
      maxDirectives: intSetting(env, "GRAPHQL_MAX_DIRECTIVES", 50, 1, 10_000),
    },
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    databaseTimeouts: {
      queryMs: intSetting(env, "DATABASE_QUERY_TIMEOUT_MS", 5_000, 100, 600_000),
      connectMs: intSetting(env, "DATABASE_CONNECT_TIMEOUT_MS", 3_000, 100, 60_000),
      hostRetryMs: intSetting(env, "DATABASE_HOST_RETRY_MS", 5_000, 100, 600_000),
      sqliteLockWaitMs: intSetting(env, "SQLITE_LOCK_WAIT_MS", 5_000, 0, 600_000),
    },
    redisUrl: env.REDIS_URL?.trim() ? env.REDIS_URL.trim() : null,
    rateLimitStore: rateLimitStoreSetting(env),
    http: httpTimeouts(env),
  };
}

/**
 * `RATE_LIMIT_STORE`: by default Redis when REDIS_URL is set, else the database when it is MySQL
 * (shared by every process, one small write per request), else memory (per process).
 */
function rateLimitStoreSetting(env: NodeJS.ProcessEnv): AppConfig["rateLimitStore"] {
  const raw = (env.RATE_LIMIT_STORE ?? "").trim();
  const database = parseDatabaseUrl(env.DATABASE_URL).kind;
  if (raw === "") return env.REDIS_URL?.trim() ? "redis" : database === "mysql" ? "database" : "memory";
  if (raw === "redis" && !env.REDIS_URL?.trim()) throw new ConfigError("RATE_LIMIT_STORE=redis needs REDIS_URL");
  if (raw === "database" && database !== "mysql") {
    throw new ConfigError("RATE_LIMIT_STORE=database needs a MySQL DATABASE_URL (SQLite counts in memory or in Redis)");
  }
  if (raw !== "redis" && raw !== "database" && raw !== "memory") {
    throw new ConfigError(`RATE_LIMIT_STORE must be redis, database or memory (got "${raw}")`);
  }
  return raw;
}

/**
 * Kept-alive connections stay open longer than the idle timeout of the proxies in front (60 s for
 * AWS ALB and nginx's upstream keepalive default), so the proxy, not Node, closes an idle one and
 * never reuses a socket Node just closed (the sporadic 502s of issue 16). Headers get a bit longer.
 */
function httpTimeouts(env: NodeJS.ProcessEnv): AppConfig["http"] {
  const keepAliveTimeoutMs = intSetting(env, "KEEP_ALIVE_TIMEOUT_MS", 65_000, 1_000, 3_600_000);
  const headersTimeoutMs = intSetting(env, "HEADERS_TIMEOUT_MS", keepAliveTimeoutMs + 1_000, 1_000, 3_601_000);
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must be above KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs}), or a request on a reused connection can be cut`,
    );
  }
  return { keepAliveTimeoutMs, headersTimeoutMs };
}
