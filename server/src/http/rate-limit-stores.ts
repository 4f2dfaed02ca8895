import { Redis } from "ioredis";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";

/** Counts a token's requests per one-minute window; `hit` counts one more and returns the window's total. */
export interface RateLimitStore {
  hit(tokenId: number, windowMinute: number): Promise<number>;
  close(): Promise<void>;
}

/** One process's own count: the embedded SQLite default, and the fallback when Redis cannot answer. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<number, { minute: number; count: number }>();

  async hit(tokenId: number, windowMinute: number): Promise<number> {
    let window = this.windows.get(tokenId);
    if (!window || window.minute !== windowMinute) {
      window = { minute: windowMinute, count: 0 };
      this.windows.set(tokenId, window);
      if (this.windows.size > 10_000) this.windows.clear();
    }
    window.count += 1;
    return window.count;
  }

  async close(): Promise<void> {}
}

/**
 * Counts in the MySQL database, shared by every server on it (a Galera cluster included): each
 * process increments its own row of `rate_limit_counter` (one replicated write, never contended
 * by another process) and reads the sum over every process's rows. When a process moves to a new
 * window it deletes the windows before the previous one, whoever wrote them (a process that
 * stopped leaves its rows behind otherwise); nobody writes those any more, so the delete contends
 * with nothing but the same delete from another process, and a failed one is simply left to the next.
 */
export class DatabaseRateLimitStore implements RateLimitStore {
  private prunedBefore = 0;

  constructor(private readonly database: Database) {}

  async hit(tokenId: number, windowMinute: number): Promise<number> {
    const { manager, writerId } = this.database;
    await manager.query(
      "INSERT INTO `rate_limit_counter` (`tokenId`, `windowMinute`, `writer`, `hits`) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE `hits` = `hits` + 1",
      [tokenId, windowMinute, writerId],
    );
    const [row] = (await manager.query(
      "SELECT COALESCE(SUM(`hits`), 0) AS `hits` FROM `rate_limit_counter` WHERE `tokenId` = ? AND `windowMinute` = ?",
      [tokenId, windowMinute],
    )) as { hits: string | number }[];
    if (windowMinute > this.prunedBefore) {
      this.prunedBefore = windowMinute;
      // Once a minute per process; awaited so the table never grows behind a busy process.
      await manager.query("DELETE FROM `rate_limit_counter` WHERE `windowMinute` < ?", [windowMinute - 1]).catch(() => undefined);
    }
    return Number(row?.hits ?? 0);
  }

  async close(): Promise<void> {}
}

/** How long a Redis command may take before the process counts on its own for a while. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** After a Redis failure, how long the process counts on its own before asking Redis again. */
const REDIS_BACKOFF_MS = 5_000;

/**
 * Counts in Redis (`REDIS_URL`), shared by every process: one `INCR` per request on a key per token
 * and window, expiring after the window. Keys are prefixed with the database's name, so several
 * deployments (or test runs) can share one Redis. When Redis does not answer, the process counts
 * on its own (the limit then holds per process) rather than refuse requests, and says so in the log.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  private readonly fallback = new MemoryRateLimitStore();
  private unavailableUntil = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      lazyConnect: true,
    });
    // Connection errors are reported through the failing commands; ioredis reconnects by itself.
    this.redis.on("error", () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async hit(tokenId: number, windowMinute: number): Promise<number> {
    if (Date.now() < this.unavailableUntil) return this.fallback.hit(tokenId, windowMinute);
    const key = `${this.prefix}:rate:${tokenId}:${windowMinute}`;
    try {
      const results = await this.redis.multi().incr(key).pexpire(key, 120_000).exec();
      const [error, count] = results?.[0] ?? [new Error("empty MULTI answer"), null];
      if (error) throw error;
      return Number(count);
    } catch (error) {
      this.unavailableUntil = Date.now() + REDIS_BACKOFF_MS;
      this.logger.warn("Redis unavailable: the rate limit is counted per process for a while", { error: String(error) });
      return this.fallback.hit(tokenId, windowMinute);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** The store `RATE_LIMIT_STORE` names (config.ts: Redis when REDIS_URL is set, else the MySQL database, else memory). */
export function rateLimitStore(
  database: Database,
  settings: { rateLimitStore: "redis" | "database" | "memory"; redisUrl: string | null },
  logger: Logger,
): RateLimitStore {
  const name = database.target.kind === "mysql" ? database.target.database : database.target.file;
  if (settings.rateLimitStore === "redis" && settings.redisUrl) {
    return new RedisRateLimitStore(settings.redisUrl, `contracts:${name}`, logger);
  }
  if (settings.rateLimitStore === "database" && database.kind === "mysql") return new DatabaseRateLimitStore(database);
  return new MemoryRateLimitStore();
}
