import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseDatabaseUrl } from "../../server/src/config.js";

describe("DATABASE_URL", () => {
  it("takes one MySQL host, port 3306 when omitted", () => {
    expect(parseDatabaseUrl("mysql://contracts:s3cret@db.internal/contracts")).toEqual({
      kind: "mysql",
      url: "mysql://contracts:s3cret@db.internal:3306/contracts",
      database: "contracts",
      hosts: [{ host: "db.internal", port: 3306 }],
      user: "contracts",
      password: "s3cret",
    });
  });

  it("takes several hosts, in the order given (the first is preferred), e.g. the nodes of a Galera cluster", () => {
    const target = parseDatabaseUrl("mysql://app:p%40ss%3Aword@h1:3306,h2:3307,[::1]:3308,h4/db");
    expect(target).toMatchObject({
      kind: "mysql",
      database: "db",
      user: "app",
      password: "p@ss:word",
      hosts: [
        { host: "h1", port: 3306 },
        { host: "h2", port: 3307 },
        { host: "::1", port: 3308 },
        { host: "h4", port: 3306 },
      ],
      // Tools that open one connection get the first host.
      url: "mysql://app:p%40ss%3Aword@h1:3306/db",
    });
    expect(parseDatabaseUrl("mariadb://root@127.0.0.1:43306,127.0.0.1:43307/contracts")).toMatchObject({
      user: "root",
      password: "",
      hosts: [
        { host: "127.0.0.1", port: 43306 },
        { host: "127.0.0.1", port: 43307 },
      ],
    });
  });

  it.each([
    ["mysql://u:p@h1:3306,h2:3306/", /must name a database/],
    ["mysql://u:p@h1:3306,,h2/db", /"" is not a host\[:port\]/],
    ["mysql://u:p@h1:99999/db", /"h1:99999" is not a host\[:port\]/],
    ["mysql://u:p@h1:33a/db", /"h1:33a" is not a host\[:port\]/],
    ["postgres://h/db", /must be mysql:\/\//],
  ])("refuses %s", (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });
});

describe("timeouts", () => {
  it("keeps idle connections open past common proxies' idle timeouts by default (65 s, headers 66 s)", () => {
    const { http, databaseTimeouts } = loadConfig({});
    expect(http).toEqual({ keepAliveTimeoutMs: 65_000, headersTimeoutMs: 66_000 });
    expect(databaseTimeouts).toEqual({ queryMs: 5_000, connectMs: 3_000, hostRetryMs: 5_000, sqliteLockWaitMs: 5_000 });
  });

  it("takes KEEP_ALIVE_TIMEOUT_MS and HEADERS_TIMEOUT_MS, and refuses headers that would time out first", () => {
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: "120000" }).http).toEqual({
      keepAliveTimeoutMs: 120_000,
      headersTimeoutMs: 121_000,
    });
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: "75000", HEADERS_TIMEOUT_MS: "90000" }).http.headersTimeoutMs).toBe(90_000);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: "75000", HEADERS_TIMEOUT_MS: "75000" })).toThrow(
      /must be above KEEP_ALIVE_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ DATABASE_QUERY_TIMEOUT_MS: "0" })).toThrow(/DATABASE_QUERY_TIMEOUT_MS must be an integer/);
  });

  it("reads REDIS_URL when set", () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: " redis://127.0.0.1:6379/0 " }).redisUrl).toBe("redis://127.0.0.1:6379/0");
  });

  it("counts the rate limit in Redis when set, else in a MySQL database, else in memory; RATE_LIMIT_STORE overrides", () => {
    const mysql = "mysql://u:p@h1,h2/db";
    expect(loadConfig({}).rateLimitStore).toBe("memory");
    expect(loadConfig({ DATABASE_URL: mysql }).rateLimitStore).toBe("database");
    expect(loadConfig({ DATABASE_URL: mysql, REDIS_URL: "redis://r" }).rateLimitStore).toBe("redis");
    expect(loadConfig({ REDIS_URL: "redis://r" }).rateLimitStore).toBe("redis");
    expect(loadConfig({ DATABASE_URL: mysql, RATE_LIMIT_STORE: "memory" }).rateLimitStore).toBe("memory");
    expect(() => loadConfig({ RATE_LIMIT_STORE: "database" })).toThrow(/needs a MySQL DATABASE_URL/);
    expect(() => loadConfig({ RATE_LIMIT_STORE: "redis" })).toThrow(/needs REDIS_URL/);
    expect(() => loadConfig({ RATE_LIMIT_STORE: "disk" })).toThrow(/must be redis, database or memory/);
  });
});
