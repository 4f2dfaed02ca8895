import os from "node:os";
import path from "node:path";
import { parseIntOptions } from "./options.js";
import { formatLoadTable, runLoad } from "./run-load.js";

/**
 * `npm run load [-- --contracts N --customers N --duration S --connections N --cpu-prof]`
 * A mixed read workload (autocannon) against the real server on loopback over a generated
 * dataset: throughput and latency per operation; then the small reads again while one client
 * pulls the whole 12-month schedule (their p99 printed separately, `mixedP99Ms`); then one JSON line. Exits 1 when any request
 * failed (non-2xx, connection error or GraphQL error). DATABASE_URL=mysql://… uses MySQL/MariaDB
 * (an empty database); otherwise a temporary SQLite file.
 */
const options = parseIntOptions(process.argv.slice(2), { contracts: 10_000, customers: 500, duration: 10, connections: 10 }, [
  "cpu-prof",
]);
if ((options.duration as number) < 1) throw new Error("--duration must be at least 1 second");
const envUrl = process.env.DATABASE_URL;
const databaseUrl = envUrl && /^(mysql|mariadb):\/\//.test(envUrl) ? envUrl : undefined;

const result = await runLoad({
  contracts: options.contracts as number,
  customers: options.customers as number,
  duration: options.duration as number,
  connections: options.connections as number,
  databaseUrl,
  cpuProfileDir: options["cpu-prof"] ? path.join(os.tmpdir(), "contracts-bench-profiles") : undefined,
  log: (line) => console.log(line),
});
console.log(`\n${formatLoadTable(result)}\n`);
for (const op of [...result.operations, ...result.mixed.operations]) {
  if (op.firstError) console.log(`${op.operation}: ${op.errors} errors, first: ${op.firstError}`);
}
if (options["cpu-prof"])
  console.log(`CPU profile of the server written to ${path.join(os.tmpdir(), "contracts-bench-profiles")}`);
console.log(JSON.stringify(result));
process.exitCode = result.errors > 0 ? 1 : 0;
