import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { rateLimit, WINDOW_MS } from "../../../server/src/http/rate-limit.js";
import { MemoryRateLimitStore, type RateLimitStore } from "../../../server/src/http/rate-limit-stores.js";

interface Outcome {
  status?: number;
  headers: Record<string, string>;
  body?: { errors: { extensions: Record<string, unknown> }[] };
  next?: unknown;
}

async function call(middleware: ReturnType<typeof rateLimit>, tokenId: number | undefined): Promise<Outcome> {
  const outcome: Outcome = { headers: {} };
  const res = {
    req: { requestId: "r1", get: () => undefined },
    setHeader: (name: string, value: string) => {
      outcome.headers[name.toLowerCase()] = value;
    },
    status(code: number) {
      outcome.status = code;
      return this;
    },
    json(body: Outcome["body"]) {
      outcome.body = body;
    },
  } as unknown as Response;
  const req = { principal: tokenId === undefined ? undefined : { tokenId }, requestId: "r1" } as unknown as Request;
  await new Promise<void>((resolve) => {
    const next: NextFunction = (error?: unknown) => {
      outcome.next = error ?? "next";
      resolve();
    };
    void middleware(req, res, next).then(() => resolve());
  });
  return outcome;
}

describe("rate limit", () => {
  const minute = 29_000_000; // a wall-clock minute, as minutes since 1970
  const at = (second: number) => () => minute * WINDOW_MS + second * 1000;

  it("lets `perMinute` requests of a token through in a minute, then answers 429 until the minute ends", async () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 3; i++) expect((await call(rateLimit(3, store, at(10)), 7)).next).toBe("next");
    const limited = await call(rateLimit(3, store, at(42.5)), 7);
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("18");
    expect(limited.body?.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 18 });
    // Another token has its own budget; the next minute starts afresh.
    expect((await call(rateLimit(3, store, at(43)), 8)).next).toBe("next");
    expect((await call(rateLimit(3, store, at(60)), 7)).next).toBe("next");
  });

  it("counts in the store, so processes sharing a store share the limit", async () => {
    const shared = new MemoryRateLimitStore();
    const a = rateLimit(2, shared, at(1));
    const b = rateLimit(2, shared, at(2));
    expect((await call(a, 1)).next).toBe("next");
    expect((await call(b, 1)).next).toBe("next");
    expect((await call(a, 1)).status).toBe(429);
    expect((await call(b, 1)).status).toBe(429);
  });

  it("passes requests without a token on, and a store failure to the error handler (503 for a database outage)", async () => {
    const failing: RateLimitStore = {
      hit: async () => {
        throw Object.assign(new Error("down"), { code: "ECONNREFUSED" });
      },
      close: async () => undefined,
    };
    expect((await call(rateLimit(1, failing), undefined)).next).toBe("next");
    expect((await call(rateLimit(1, failing), 1)).next).toMatchObject({ code: "ECONNREFUSED" });
  });
});
