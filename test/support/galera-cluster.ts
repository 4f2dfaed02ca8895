import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";

const run = promisify(execFile);

/** Debian's galera-4 provider (installed with mariadb-server; `.ci/run` installs it when missing). */
export const GALERA_PROVIDER = "/usr/lib/galera/libgalera_smm.so";

/** The ports one node listens on, all on 127.0.0.1. */
export interface NodePorts {
  /** MySQL protocol (clients). */
  mysql: number;
  /** Group communication (gcomm, `base_port`). */
  gcomm: number;
  /** Incremental state transfer receiver. */
  ist: number;
  /** rsync state snapshot transfer receiver. */
  sst: number;
}

export interface NodeStatus {
  ready: boolean;
  clusterSize: number;
  state: string;
}

export interface GaleraNode {
  /** 1-based, as in node1, node2, node3. */
  readonly index: number;
  readonly ports: NodePorts;
  readonly dir: string;
  /** Whether a mariadbd process is running for this node (as far as this helper knows). */
  readonly running: boolean;
  /** `mysql://root@127.0.0.1:<port>/<database>`: the node's superuser (tests only). */
  rootUrl(database?: string): string;
  /** Starts the node (it joins the cluster, by IST or SST) and waits until it is Synced. */
  start(): Promise<void>;
  /** SIGTERM and wait for the exit: a clean leave. */
  stop(): Promise<void>;
  /** SIGKILL: the node vanishes as in a crash (no clean leave). */
  kill(): Promise<void>;
  status(): Promise<NodeStatus | null>;
  /** Runs one statement as root (no database selected unless `database`). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
}

export interface GaleraCluster {
  readonly dir: string;
  readonly nodes: GaleraNode[];
  /** The application's account (created on the cluster, replicated to every node). */
  readonly user: { name: string; password: string };
  /**
   * `DATABASE_URL` for the application: `mysql://user:pass@h1:p1,h2:p2,h3:p3/database`, the nodes
   * in `order` (1-based indexes; the first is the preferred one).
   */
  databaseUrl(database: string, order?: number[]): string;
  /** `databaseUrl` with node `index` first and the others after it, in ring order (node2 → 2,3,1). */
  urlPreferring(database: string, index: number): string;
  createDatabase(name: string): Promise<void>;
  /** Waits until every running node is Synced and sees `expectedSize` members. */
  waitUntilSynced(expectedSize?: number, timeoutMs?: number): Promise<void>;
  /** Stops every node, cleanly. */
  stop(): Promise<void>;
  /** Stops every node and removes the directory. */
  destroy(): Promise<void>;
}

export interface GaleraClusterOptions {
  size?: number;
  /** Parent directory (default: the OS temporary directory); a fresh `contracts-galera-*` is made in it. */
  parentDir?: string;
  /** Fixed ports: node i (0-based) uses base+i, base+100+i, base+200+i, base+300+i. Default: free random ports. */
  basePort?: number;
  /** Start each mariadbd detached (it outlives this process: for the command-line helper). */
  detached?: boolean;
  /** Called with progress lines (node started, synced…). */
  log?: (line: string) => void;
}

const START_TIMEOUT_MS = 180_000;

function mariadbBinary(): string {
  for (const candidate of ["/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("No mariadbd binary found (apt-get install mariadb-server)");
}

function installDbBinary(): string {
  return fs.existsSync("/usr/bin/mariadb-install-db") ? "/usr/bin/mariadb-install-db" : "mysql_install_db";
}

/** Checks what a Galera node needs on this machine, so a missing package fails with the fix. */
export function galeraMissingPieces(): string[] {
  const missing: string[] = [];
  if (!fs.existsSync(GALERA_PROVIDER)) missing.push(`galera-4 (${GALERA_PROVIDER})`);
  if (!["/usr/bin/rsync", "/bin/rsync"].some((p) => fs.existsSync(p))) missing.push("rsync");
  try {
    mariadbBinary();
  } catch {
    missing.push("mariadb-server");
  }
  return missing;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * `count` free ports below Linux's ephemeral range (32768+), so an outgoing connection's local port
 * cannot take one between the probe and the node's bind.
 */
async function freePortsBelowEphemeral(count: number): Promise<number[]> {
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < count; tries++) {
    if (tries > 2000) throw new Error("Could not find free ports for the Galera cluster");
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!chosen.has(port) && (await portIsFree(port))) chosen.add(port);
  }
  return [...chosen];
}

async function choosePorts(size: number, basePort: number | undefined): Promise<NodePorts[]> {
  if (basePort !== undefined) {
    const ports = Array.from({ length: size }, (_, i) => ({
      mysql: basePort + i,
      gcomm: basePort + 100 + i,
      ist: basePort + 200 + i,
      sst: basePort + 300 + i,
    }));
    for (const port of ports.flatMap((p) => Object.values(p))) {
      if (!(await portIsFree(port))) throw new Error(`Port ${port} on 127.0.0.1 is taken: choose another --base-port`);
    }
    return ports;
  }
  const flat = await freePortsBelowEphemeral(size * 4);
  return Array.from({ length: size }, (_, i) => ({
    mysql: flat[i * 4] as number,
    gcomm: flat[i * 4 + 1] as number,
    ist: flat[i * 4 + 2] as number,
    sst: flat[i * 4 + 3] as number,
  }));
}

/**
 * The node's configuration. Failure detection is tightened for a loopback test cluster (a killed
 * node is evicted in about 2 s instead of Galera's default 5 to 15 s, during which commits wait).
 */
function nodeConfig(dir: string, index: number, all: NodePorts[], asRoot: boolean): string {
  const own = all[index - 1] as NodePorts;
  const cluster = all.map((p) => `127.0.0.1:${p.gcomm}`).join(",");
  const provider = [
    `base_port=${own.gcomm}`,
    `ist.recv_addr=127.0.0.1:${own.ist}`,
    "gcache.size=128M",
    "evs.keepalive_period=PT0.5S",
    "evs.inactive_check_period=PT0.5S",
    "evs.suspect_timeout=PT2S",
    "evs.inactive_timeout=PT4S",
    "evs.install_timeout=PT4S",
    "gmcast.peer_timeout=PT2S",
  ].join(";");
  return [
    "[mysqld]",
    ...(asRoot ? ["user=mysql"] : []),
    `datadir=${path.join(dir, "data")}`,
    `socket=${path.join(dir, "mysqld.sock")}`,
    `pid-file=${path.join(dir, "mysqld.pid")}`,
    `log-error=${path.join(dir, "error.log")}`,
    `port=${own.mysql}`,
    "bind-address=127.0.0.1",
    "skip-name-resolve",
    "skip-log-bin",
    "binlog_format=ROW",
    "default_storage_engine=InnoDB",
    "innodb_autoinc_lock_mode=2",
    "innodb_buffer_pool_size=64M",
    "innodb_log_file_size=16M",
    "max_connections=300",
    "wsrep_on=ON",
    `wsrep_provider=${GALERA_PROVIDER}`,
    "wsrep_cluster_name=contracts-test",
    `wsrep_cluster_address=gcomm://${cluster}`,
    `wsrep_node_address=127.0.0.1:${own.gcomm}`,
    `wsrep_node_name=node${index}`,
    `wsrep_provider_options="${provider}"`,
    "wsrep_sst_method=rsync",
    `wsrep_sst_receive_address=127.0.0.1:${own.sst}`,
    "wsrep_slave_threads=2",
    "",
  ].join("\n");
}

async function chownToMysql(target: string): Promise<void> {
  await run("chown", ["-R", "mysql:mysql", target]);
}

class Node implements GaleraNode {
  private child: ChildProcess | null = null;
  private exitedEarly = false;

  constructor(
    readonly index: number,
    readonly ports: NodePorts,
    readonly dir: string,
    private readonly detached: boolean,
    private readonly log: (line: string) => void,
  ) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  rootUrl(database = ""): string {
    return `mysql://root@127.0.0.1:${this.ports.mysql}/${database}`;
  }

  async query<T>(sql: string, params: unknown[] = [], database?: string): Promise<T[]> {
    const connection = await mysql.createConnection({
      host: "127.0.0.1",
      port: this.ports.mysql,
      user: "root",
      database,
      connectTimeout: 3000,
    });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    } finally {
      await connection.end().catch(() => undefined);
    }
  }

  async status(): Promise<NodeStatus | null> {
    try {
      const rows = await this.query<{ Variable_name: string; Value: string }>(
        "SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_cluster_size', 'wsrep_local_state_comment')",
      );
      const value = (name: string) => rows.find((r) => r.Variable_name === name)?.Value ?? "";
      return {
        ready: value("wsrep_ready") === "ON",
        clusterSize: Number(value("wsrep_cluster_size")),
        state: value("wsrep_local_state_comment"),
      };
    } catch {
      return null;
    }
  }

  /** Spawns mariadbd; `bootstrap` starts a new cluster (the first node only). */
  async start(bootstrap = false): Promise<void> {
    if (this.running) return;
    const args = [`--defaults-file=${path.join(this.dir, "my.cnf")}`, ...(bootstrap ? ["--wsrep-new-cluster"] : [])];
    const child = spawn(mariadbBinary(), args, { stdio: "ignore", detached: this.detached });
    this.child = child;
    this.exitedEarly = false;
    child.once("exit", () => {
      this.exitedEarly = true;
    });
    if (this.detached) {
      child.unref();
    } else {
      // Never leave a node behind if the test process ends early.
      const killOnExit = () => child.kill("SIGKILL");
      process.once("exit", killOnExit);
      child.once("exit", () => process.off("exit", killOnExit));
    }
    await this.waitUntilSynced();
    this.log(`node${this.index} synced on 127.0.0.1:${this.ports.mysql}`);
  }

  async waitUntilSynced(expectedSize?: number, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: NodeStatus | null = null;
    while (Date.now() < deadline) {
      if (this.child && this.exitedEarly) {
        throw new Error(`node${this.index} (mariadbd) exited: see ${path.join(this.dir, "error.log")}\n${this.errorLogTail()}`);
      }
      last = await this.status();
      if (last?.ready && last.state === "Synced" && (expectedSize === undefined || last.clusterSize === expectedSize)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `node${this.index} not Synced after ${timeoutMs} ms (last status ${JSON.stringify(last)}):\n${this.errorLogTail()}`,
    );
  }

  errorLogTail(lines = 30): string {
    try {
      return fs.readFileSync(path.join(this.dir, "error.log"), "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no error log)";
    }
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      await exited;
    } else if (!child) {
      await signalPidFile(path.join(this.dir, "mysqld.pid"), signal);
    }
    this.child = null;
    // rsync daemons of an interrupted state transfer would keep the SST port.
    await killStrayRsync(this.dir);
  }
}

/** Stops a detached node by its pid file (the command-line helper's `stop`). */
async function signalPidFile(pidFile: string, signal: NodeJS.Signals): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, signal);
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 600; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** rsync daemons started by a node's SST script carry the node's directory in their command line. */
async function killStrayRsync(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return;
  }
  for (const pid of entries) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmdline.startsWith("rsync") && cmdline.includes(dir)) process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

/**
 * Starts a Galera cluster of `size` MariaDB nodes on 127.0.0.1 under a fresh temporary directory:
 * node1 bootstraps the cluster, the others join it one after the other by rsync state transfer.
 * As root, the nodes run as user `mysql` (rsync SST fails with "Permission denied" otherwise).
 */
export async function startGaleraCluster(options: GaleraClusterOptions = {}): Promise<GaleraCluster> {
  const missing = galeraMissingPieces();
  if (missing.length > 0)
    throw new Error(`Galera needs: ${missing.join(", ")} (apt-get install -y galera-4 rsync mariadb-server)`);
  const size = options.size ?? 3;
  const log = options.log ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), "contracts-galera-"));
  fs.chmodSync(dir, 0o755);
  const ports = await choosePorts(size, options.basePort);
  const nodes = ports.map((p, i) => {
    const nodeDir = path.join(dir, `node${i + 1}`);
    fs.mkdirSync(path.join(nodeDir, "data"), { recursive: true });
    fs.writeFileSync(path.join(nodeDir, "my.cnf"), nodeConfig(nodeDir, i + 1, ports, asRoot));
    return new Node(i + 1, p, nodeDir, options.detached ?? false, log);
  });
  fs.writeFileSync(path.join(dir, "cluster.json"), JSON.stringify({ ports }, null, 2));
  const user = { name: "contracts", password: randomBytes(9).toString("base64url") };

  const cluster: GaleraCluster = {
    dir,
    nodes,
    user,
    databaseUrl: (database, order = nodes.map((n) => n.index)) => {
      const hosts = order.map((i) => `127.0.0.1:${(nodes[i - 1] as Node).ports.mysql}`).join(",");
      return `mysql://${user.name}:${encodeURIComponent(user.password)}@${hosts}/${database}`;
    },
    urlPreferring: (database, index) =>
      cluster.databaseUrl(
        database,
        nodes.map((_, k) => ((index - 1 + k) % nodes.length) + 1),
      ),
    createDatabase: async (name) => {
      const node = nodes.find((n) => n.running) ?? (nodes[0] as Node);
      await node.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    },
    waitUntilSynced: async (expectedSize = nodes.filter((n) => n.running).length, timeoutMs = START_TIMEOUT_MS) => {
      for (const node of nodes.filter((n) => n.running)) await node.waitUntilSynced(expectedSize, timeoutMs);
    },
    stop: async () => {
      // The last node to leave keeps the freshest state; stopping in reverse keeps node1 last.
      for (const node of [...nodes].reverse()) await node.stop();
    },
    destroy: async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    const first = nodes[0] as Node;
    await run(
      installDbBinary(),
      [
        "--no-defaults",
        `--datadir=${path.join(first.dir, "data")}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        ...(asRoot ? ["--user=mysql"] : []),
      ],
      { timeout: 120_000 },
    );
    if (asRoot) await chownToMysql(dir);
    await first.start(true);
    // Created before the others join: the state transfer carries it to them.
    await first.query(`CREATE USER '${user.name}'@'127.0.0.1' IDENTIFIED BY ?`, [user.password]);
    await first.query(`GRANT ALL PRIVILEGES ON *.* TO '${user.name}'@'127.0.0.1'`);
    // Joiners one at a time: a donor serves one state transfer at once.
    for (const node of nodes.slice(1)) await node.start();
    await cluster.waitUntilSynced(size);
  } catch (error) {
    await cluster.stop().catch(() => undefined);
    throw error;
  }
  return cluster;
}

/** Re-attaches to a cluster started detached by the command-line helper (to stop it). */
export function clusterPorts(dir: string): NodePorts[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, "cluster.json"), "utf8")) as { ports: NodePorts[] }).ports;
}

/** Stops the nodes of a detached cluster by their pid files, node3 first. */
export async function stopDetachedCluster(dir: string): Promise<void> {
  const ports = clusterPorts(dir);
  for (let i = ports.length; i >= 1; i--) {
    const nodeDir = path.join(dir, `node${i}`);
    await signalPidFile(path.join(nodeDir, "mysqld.pid"), "SIGTERM");
    await killStrayRsync(nodeDir);
  }
}
