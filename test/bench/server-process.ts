import "reflect-metadata";
import { openApp } from "../../server/src/bootstrap.js";
import { loadConfig } from "../../server/src/config.js";
import { startHttpServer } from "../../server/src/http/app.js";
import { createLogger } from "../../server/src/logger.js";

/**
 * The real server (`openApp` + `startHttpServer`, as `npm start` runs it) in its own process, so
 * the bench measures its memory alone and can profile it (`--cpu-prof`). Listens on loopback
 * only, on a free port, and prints one JSON line `{"url", "pid"}` once it accepts requests.
 * Stops on SIGTERM (or when its parent goes away), so a CPU profile gets written.
 */
const config = loadConfig({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1" });
const { database, services } = await openApp(config);
const server = await startHttpServer(services, createLogger({ silent: true }), 0, "127.0.0.1");
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  await server.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.on("disconnect", () => void stop());
