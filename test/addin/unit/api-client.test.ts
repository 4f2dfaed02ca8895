import { describe, expect, it } from "vitest";
import { ApiError, createClient, graphqlEndpoint, retryAfterSeconds, toApiError } from "../../../addin/src/api/client.js";
import type { RenewalEvent } from "../../../addin/src/api/operations.js";
import { fetchRenewalSchedule } from "../../../addin/src/api/schedule.js";
import { PortingBatcher } from "../../../addin/src/functions/porting-batch.js";
import { translator } from "../../../addin/src/taskpane/i18n.js";
import { describeError } from "../../../addin/src/taskpane/messages.js";

type Handler = (body: { query: string; variables: Record<string, unknown> }, init: RequestInit) => Response | Promise<Response>;

function fakeFetch(handler: Handler) {
  const calls: Array<{
    url: string;
    body: { query: string; variables: Record<string, unknown> };
    headers: Record<string, string>;
  }> = [];
  const fn = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, body, headers: init.headers as Record<string, string> });
    return handler(body, init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("GraphQL client", () => {
  it("POSTs to <server>/graphql with the bearer token", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { data: { me: { name: "Alice", role: "SALES" } } }));
    const client = createClient({ serverUrl: "https://srv.example/", token: "tok", fetch: fn });
    await expect(client.request("{ me { name role } }")).resolves.toEqual({ me: { name: "Alice", role: "SALES" } });
    expect(calls[0]?.url).toBe("https://srv.example/graphql");
    expect(calls[0]?.headers.authorization).toBe("Bearer tok");
    expect(graphqlEndpoint("https://x/graphql")).toBe("https://x/graphql");
  });

  it.each([
    ["UNAUTHENTICATED", json(401, { errors: [{ message: "bad token", extensions: { code: "UNAUTHENTICATED" } }] })],
    ["UNAUTHENTICATED", json(401, {})],
    ["FORBIDDEN", json(200, { errors: [{ message: "no", extensions: { code: "FORBIDDEN" } }], data: null })],
    ["CONFLICT", json(200, { errors: [{ message: "stale", extensions: { code: "CONFLICT" } }], data: null })],
    ["NETWORK", new Response("<html>Bad gateway</html>", { status: 502 })],
    ["SERVER", json(500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] })],
  ] as const)("maps %s", async (kind, response) => {
    const client = createClient({ serverUrl: "https://s", token: "t", fetch: (async () => response) as unknown as typeof fetch });
    await expect(client.request("{ me { name } }")).rejects.toMatchObject({ kind });
  });

  it("keeps the fields of a BAD_USER_INPUT error", async () => {
    const fields = [{ field: "lines[1].quantity", message: "must be at least 1" }];
    const { fn } = fakeFetch(() =>
      json(200, { errors: [{ message: "Invalid input", extensions: { code: "BAD_USER_INPUT", fields } }], data: null }),
    );
    const error = await createClient({ serverUrl: "https://s", token: "t", fetch: fn })
      .request<never>("mutation { x }")
      .catch((e: unknown) => e as ApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe("BAD_USER_INPUT");
    expect(error.fields).toEqual(fields);
    expect(describeError(error, translator("fr"), { serverUrl: "https://s" })).toBe(
      "Le serveur a refusé ces valeurs :\n• Ligne 2 · Quantité : must be at least 1",
    );
  });

  it("reports an unreachable server as NETWORK, and a cancel as ABORTED", async () => {
    const refused = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const error = await createClient({ serverUrl: "https://down.example", token: "t", fetch: refused })
      .request<never>("{ a }")
      .catch((e: unknown) => e as ApiError);
    expect(error.kind).toBe("NETWORK");
    expect(describeError(error, translator("en"), { serverUrl: "https://down.example" })).toBe(
      "Server unreachable (https://down.example): check the server address and your connection.",
    );
    const aborted = (async () => {
      throw new DOMException("aborted", "AbortError");
    }) as unknown as typeof fetch;
    await expect(createClient({ serverUrl: "https://s", token: "t", fetch: aborted }).request("{ a }")).rejects.toMatchObject({
      kind: "ABORTED",
    });
  });

  it("words each error for people, in French and English", () => {
    const fr = translator("fr");
    expect(describeError(new ApiError("UNAUTHENTICATED", "x"), fr, {})).toBe(
      "Jeton d'API refusé par le serveur (inconnu, révoqué ou expiré) : vérifiez-le dans l'onglet Connexion.",
    );
    expect(describeError(new ApiError("FORBIDDEN", "x"), translator("en"), { role: "FINANCE" })).toBe(
      "Your token (FINANCE) does not allow this.",
    );
    // The server's own words are shown; the client's technical notes and the pane's own faults are not.
    expect(describeError(toApiError([{ message: "Erreur interne (réf. 42)" }], 500), fr, {})).toBe(
      "Erreur du serveur : Erreur interne (réf. 42)",
    );
    expect(describeError(new ApiError("SERVER", "unexpected response (HTTP 500)", [], 500), fr, {})).toBe(
      "Le serveur a répondu de façon inattendue : réessayez ; si cela se reproduit, prévenez le support.",
    );
    expect(describeError(new TypeError("Cannot read properties of undefined"), fr, {})).toBe(
      "Erreur inattendue dans le volet : réessayez ; si elle se reproduit, prévenez le support.",
    );
  });
});

describe("GraphQL client: language, timeout, rate limit", () => {
  it("sends the pane's language as Accept-Language on every request", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { data: { me: { name: "A", role: "SALES" } } }));
    await createClient({ serverUrl: "https://s", token: "t", language: "fr-FR", fetch: fn }).request("{ me { name } }");
    expect(calls[0]?.headers["accept-language"]).toBe("fr-FR");
  });

  it("gives up after the timeout (TIMEOUT), and a cancel stays ABORTED", async () => {
    // A server that never answers: the request ends only when its signal aborts.
    const silent = ((_: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      })) as unknown as typeof fetch;
    const error = await createClient({ serverUrl: "https://s", token: "t", timeoutMs: 30, fetch: silent })
      .request("{ a }")
      .catch((e: unknown) => e as ApiError);
    expect(error).toMatchObject({ kind: "TIMEOUT", timeoutMs: 30 });
    expect(describeError(error, translator("fr"), {})).toBe(
      "Le serveur n'a pas répondu en 0 s : réessayez. Si cela se reproduit, vérifiez votre connexion.",
    );
    expect(describeError(new ApiError("TIMEOUT", "x", [], null, { timeoutMs: 20_000 }), translator("en"), {})).toBe(
      "The server did not answer within 20 s: try again. If it happens again, check your connection.",
    );
    const controller = new AbortController();
    const pending = createClient({ serverUrl: "https://s", token: "t", timeoutMs: 10_000, fetch: silent }).request(
      "{ a }",
      {},
      {
        signal: controller.signal,
      },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "ABORTED" });
  });

  it("reads how long to wait from a 429's Retry-After (seconds or a date)", async () => {
    const limited = new Response(
      JSON.stringify({ errors: [{ message: "Too many requests", extensions: { code: "RATE_LIMITED", retryAfterSeconds: 9 } }] }),
      { status: 429, headers: { "content-type": "application/json", "retry-after": "42" } },
    );
    const error = await createClient({
      serverUrl: "https://s",
      token: "t",
      fetch: (async () => limited) as unknown as typeof fetch,
    })
      .request("{ a }")
      .catch((e: unknown) => e as ApiError);
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfterSeconds: 42 });
    expect(describeError(error, translator("fr"), {})).toBe("Trop de demandes : attendez 42 s avant de réessayer.");
    // Without the header, the body's figure; without either, "a minute".
    expect(toApiError([{ extensions: { code: "RATE_LIMITED", retryAfterSeconds: 9 } }], 429)).toMatchObject({
      retryAfterSeconds: 9,
    });
    expect(describeError(toApiError([{ message: "x" }], 429), translator("en"), {})).toBe(
      "Too many requests: wait a minute before trying again.",
    );
    expect(retryAfterSeconds("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(30);
    expect(retryAfterSeconds("soon")).toBeNull();
  });

  it("reports a database outage (503) as UNAVAILABLE and an unknown record as NOT_FOUND", async () => {
    const outage = json(503, {
      errors: [{ message: "The database is unavailable", extensions: { code: "DATABASE_UNAVAILABLE" } }],
    });
    await expect(
      createClient({ serverUrl: "https://s", token: "t", fetch: (async () => outage) as unknown as typeof fetch }).request(
        "{ a }",
      ),
    ).rejects.toMatchObject({ kind: "UNAVAILABLE" });
    expect(toApiError([{ message: "no", extensions: { code: "NOT_FOUND" } }], 200).kind).toBe("NOT_FOUND");
    expect(describeError(new ApiError("UNAVAILABLE", "x"), translator("fr"), {})).toBe(
      "Le serveur est momentanément indisponible : réessayez dans quelques secondes.",
    );
  });
});

describe("renewal schedule pagination", () => {
  it("follows the cursor page by page and reports progress", async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ contractId: `C${i}` }) as RenewalEvent);
    const { fn, calls } = fakeFetch(({ variables }) => {
      const start = variables.after ? Number(variables.after) : 0;
      const first = Number(variables.first);
      const events = all.slice(start, start + first);
      const end = start + events.length;
      return json(200, { data: { renewalSchedule: { totalCount: 5, events, endCursor: String(end), hasNextPage: end < 5 } } });
    });
    const progress: Array<[number, number]> = [];
    const client = createClient({ serverUrl: "https://s", token: "t", fetch: fn });
    const events = await fetchRenewalSchedule(
      client,
      { from: "2025-01-01", to: "2025-12-31", families: ["BACKUP"] },
      { pageSize: 2, onPage: (l, t) => progress.push([l, t]) },
    );
    expect(events.map((e) => e.contractId)).toEqual(["C0", "C1", "C2", "C3", "C4"]);
    expect(calls.map((c) => c.body.variables.after)).toEqual([null, "2", "4"]);
    expect(calls[0]?.body.variables).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
      families: ["BACKUP"],
      customerId: null,
      first: 2,
    });
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it("stops on a cursor that does not advance instead of looping", async () => {
    const { fn } = fakeFetch(() =>
      json(200, {
        data: { renewalSchedule: { totalCount: 9, events: [{ contractId: "x" }], endCursor: "same", hasNextPage: true } },
      }),
    );
    const client = createClient({ serverUrl: "https://s", token: "t", fetch: fn });
    await expect(fetchRenewalSchedule(client, { from: "2025-01-01", to: "2025-12-31" })).rejects.toMatchObject({
      kind: "SERVER",
    });
  });
});

describe("porting price batching", () => {
  const input = (n: string) => ({ direction: "INBOUND" as const, numbers: [n], requestDate: "2025-03-01" });

  it("sends every price asked in the same tick as ONE request with aliases", async () => {
    const { fn, calls } = fakeFetch(({ variables }) => {
      const data: Record<string, { totalCents: number }> = {};
      for (const [key, value] of Object.entries(variables))
        data[`p${key.slice(1)}`] = { totalCents: 1000 + Number((value as { numbers: string[] }).numbers[0]?.slice(-1)) };
      return json(200, { data });
    });
    const batcher = new PortingBatcher({ client: async () => createClient({ serverUrl: "https://s", token: "t", fetch: fn }) });
    const prices = await Promise.all(["0102030401", "0102030402", "0102030403"].map((n) => batcher.price(input(n))));
    expect(prices).toEqual([1001, 1002, 1003]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body.query).toContain("p0: portingPrice(input: $i0)");
    expect(calls[0]?.body.query).toContain("p2: portingPrice(input: $i2)");
    expect(calls[0]?.body.variables.i1).toEqual(input("0102030402"));
  });

  it("gives a bad number its own error and re-sends the others once", async () => {
    const { fn, calls } = fakeFetch(({ variables }) => {
      const keys = Object.keys(variables);
      const badIndex = keys.findIndex((k) => (variables[k] as { numbers: string[] }).numbers[0] === "bad");
      if (badIndex >= 0) {
        return json(200, {
          data: null,
          errors: [
            {
              message: "Invalid",
              path: [`p${badIndex}`],
              extensions: { code: "BAD_USER_INPUT", fields: [{ field: "numbers[0]", message: "not a French number" }] },
            },
          ],
        });
      }
      return json(200, { data: Object.fromEntries(keys.map((_, i) => [`p${i}`, { totalCents: 500 }])) });
    });
    const batcher = new PortingBatcher({ client: async () => createClient({ serverUrl: "https://s", token: "t", fetch: fn }) });
    const results = await Promise.allSettled([
      batcher.price(input("0102030401")),
      batcher.price(input("bad")),
      batcher.price(input("0102030403")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      kind: "BAD_USER_INPUT",
      fields: [{ field: "numbers[0]" }],
    });
    expect(calls).toHaveLength(2);
    expect(Object.keys(calls[1]?.body.variables ?? {})).toEqual(["i0", "i1"]);
  });

  it("splits very large batches by the alias limit, and fails every cell on a token error", async () => {
    const { fn, calls } = fakeFetch(({ variables }) =>
      json(200, { data: Object.fromEntries(Object.keys(variables).map((_, i) => [`p${i}`, { totalCents: 1 }])) }),
    );
    const batcher = new PortingBatcher({
      client: async () => createClient({ serverUrl: "https://s", token: "t", fetch: fn }),
      maxPerRequest: 10,
    });
    await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.price(input(`01020304${String(i).padStart(2, "0")}`))));
    expect(calls.map((c) => Object.keys(c.body.variables).length)).toEqual([10, 10, 5]);

    const denied = fakeFetch(() => json(401, { errors: [{ message: "bad token", extensions: { code: "UNAUTHENTICATED" } }] }));
    const b2 = new PortingBatcher({ client: async () => createClient({ serverUrl: "https://s", token: "t", fetch: denied.fn }) });
    const settled = await Promise.allSettled([b2.price(input("1")), b2.price(input("2"))]);
    expect(settled.every((s) => s.status === "rejected" && (s.reason as ApiError).kind === "UNAUTHENTICATED")).toBe(true);
    expect(denied.calls).toHaveLength(1);
  });
});
