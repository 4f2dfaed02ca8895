import { parseArgs } from "node:util";
import { openApp } from "../bootstrap.js";
import { loadConfig } from "../config.js";
import { DomainValidationError } from "../domain/errors.js";

const USAGE = `Usage:
  npm run token -- create --role ADMIN|SALES|FINANCE|TECHNICIAN|INTEGRATOR --name "<label>" [--expires-in-days N]
  npm run token -- list
  npm run token -- revoke --id N
Uses the database named by DATABASE_URL (the embedded SQLite file when unset).`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      role: { type: "string" },
      name: { type: "string" },
      id: { type: "string" },
      "expires-in-days": { type: "string" },
    },
    allowPositionals: false,
  });
  if (command !== "create" && command !== "list" && command !== "revoke") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { database, services } = await openApp(loadConfig());
  try {
    if (command === "create") {
      if (!values.role || !values.name) {
        process.stderr.write(`--role and --name are required\n${USAGE}\n`);
        return 2;
      }
      const days = values["expires-in-days"] ? Number(values["expires-in-days"]) : null;
      if (days !== null && (!Number.isInteger(days) || days < 1)) {
        process.stderr.write("--expires-in-days must be a positive whole number\n");
        return 2;
      }
      const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
      const { token, record } = await services.tokens.create({ role: values.role, name: values.name, expiresAt });
      // stdout carries the token and nothing else, so scripts can capture it.
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `Created token #${record.id} (${record.role}, "${record.name}"). It is not stored in clear: keep it now.\n`,
      );
    } else if (command === "list") {
      for (const t of await services.tokens.list()) {
        const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt < new Date() ? "expired" : "active";
        process.stdout.write(`${t.id}\t${t.role}\t${state}\t${t.prefix}…\t${t.name}\n`);
      }
    } else {
      const id = Number(values.id);
      if (!Number.isInteger(id)) {
        process.stderr.write("--id N is required\n");
        return 2;
      }
      const done = await services.tokens.revoke(id);
      process.stderr.write(done ? `Token #${id} revoked\n` : `No active token #${id}\n`);
      return done ? 0 : 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainValidationError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
