/**
 * Try the server on a 3-node MariaDB Galera cluster on this machine (docs/operations.md, "Running
 * on several machines"):
 *
 *   npm run galera -- start [--base-port 43306] [--size 3]   prints the directory and a DATABASE_URL
 *   npm run galera -- status DIR
 *   npm run galera -- stop DIR                                  stops the nodes and removes DIR
 *
 * The nodes run in the background (as user `mysql` when started by root) until `stop`.
 */
import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { clusterPorts, startGaleraCluster, stopDetachedCluster } from "./galera-cluster.js";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "start") {
    const basePort = option(rest, "--base-port");
    const size = option(rest, "--size");
    const cluster = await startGaleraCluster({
      detached: true,
      basePort: basePort === undefined ? 43306 : Number(basePort),
      size: size === undefined ? 3 : Number(size),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await cluster.createDatabase("contracts");
    fs.writeFileSync(path.join(cluster.dir, "database-url"), `${cluster.databaseUrl("contracts")}\n`, { mode: 0o600 });
    process.stdout.write(
      [
        `Galera cluster of ${cluster.nodes.length} nodes running under ${cluster.dir}`,
        ...cluster.nodes.map((n) => `  node${n.index}: 127.0.0.1:${n.ports.mysql} (log ${path.join(n.dir, "error.log")})`),
        "Start servers on it, one per node (the first host is each one's preferred node):",
        ...cluster.nodes.map(
          (n) => `  DATABASE_URL='${cluster.urlPreferring("contracts", n.index)}' PORT=${4000 + n.index} npm run dev`,
        ),
        `Stop it: npm run galera -- stop ${cluster.dir}`,
        "",
      ].join("\n"),
    );
    return 0;
  }
  if (command === "status" && rest[0]) {
    for (const [i, ports] of clusterPorts(rest[0]).entries()) {
      try {
        const connection = await mysql.createConnection({
          host: "127.0.0.1",
          port: ports.mysql,
          user: "root",
          connectTimeout: 2000,
        });
        const [rows] = await connection.query(
          "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_ready')",
        );
        await connection.end();
        const status = Object.fromEntries(
          (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
        );
        process.stdout.write(`node${i + 1} 127.0.0.1:${ports.mysql} ${JSON.stringify(status)}\n`);
      } catch (error) {
        process.stdout.write(`node${i + 1} 127.0.0.1:${ports.mysql} down (${(error as Error).message})\n`);
      }
    }
    return 0;
  }
  if (command === "stop" && rest[0]) {
    await stopDetachedCluster(rest[0]);
    fs.rmSync(rest[0], { recursive: true, force: true });
    process.stdout.write(`stopped and removed ${rest[0]}\n`);
    return 0;
  }
  process.stderr.write("usage: npm run galera -- start [--base-port 43306] [--size 3] | status DIR | stop DIR\n");
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
