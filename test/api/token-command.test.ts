import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const run = promisify(execFile);

describe(`npm run token (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("prints a working token and nothing else on stdout with npm run -s, for the database named by DATABASE_URL", async () => {
    const { stdout } = await run("npm", ["run", "-s", "token", "--", "create", "--role", "FINANCE", "--name", "from the CLI"], {
      env: { ...process.env, DATABASE_URL: server.db.url },
    });
    expect(stdout).toMatch(/^ctp_[A-Za-z0-9_-]{43}\n$/);
    const response = await server.gql(stdout.trim(), "{ me { name role } }");
    expect(response.data).toEqual({ me: { name: "from the CLI", role: "FINANCE" } });
  });

  it("prints the token as the last line of stdout under npm's normal output, after npm's own banner only", async () => {
    const { stdout } = await run("npm", ["run", "token", "--", "create", "--role", "SALES", "--name", "banner"], {
      env: { ...process.env, DATABASE_URL: server.db.url, npm_config_loglevel: "notice" },
    });
    const lines = stdout.trimEnd().split("\n");
    const token = lines.at(-1) ?? "";
    expect(token).toMatch(/^ctp_[A-Za-z0-9_-]{43}$/);
    // Everything before it is npm's "> package script" banner, nothing of ours.
    expect(lines.slice(0, -1).filter((line) => line !== "" && !line.startsWith("> "))).toEqual([]);
    expect((await server.gql(token, "{ me { role } }")).data).toEqual({ me: { role: "SALES" } });
  });

  it("refuses an unknown role with a message on stderr and a non-zero exit", async () => {
    const failure = await run("npm", ["run", "-s", "token", "--", "create", "--role", "GOD", "--name", "x"], {
      env: { ...process.env, DATABASE_URL: server.db.url },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(2);
    expect((failure as { stdout: string }).stdout).toBe("");
    expect((failure as { stderr: string }).stderr).toMatch(/role: must be one of ADMIN, SALES, FINANCE, TECHNICIAN, INTEGRATOR/);
  });
});
