import type { RequestHandler } from "express";
import type { Services } from "../services/index.js";

/** 200 when the database answers within a second, 503 otherwise. No token needed. */
export function healthRoute(services: Services): RequestHandler {
  return async (_req, res) => {
    try {
      await Promise.race([
        services.database.ping(),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error("timeout")), 1000).unref()),
      ]);
      res.status(200).json({ status: "ok", database: "up" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "down" });
    }
  };
}
