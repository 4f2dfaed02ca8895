import { Redis } from "ioredis";

/** Where the tests find Redis unless told otherwise (the machine's own, started before the session). */
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

/**
 * Whether the Redis cases run: locally an unreachable Redis is reported and skipped; under CI=true
 * it is an error (the returned `reason` fails the suite), so CI never passes without testing Redis.
 */
export async function redisAvailability(): Promise<{ use: boolean; url: string; reason?: string }> {
  const url = process.env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return { use: true, url };
  } catch (error) {
    const reason = `Redis unreachable at ${url}: ${(error as Error).message}`;
    if (process.env.CI === "true") return { use: true, url, reason };
    console.warn(`\n[tests] ${reason}: the Redis cases are skipped.\n`);
    return { use: false, url };
  } finally {
    redis.disconnect();
  }
}
