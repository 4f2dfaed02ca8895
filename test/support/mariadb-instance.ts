import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

export interface MariadbInstance {
  /** `mysql://root@127.0.0.1:<port>/` (no database: create one with `createDatabase`). */
  serverUrl: string;
  port: number;
  createDatabase(name: string): Promise<string>;
  /** Starts (again) on the same port and data directory, and waits until it answers. */
  start(): Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /**
   * SIGSTOP: the server keeps its sockets (the kernel still accepts connections) but answers
   * nothing, like a database that hangs; `resume()` sends SIGCONT. Resolves once every thread of
   * the process is stopped: the kernel stops them one by one, and on a loaded machine a thread
   * could still answer a statement sent right after kill() returned.
   */
  freeze(): Promise<void>;
  resume(): void;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
}

/** True when every thread of the process is in state T (stopped), read from /proc. */
function allThreadsStopped(pid: number): boolean {
  const tasks = fs.readdirSync(`/proc/${pid}/task`);
  return tasks.every((task) => {
    try {
      // The state is the field after the parenthesised command name.
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "T";
    } catch {
      return true; // the thread ended
    }
  });
}

function mariadbBinary(): string {
  for (const candidate of ["/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("No mariadbd binary found (apt-get install mariadb-server)");
}

/**
 * A private MariaDB server for one test: its own data directory and port, so the test can stop and
 * restart it without touching the shared server. Runs with --skip-grant-tables (root, no password,
 * bound to 127.0.0.1 only): throwaway data, never reachable from outside.
 */
export async function startPrivateMariadb(): Promise<MariadbInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contracts-mariadb-"));
  const dataDir = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const userArgs = asRoot ? ["--user=root"] : [];
  await run(
    fs.existsSync("/usr/bin/mariadb-install-db") ? "/usr/bin/mariadb-install-db" : "mysql_install_db",
    ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...userArgs],
    { timeout: 120_000 },
  );
  const port = await freePort();
  const serverUrl = `mysql://root@127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;

  const answers = async () => {
    try {
      const connection = await mysql.createConnection({ uri: serverUrl, connectTimeout: 1000 });
      await connection.query("SELECT 1");
      await connection.end();
      return true;
    } catch {
      return false;
    }
  };

  const start = async () => {
    const mariadbd = spawn(
      mariadbBinary(),
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        `--port=${port}`,
        `--socket=${path.join(dir, "mariadb.sock")}`,
        `--pid-file=${path.join(dir, "mariadb.pid")}`,
        `--log-error=${path.join(dir, "error.log")}`,
        "--bind-address=127.0.0.1",
        "--skip-grant-tables",
        "--skip-name-resolve",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=32M",
        ...userArgs,
      ],
      { stdio: "ignore" },
    );
    child = mariadbd;
    // Never leave a server behind if the test process ends early.
    const killOnExit = () => mariadbd.kill("SIGKILL");
    process.once("exit", killOnExit);
    mariadbd.once("exit", () => process.off("exit", killOnExit));
    let exited = false;
    mariadbd.once("exit", () => {
      exited = true;
    });
    for (let attempt = 0; attempt < 300; attempt++) {
      if (exited) throw new Error(`mariadbd exited at start: see ${path.join(dir, "error.log")}`);
      if (await answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("mariadbd did not answer within 30 s");
  };

  const stop = async () => {
    const mariadbd = child;
    child = null;
    if (!mariadbd || mariadbd.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      mariadbd.once("exit", () => resolve());
      mariadbd.kill("SIGTERM");
    });
  };

  await start();
  return {
    serverUrl,
    port,
    start,
    stop,
    freeze: async () => {
      const mariadbd = child as ChildProcess | null;
      if (!mariadbd?.pid || !mariadbd.kill("SIGSTOP")) throw new Error("mariadbd is not running");
      for (let attempt = 0; !allThreadsStopped(mariadbd.pid); attempt++) {
        if (attempt >= 500) throw new Error("mariadbd did not stop within 5 s of SIGSTOP");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    resume: () => {
      (child as ChildProcess | null)?.kill("SIGCONT");
    },
    createDatabase: async (name) => {
      const connection = await mysql.createConnection({ uri: serverUrl });
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await connection.end();
      return `${serverUrl}${name}`;
    },
    destroy: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
