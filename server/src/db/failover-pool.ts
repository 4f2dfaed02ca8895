import mysql, { type Pool, type PoolConnection, type PoolOptions } from "mysql2";
import type { DatabaseHost } from "../config.js";
import { DatabaseTimeoutError, isDatabaseUnavailable } from "./unavailable.js";

export interface FailoverSettings {
  hosts: DatabaseHost[];
  /** Longest wait for one statement; past it the connection is destroyed and the statement fails (503). */
  queryTimeoutMs: number;
  /** Longest wait for a connection from a host (handshake, or a free pooled one). */
  connectTimeoutMs: number;
  /** How long a host that failed is skipped before new connections try it again. */
  hostRetryMs: number;
  /**
   * Runs once on every new connection before its first use (session settings, and refusing a
   * node that may not serve yet, e.g. a Galera node that is not Synced): a rejection makes the
   * host count as failed and the next one is tried.
   */
  prepareConnection?: (connection: PoolConnection) => Promise<void>;
  /** Told when a host is set aside and why (for the server log). */
  onHostDown?: (host: DatabaseHost, error: unknown) => void;
}

/** The codes of a host that answers but may not serve (Galera node outside the primary component). */
const NODE_NOT_READY_ERRNO = 1047;

interface HostPool {
  host: DatabaseHost;
  pool: Pool;
  /** Until this instant (ms) new connections skip the host. */
  downUntil: number;
}

/** True when this error says the node itself cannot serve (as opposed to a refusal of one statement). */
function isNodeFailure(error: unknown): boolean {
  const errno = (error as { errno?: unknown }).errno;
  return errno === NODE_NOT_READY_ERRNO || isDatabaseUnavailable(error);
}

/**
 * A mysql2-compatible pool over several hosts, handed to TypeORM as its `driver`: each connection
 * comes from the first host in DATABASE_URL's order that is not set aside, so the first host is
 * preferred and the others take over in order when it fails (and give it back once it answers
 * again). A host is set aside for `hostRetryMs` when it refuses a connection, drops one, or lets a
 * statement run past the query timeout. Statements are never moved to another host here: a lost
 * connection fails the statement (Database.transaction decides what may be retried).
 */
export class FailoverPool {
  private readonly hosts: HostPool[];
  private readonly prepared = new WeakSet<PoolConnection>();

  constructor(
    connectionOptions: PoolOptions,
    private readonly settings: FailoverSettings,
  ) {
    this.hosts = settings.hosts.map((host) => ({
      host,
      downUntil: 0,
      pool: mysql.createPool({
        ...connectionOptions,
        host: host.host,
        port: host.port,
        connectTimeout: settings.connectTimeoutMs,
        enableKeepAlive: true,
      }),
    }));
  }

  /** mysql2's `pool.getConnection(callback)`, as TypeORM calls it. */
  getConnection(callback: (error: Error | null, connection?: PoolConnection) => void): void {
    this.acquire().then(
      (connection) => callback(null, connection),
      (error: Error) => callback(error),
    );
  }

  end(callback?: (error?: Error | null) => void): void {
    Promise.all(this.hosts.map((h) => new Promise<void>((resolve) => h.pool.end(() => resolve())))).then(
      () => callback?.(null),
      (error: Error) => callback?.(error),
    );
  }

  /** Which host each new connection would go to now (for /healthz and tests). */
  currentHost(now = Date.now()): DatabaseHost {
    return (this.hosts.find((h) => h.downUntil <= now) ?? this.hosts[0])?.host as DatabaseHost;
  }

  private async acquire(): Promise<PoolConnection> {
    const now = Date.now();
    const up = this.hosts.filter((h) => h.downUntil <= now);
    // Every host set aside: try them all again in order rather than refuse outright.
    const candidates = up.length > 0 ? up : this.hosts;
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        return await this.connectionFrom(candidate);
      } catch (error) {
        if (!isNodeFailure(error)) throw error; // e.g. access denied: the same on every host
        this.setAside(candidate, error);
        lastError = error;
      }
    }
    throw lastError;
  }

  private async connectionFrom(candidate: HostPool): Promise<PoolConnection> {
    const connection = await this.poolConnection(candidate);
    if (this.prepared.has(connection)) return connection;
    try {
      this.guardQueries(candidate, connection);
      await this.settings.prepareConnection?.(connection);
      this.prepared.add(connection);
      return connection;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /**
   * A connection from the host's pool within the connect timeout plus one query timeout (a busy
   * pool frees a connection at the latest when a statement times out). A connection that arrives
   * after we gave up goes straight back.
   */
  private poolConnection(candidate: HostPool): Promise<PoolConnection> {
    const waitMs = this.settings.connectTimeoutMs + this.settings.queryTimeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new DatabaseTimeoutError(`connection to ${candidate.host.host}:${candidate.host.port}`, waitMs));
      }, waitMs);
      timer.unref();
      candidate.pool.getConnection((error, connection) => {
        clearTimeout(timer);
        if (settled) {
          connection?.release();
          return;
        }
        settled = true;
        if (error) reject(error);
        else resolve(connection);
      });
    });
  }

  /**
   * Every statement on this connection gets the query timeout; a statement that times out or
   * finds the node gone destroys the connection (a timed-out mysql2 connection would still wait
   * for the old answer) and sets the host aside.
   */
  private guardQueries(candidate: HostPool, connection: PoolConnection): void {
    const original = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    const timeout = this.settings.queryTimeoutMs;
    (connection as unknown as { query: unknown }).query = (sql: unknown, values?: unknown, callback?: unknown) => {
      const options = typeof sql === "string" ? { sql, timeout } : { timeout, ...(sql as object) };
      const done = (typeof values === "function" ? values : callback) as (error: unknown, ...rest: unknown[]) => void;
      const args = typeof values === "function" ? [] : [values];
      return original(options, ...args, (error: unknown, ...rest: unknown[]) => {
        if (error && isNodeFailure(error)) {
          this.setAside(candidate, error);
          connection.destroy();
        }
        done(error, ...rest);
      });
    };
  }

  private setAside(candidate: HostPool, error: unknown): void {
    const wasUp = candidate.downUntil <= Date.now();
    candidate.downUntil = Date.now() + this.settings.hostRetryMs;
    if (wasUp) this.settings.onHostDown?.(candidate.host, error);
  }
}

/**
 * The module TypeORM loads as its MySQL driver (`driver` option): mysql2 itself, except that
 * `createPool` builds a FailoverPool over DATABASE_URL's hosts.
 */
export function failoverDriver(settings: FailoverSettings): { createPool(options: PoolOptions): FailoverPool } & typeof mysql {
  return {
    ...mysql,
    createPool: (options: PoolOptions) => new FailoverPool(options, settings),
  } as unknown as { createPool(options: PoolOptions): FailoverPool } & typeof mysql;
}
