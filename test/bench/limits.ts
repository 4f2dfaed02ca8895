import os from "node:os";
import { parseIntOptions } from "./options.js";
import { ACCEPTED_TARGET_MS, formatLimitsTable, runLimits } from "./run-limits.js";

/**
 * `npm run bench:limits [-- --contracts N --customers N --reps N]`
 * The costliest documents the GraphQL limits accept, each at the largest size its estimated cost
 * allows (test/bench/limits-catalogue.ts), sent to the real server on a generated book: wall
 * time, server CPU and the slowest concurrent `/healthz`; then the next size up and the issue's
 * refusals (100 aliases of renewalSchedule, 90 of __schema), which must be refused. Prints a
 * table and, last, one JSON line (LimitsResult). Exits 1 when a catalogue document is not
 * accepted, a refusal is not refused, or an accepted document takes over 2 s (with the machine's
 * load beside it: the machine may be shared).
 * DATABASE_URL=mysql://… or sqlite:PATH: that database, kept, and reused when it already holds
 * contracts (a second run skips the generation); otherwise a temporary SQLite file.
 */
const options = parseIntOptions(process.argv.slice(2), { contracts: 100_000, customers: 3_000, reps: 3 });
const envUrl = process.env.DATABASE_URL;
const databaseUrl = envUrl && /^(mysql|mariadb|sqlite):/.test(envUrl) ? envUrl : undefined;

const result = await runLimits({
  contracts: options.contracts as number,
  customers: options.customers as number,
  reps: options.reps as number,
  databaseUrl,
  compiled: true,
  log: (line) => console.log(line),
});
console.log(`\n${formatLimitsTable(result)}\n`);
const slow = result.documents.filter((d) => d.accepted && d.ms > ACCEPTED_TARGET_MS);
if (!result.behaviourOk) {
  console.error("FAILED: a catalogue document was not accepted, or a document over the limits was not refused.");
  process.exitCode = 1;
}
if (slow.length > 0) {
  console.error(
    `FAILED: accepted documents over ${ACCEPTED_TARGET_MS} ms: ${slow.map((d) => `${d.name} (${Math.round(d.ms)} ms)`).join(", ")}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${os.cpus().length} CPUs.`,
  );
  process.exitCode = 1;
}
console.log(JSON.stringify(result));
