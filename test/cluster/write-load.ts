import type { ServerProcess } from "../support/server-process.js";

export interface WriteLoadOptions {
  servers: ServerProcess[];
  token: string;
  workersPerServer: number;
  /** Load before the node is killed, then with the node down, then after it is back (Synced). */
  beforeLossMs: number;
  lossMs: number;
  afterRestartMs: number;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

interface ServerFigures {
  requests: number;
  acknowledged: number;
  /** Answers other than 200 (each retried by the client). */
  failed: number;
  acknowledgedAfterLoss: number;
  slowestMs: number;
}

export interface WriteLoadReport {
  /** Names of the customers whose creation was answered 200. */
  acknowledged: string[];
  figures: {
    requests: number;
    acknowledged: number;
    /** Errors clients saw, by HTTP status and code, from the kill until the load ended. */
    errorsSeen: Record<string, number>;
    /** Failures that are not a 503 with Retry-After (should be none). */
    unexpected: string[];
    byServer: ServerFigures[];
    /** Whether CustomerInput takes an idempotency key (then a retried write is never stored twice). */
    idempotencyKeys: boolean;
    /** Writes retried after an answer that left their outcome unknown (503 or lost connection). */
    retriedAfterUnknownOutcome: number;
    /** Most names that may be stored twice: 0 with idempotency keys, else the retries of unknown outcome. */
    maxDuplicates: number;
    killAfterMs: number;
    nodeBackAfterMs: number;
    durationMs: number;
  };
}

const CREATE = "mutation($input: CustomerInput!) { createCustomer(input: $input) { id name } }";

/**
 * Clients creating customers (unique names) through every server, as fast as each answers, while
 * a node is killed and restarted. A client whose request fails retries the same write after a
 * short pause (with the same idempotency key when the API takes one), as a real client following
 * `Retry-After` would, and never gives up within the test.
 */
export async function runWriteLoad(options: WriteLoadOptions): Promise<WriteLoadReport> {
  const { servers, token } = options;
  const idempotencyKeys = await customerInputTakesKey(servers[0] as ServerProcess, token);
  const started = Date.now();
  let killAt = Number.POSITIVE_INFINITY;
  let stop = false;
  const acknowledged: string[] = [];
  const errorsSeen: Record<string, number> = {};
  const unexpected: string[] = [];
  let retriedAfterUnknownOutcome = 0;
  const byServer: ServerFigures[] = servers.map(() => ({
    requests: 0,
    acknowledged: 0,
    failed: 0,
    acknowledgedAfterLoss: 0,
    slowestMs: 0,
  }));

  const worker = async (serverIndex: number, workerIndex: number) => {
    const server = servers[serverIndex] as ServerProcess;
    const figures = byServer[serverIndex] as ServerFigures;
    for (let seq = 0; !stop; seq++) {
      const name = `load ${serverIndex + 1}-${workerIndex}-${seq}`;
      const input = { name, category: "OTHER", ...(idempotencyKeys ? { idempotencyKey: name } : {}) };
      let unknownOutcome = false;
      for (;;) {
        const sentAt = Date.now();
        figures.requests += 1;
        let label: string;
        try {
          const response = await fetch(`${server.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: CREATE, variables: { input } }),
            signal: AbortSignal.timeout(20_000),
          });
          const body = (await response.json()) as {
            data?: { createCustomer?: { name: string } };
            errors?: { extensions?: { code?: string } }[];
          };
          figures.slowestMs = Math.max(figures.slowestMs, Date.now() - sentAt);
          if (response.status === 200 && body.data?.createCustomer?.name === name) {
            acknowledged.push(name);
            figures.acknowledged += 1;
            if (sentAt > killAt) figures.acknowledgedAfterLoss += 1;
            if (unknownOutcome) retriedAfterUnknownOutcome += 1;
            break;
          }
          const code = body.errors?.[0]?.extensions?.code ?? "none";
          label = `${response.status} ${code}`;
          if (response.status !== 503 || !response.headers.get("retry-after"))
            unexpected.push(`server${serverIndex + 1}: ${label}`);
        } catch (error) {
          label = `no answer (${(error as Error).name})`;
          unexpected.push(`server${serverIndex + 1}: ${label}`);
        }
        figures.failed += 1;
        unknownOutcome = true;
        if (Date.now() >= killAt) errorsSeen[label] = (errorsSeen[label] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };

  const workers = servers.flatMap((_, s) => Array.from({ length: options.workersPerServer }, (_, w) => worker(s, w)));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(options.beforeLossMs);
  killAt = Date.now();
  await options.kill();
  await sleep(options.lossMs);
  await options.restart();
  const backAt = Date.now();
  await sleep(options.afterRestartMs);
  stop = true;
  await Promise.all(workers);

  return {
    acknowledged,
    figures: {
      requests: byServer.reduce((sum, s) => sum + s.requests, 0),
      acknowledged: acknowledged.length,
      errorsSeen,
      unexpected,
      byServer,
      idempotencyKeys,
      retriedAfterUnknownOutcome,
      maxDuplicates: idempotencyKeys ? 0 : retriedAfterUnknownOutcome,
      killAfterMs: killAt - started,
      nodeBackAfterMs: backAt - started,
      durationMs: Date.now() - started,
    },
  };
}

async function customerInputTakesKey(server: ServerProcess, token: string): Promise<boolean> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __type(name: "CustomerInput") { inputFields { name } } }' }),
  });
  const body = (await response.json()) as { data?: { __type?: { inputFields: { name: string }[] } } };
  return body.data?.__type?.inputFields.some((field) => field.name === "idempotencyKey") ?? false;
}
