import type { NextFunction, Request, Response } from "express";
import { sendGraphQLError } from "./auth.js";
import { tooManyRequests } from "./messages.js";
import type { RateLimitStore } from "./rate-limit-stores.js";

/** The limit's window: one wall-clock minute, the same in every process. */
export const WINDOW_MS = 60_000;

/**
 * Per-token fixed-window rate limit: at most `perMinute` requests per token in each wall-clock
 * minute, counted in `store` (in memory for one process, or shared by every process through the
 * database or Redis: http/rate-limit-stores.ts). Past the limit: 429 with `Retry-After` in seconds
 * until the window ends. A store that cannot count (the database is down) fails the request (503).
 */
export function rateLimit(perMinute: number, store: RateLimitStore, now: () => number = Date.now) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.principal?.tokenId;
    if (key === undefined) return next();
    const time = now();
    const windowMinute = Math.floor(time / WINDOW_MS);
    let count: number;
    try {
      count = await store.hit(key, windowMinute);
    } catch (error) {
      return next(error);
    }
    if (count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil(((windowMinute + 1) * WINDOW_MS - time) / 1000));
      res.setHeader("Retry-After", String(retryAfter));
      return sendGraphQLError(res, 429, "RATE_LIMITED", tooManyRequests(retryAfter), {
        retryAfterSeconds: retryAfter,
      });
    }
    next();
  };
}
