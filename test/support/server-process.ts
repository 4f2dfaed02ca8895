import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "./free-port.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The ADMIN token printed on the first start against an empty database (waits for it). */
  firstAdminToken(): Promise<string>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Resolves when the output matches `pattern` (rejects if the process ends first). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** SIGTERM, then waits for the exit (SIGKILL if it has not ended after `ms`). */
  stop(ms?: number): Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The real server as a separate process (`server/src/main.ts` run by Node as in `npm run dev`),
 * on a free port: for tests of what only a process shows (signals, exit codes, two servers on one
 * database).
 */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(databaseUrl, env);
    } catch (error) {
      // Another test may take the free port between our probe and the child's listen: try another.
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startOnce(databaseUrl: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "@swc-node/register/esm-register", "server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      RATE_LIMIT_PER_MINUTE: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const waitForOutput = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      check();
      void exited.then((code) => {
        if (!pattern.test(output)) reject(new Error(`server process exited (${code}) before printing ${pattern}:\n${output}`));
      });
    });

  await waitForOutput(/Contracts platform listening on/);
  const tokenLine = /^ {2}(ctp_\S+)$/m;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    firstAdminToken: async () => {
      await waitForOutput(tokenLine);
      return tokenLine.exec(output)?.[1] as string;
    },
    output: () => output,
    exited,
    waitForOutput,
    stop: async (ms = 20_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      child.kill("SIGTERM");
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
