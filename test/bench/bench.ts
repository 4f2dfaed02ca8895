import os from "node:os";
import path from "node:path";
import { parseIntOptions } from "./options.js";
import { DEFAULT_PAGE_SIZE, formatBenchTable, runBench } from "./run-bench.js";

/**
 * `npm run bench [-- --contracts N --customers N --reps N --page-size N --semi-space MB --mixed-seconds S
 *   --excel-rows N --cpu-prof]` (the server is built and run as `npm start` runs it: dist/;
 * `--mixed-seconds`: small reads measured while one client pulls the whole schedule, 0 to skip;
 * `--excel-rows`: schedule events written into the Excel fake by the add-in's writer, 0 to skip.)
 * (`--semi-space 64` runs the server with node's `--max-semi-space-size=64`: a larger young
 * generation, which GraphQL's many short-lived objects per field make worth it.)
 * Prints progress, a readable table, and as its last line one JSON object (see BenchResult).
 * Exits 1 when the GraphQL side and the raw-SQL floor do not return the very same events.
 * DATABASE_URL=mysql://… benchmarks MySQL/MariaDB (an empty database); otherwise a fresh SQLite
 * file in a temporary directory is used, never data/contracts.sqlite.
 */
const options = parseIntOptions(
  process.argv.slice(2),
  {
    contracts: 100_000,
    customers: 3_000,
    reps: 5,
    "page-size": DEFAULT_PAGE_SIZE,
    "semi-space": 0,
    "mixed-seconds": 10,
    "excel-rows": 100_000,
  },
  ["cpu-prof"],
);
const envUrl = process.env.DATABASE_URL;
const databaseUrl = envUrl && /^(mysql|mariadb):\/\//.test(envUrl) ? envUrl : undefined;
if (envUrl && !databaseUrl) console.log(`DATABASE_URL is not a MySQL URL: using a temporary SQLite file instead.`);
const profileDir = options["cpu-prof"] ? path.join(os.tmpdir(), "contracts-bench-profiles") : undefined;

const result = await runBench({
  contracts: options.contracts as number,
  customers: options.customers as number,
  reps: options.reps as number,
  pageSize: options["page-size"],
  databaseUrl,
  cpuProfileDir: profileDir,
  compiled: true,
  mixedSeconds: options["mixed-seconds"],
  excelRows: options["excel-rows"],
  serverNodeFlags: options["semi-space"] ? [`--max-semi-space-size=${options["semi-space"]}`] : [],
  log: (line) => console.log(line),
});
console.log(`\n${formatBenchTable(result)}\n`);
if (profileDir) console.log(`CPU profile of the server written to ${profileDir}\n`);
console.log(JSON.stringify(result));
if (!result.sameEvents) {
  // The two sides computed different schedules: their times do not compare the same work.
  console.error("FAILED: the GraphQL schedule and the raw-SQL floor returned different events (sameEvents: false).");
  process.exitCode = 1;
}
