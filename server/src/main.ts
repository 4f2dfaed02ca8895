import { openApp } from "./bootstrap.js";
import { ConfigError, loadConfig } from "./config.js";
import { startHttpServer } from "./http/app.js";
import { createLogger } from "./logger.js";

const logger = createLogger();

async function main() {
  const config = loadConfig();
  const { database, services, firstAdminToken } = await openApp(config, { createFirstAdminToken: true, logger });
  const server = await startHttpServer(services, logger, config.port, config.host);
  const where =
    config.database.kind === "sqlite" ? `SQLite file ${config.database.file}` : `MySQL database ${config.database.database}`;
  const base = `http://localhost:${server.port}`;
  const banner = [
    `Contracts platform listening on ${base}`,
    `  GraphQL:  ${base}/graphql  (Authorization: Bearer <token>)`,
    `  Add-in:   ${base}/addin/`,
    `  Health:   ${base}/healthz`,
    `  Database: ${where}`,
    "",
  ].join("\n");
  const tokenNotice = firstAdminToken
    ? `\nFirst start: an ADMIN API token was created. It is shown only this once; keep it safe:\n\n  ${firstAdminToken}\n\n` +
      'More tokens: npm run -s token -- create --role SALES --name "Excel add-in, sales"\n\n'
    : "";
  // One write, so whoever reads the output sees the banner and the token together.
  process.stdout.write(banner + tokenNotice);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("Shutting down: finishing in-flight requests", { signal });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await server.close();
      await database.close();
      logger.info("Stopped: every in-flight request answered, database closed");
      process.exit(0);
    } catch (error) {
      logger.error("Error during shutdown", { error: String(error) });
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    logger.error("The server could not start", { error: error instanceof Error ? error.message : String(error) });
  }
  process.exit(1);
});
