import type { RequestHandler } from "express";
import { withDatabaseTimeout } from "../db/unavailable.js";
import type { Services } from "../services/index.js";

/** How long /healthz waits for the database before answering 503. */
const HEALTH_TIMEOUT_MS = 1000;

/** 200 when the database answers within a second, 503 otherwise. No token needed. */
export function healthRoute(services: Services): RequestHandler {
  return async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      await withDatabaseTimeout(services.database.ping(), HEALTH_TIMEOUT_MS, "health check");
      res.status(200).json({ status: "ok", database: "up" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "down" });
    }
  };
}
