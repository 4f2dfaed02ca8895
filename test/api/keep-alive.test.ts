import net from "node:net";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/** A raw kept-alive connection: requests written one after the other on one socket. */
class KeptAlive {
  private buffer = "";
  private waiting: (() => void) | null = null;
  readonly closed: Promise<number>;

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
    this.closed = new Promise((resolve) => socket.once("close", () => resolve(performance.now())));
  }

  static open(url: string): Promise<KeptAlive> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => resolve(new KeptAlive(socket)));
      socket.once("error", reject);
    });
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.socket.readyState === "open";
  }

  /** Sends `GET /healthz` and resolves with the status once the whole response has arrived. */
  async health(): Promise<number> {
    this.buffer = "";
    this.socket.write("GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n");
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(this.buffer)?.[1];
      if (end >= 0 && length !== undefined && this.buffer.length >= end + 4 + Number(length)) {
        return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.buffer)?.[1]);
      }
      if (!this.isOpen) throw new Error("the server closed the kept-alive connection");
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Behind a proxy that keeps idle upstream connections longer than the server does, the proxy
 * reuses a socket the server has just closed and answers 502 (issue 16). The server keeps idle
 * connections 65 s by default, above the usual proxies' 60 s, configurable.
 */
// Nothing of the database is involved: run once, with the SQLite project. The two tests wait on
// their own servers' timers, side by side (concurrent), so the file costs one wait, not two.
describe.concurrent("HTTP keep-alive", () => {
  let defaults: TestServer;
  let short: TestServer;
  beforeAll(async () => {
    [defaults, short] = await Promise.all([
      startTestServer({ seed: false }),
      startTestServer({ seed: false, env: { KEEP_ALIVE_TIMEOUT_MS: "1000", HEADERS_TIMEOUT_MS: "2000" } }),
    ]);
  });
  afterAll(async () => {
    await defaults?.close();
    await short?.close();
  });

  it("keeps an idle connection open past Node's default 5 s, and sets 65 s / 66 s", async ({ expect }) => {
    expect(defaults.server.httpServer.keepAliveTimeout).toBe(65_000);
    expect(defaults.server.httpServer.headersTimeout).toBe(66_000);
    const connection = await KeptAlive.open(defaults.url);
    try {
      expect(await connection.health()).toBe(200);
      await sleep(5_500);
      expect(connection.isOpen).toBe(true);
      expect(await connection.health()).toBe(200);
    } finally {
      connection.destroy();
    }
  });

  it("closes an idle connection after KEEP_ALIVE_TIMEOUT_MS, not before", async ({ expect }) => {
    const connection = await KeptAlive.open(short.url);
    expect(await connection.health()).toBe(200);
    await sleep(500);
    expect(await connection.health()).toBe(200);
    const idleSince = performance.now();
    const closedAt = await connection.closed;
    expect(closedAt - idleSince).toBeGreaterThanOrEqual(950);
  });
});
