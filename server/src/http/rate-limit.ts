import type { NextFunction, Request, Response } from "express";
import { sendGraphQLError } from "./auth.js";
import { tooManyRequests } from "./messages.js";

/**
 * Per-token fixed-window rate limit (in memory, per process). Past the limit: 429 with
 * `Retry-After` in seconds until the window resets.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<number, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.principal?.tokenId;
    if (key === undefined) return next();
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= 60_000) {
      window = { start: time, count: 0 };
      windows.set(key, window);
      if (windows.size > 10_000) windows.clear();
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - time) / 1000));
      res.setHeader("Retry-After", String(retryAfter));
      return sendGraphQLError(res, 429, "RATE_LIMITED", tooManyRequests(retryAfter), {
        retryAfterSeconds: retryAfter,
      });
    }
    next();
  };
}
