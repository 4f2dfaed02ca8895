import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER_ENTRY = path.join(REPO_ROOT, "test/bench/server-process.ts");
const COMPILED_ENTRY = path.join(REPO_ROOT, "dist/server/src/main.js");

/** `npm run build:server` (tsc): the JavaScript `npm start` runs. */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The node flags `npm start` runs the server with (package.json `scripts.start`, e.g. a
 * `--max-semi-space-size`), so the bench measures the server as it is deployed.
 */
export function startScriptNodeFlags(): string[] {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> }
  ).scripts;
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+\S*main\.js/.exec(scripts?.start ?? "");
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Starts watching the resident memory from now on (resets the kernel's high-water mark). */
  startMemoryWatch(): MemoryWatch;
  /** Resident set size now, in MB. */
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms (10 ms resolution). */
  cpuMs(): number;
  close(): Promise<void>;
}

export interface MemoryWatch {
  /** Peak resident set size in MB since the watch started. */
  stop(): number;
}

/**
 * Starts the real server as a child process on loopback. `compiled`: the JavaScript of
 * `npm run build:server` (dist/server/src/main.js, exactly what `npm start` runs: call
 * `buildServer()` first); otherwise test/bench/server-process.ts under the TypeScript loader (no
 * build, but the loader adds about 140 MB of RSS). `nodeArgs` go to its node (e.g. `--cpu-prof`).
 * The rate limit is lifted: the bench is one client sending many requests on purpose.
 */
export async function startServerProcess(
  databaseUrl: string,
  options: { nodeArgs?: string[]; env?: Record<string, string>; compiled?: boolean } = {},
): Promise<ServerProcess> {
  const port = options.compiled ? await freePort() : 0;
  const entry = options.compiled ? [COMPILED_ENTRY] : ["--import", "@swc-node/register/esm-register", SERVER_ENTRY];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SEED_SAMPLE_DATA: "false",
      RATE_LIMIT_PER_MINUTE: "1000000",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The server did not start within 120 s:\n${stderr}`));
    }, 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      // main.js announces itself with a banner ("listening on http://localhost:PORT").
      if (line || (options.compiled && /listening on http:\/\/localhost:\d+/.test(stdout))) {
        clearTimeout(timer);
        resolve(line ? JSON.parse(line) : { url: `http://127.0.0.1:${port}`, pid: child.pid as number });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}) before listening:\n${stderr}`));
    });
  });
  child.once("exit", (code, signal) => {
    if (!closing) process.stderr.write(`The server process exited unexpectedly (${signal ?? code}):\n${stderr}\n`);
  });
  let closing = false;
  return {
    url: ready.url,
    pid: ready.pid,
    startMemoryWatch: () => watchMemory(ready.pid),
    rssMb: () => statusKb(ready.pid, "VmRSS") / 1024,
    cpuMs: () => processCpuMs(ready.pid),
    close: () => {
      closing = true;
      return stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Peak RSS of another process: the kernel's high-water mark VmHWM, reset at the start by writing
 * 5 to /proc/PID/clear_refs, plus a sample of VmRSS every 5 ms in case the reset is not allowed
 * (then VmHWM would cover the process's whole life and is not used).
 */
function watchMemory(pid: number): MemoryWatch {
  let resetWorked = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    resetWorked = false;
  }
  let sampledKb = statusKb(pid, "VmRSS");
  const timer = setInterval(() => {
    sampledKb = Math.max(sampledKb, statusKb(pid, "VmRSS"));
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      const peakKb = Math.max(sampledKb, statusKb(pid, "VmRSS"), resetWorked ? statusKb(pid, "VmHWM") : 0);
      return peakKb / 1024;
    },
  };
}
