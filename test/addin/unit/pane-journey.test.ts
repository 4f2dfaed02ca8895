/**
 * The sales journey's pure pieces, without a browser: idempotency keys per attempt, which quotes
 * are read-only and how their status reaches the sheet, porting entries with their RIO, the customer's
 * quote list following the open quote, the language sent to the server, and why a connection failed.
 */
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../addin/src/api/client.js";
import { AttemptKeys, surelyNotDone } from "../../../addin/src/api/idempotency.js";
import type { Quote, QuoteStatus } from "../../../addin/src/api/operations.js";
import { ME } from "../../../addin/src/api/operations.js";
import { App, acceptLanguage } from "../../../addin/src/taskpane/app.js";
import { failureReason } from "../../../addin/src/taskpane/connect.js";
import { detectLanguage, translator } from "../../../addin/src/taskpane/i18n.js";
import { Journey, upsertSummary } from "../../../addin/src/taskpane/journey.js";
import { formatPortingEntries, parsePortingEntries } from "../../../addin/src/taskpane/quote-lines.js";
import { isOpen, isReadOnly, quoteToSheetData } from "../../../addin/src/taskpane/quote-model.js";

function quote(id: string, status: QuoteStatus = "DRAFT", version = 1): Quote {
  return {
    id,
    status,
    version,
    quoteDate: "2026-03-02",
    validUntil: "2026-04-01",
    customer: { id: "c1", name: "Martin", category: "OTHER", siren: null },
    termsVersion: null,
    totals: { oneOffCents: 0, monthlyCents: 100, vatCents: 20, totalInclVatCents: 120, totalContractValueCents: 1200 },
    signerName: null,
    signedAt: null,
    contracts: [],
    lines: [0, 1].map((position) => ({
      id: `L${position}`,
      position,
      quantity: 2,
      monthlyUnitPriceCents: 1990,
      setupFeeCents: 0,
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeMonths: null,
      noticeDays: null,
      startDate: null,
      portingDirection: null,
      portingNumbers: [],
      portingRios: [],
      subsidisedDevice: false,
      portingOutsideHours: false,
      portingCents: 0,
      monthlyCents: 3980,
      commitmentEnd: null,
      noticeDeadline: null,
      offer: { code: "MOBILE-FLEET", name: "Flotte mobile", family: "MOBILE_FLEET" },
    })),
  };
}

describe("idempotency keys per attempt", () => {
  it("reuses the key of an attempt whose outcome is unknown, for the same payload only", () => {
    let n = 0;
    const keys = new AttemptKeys(() => `k${++n}`);
    const payload = { quoteId: "7", signerName: "Jeanne", expectedVersion: 3 };
    expect(keys.keyFor(payload)).toBe("k1");
    // The answer was lost: the click that follows retries the same attempt.
    expect(keys.keyFor({ ...payload })).toBe("k1");
    // Something else to sign is another attempt.
    expect(keys.keyFor({ ...payload, expectedVersion: 4 })).toBe("k2");
    // Known outcome: a new click is a new attempt.
    keys.settle();
    expect(keys.keyFor({ ...payload, expectedVersion: 4 })).toBe("k3");
  });

  it("settles an attempt on its answer or on a refusal that did nothing, and retries one whose answer was lost", async () => {
    let n = 0;
    const keys = new AttemptKeys(() => `k${++n}`);
    const sent: string[] = [];
    const payload = { quoteId: "7", signerName: "Jeanne", expectedVersion: 3 };
    const answer = (outcome: Error | null) => (key: string) => {
      sent.push(key);
      return outcome ? Promise.reject(outcome) : Promise.resolve(key);
    };
    // Lost answers (the server may have signed): every retry of the same payload sends the same key.
    for (const lost of [new ApiError("TIMEOUT", "x"), new ApiError("NETWORK", "x"), new ApiError("SERVER", "x", [], 500)]) {
      await expect(keys.attempt(payload, answer(lost))).rejects.toBe(lost);
    }
    // The answer came: the same key once more, then the attempt is over.
    await expect(keys.attempt(payload, answer(null))).resolves.toBe("k1");
    expect(sent).toEqual(["k1", "k1", "k1", "k1"]);
    // Refusals checked before anything is written: the next click is a new attempt.
    for (const kind of ["BAD_USER_INPUT", "CONFLICT", "FORBIDDEN", "UNAUTHENTICATED", "NOT_FOUND", "RATE_LIMITED"] as const) {
      const refused = new ApiError(kind, "x");
      expect(surelyNotDone(refused)).toBe(true);
      await expect(keys.attempt(payload, answer(refused))).rejects.toBe(refused);
    }
    expect(sent.slice(4)).toEqual(["k2", "k3", "k4", "k5", "k6", "k7"]);
    expect(surelyNotDone(new ApiError("TIMEOUT", "x"))).toBe(false);
    expect(surelyNotDone(new TypeError("x"))).toBe(false);
  });

  it("makes random keys of the length the server accepts", () => {
    const a = new AttemptKeys().keyFor({});
    const b = new AttemptKeys().keyFor({});
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThanOrEqual(100);
  });
});

describe("quote states", () => {
  it.each([
    ["DRAFT", false, true],
    ["SENT", false, true],
    ["SIGNED", true, false],
    ["DECLINED", true, false],
    ["EXPIRED", true, false],
  ] as const)("%s: read-only %s, open to signing %s", (status, readOnly, open) => {
    expect(isReadOnly(status)).toBe(readOnly);
    expect(isOpen(status)).toBe(open);
  });

  it("puts the status on the sheet in words, never the API's code", () => {
    expect(quoteToSheetData(quote("7", "SENT"), (s) => (s === "SENT" ? "Envoyé" : s)).status).toBe("Envoyé");
  });
});

describe("porting entries", () => {
  it("reads one number per line with an optional RIO after a semicolon, and writes them back", () => {
    const parsed = parsePortingEntries("01 40 00 00 01\n06 12 34 56 78 ; 01PEROY4P4TR\n\n, 0140000003");
    expect(parsed).toEqual({
      numbers: ["01 40 00 00 01", "06 12 34 56 78", "0140000003"],
      rios: [null, "01PEROY4P4TR", null],
    });
    expect(parsePortingEntries(formatPortingEntries(parsed.numbers, parsed.rios))).toEqual(parsed);
  });
});

describe("the journey's state", () => {
  it("keeps the customer's list in step with the open quote: replaced in place, or added first", () => {
    const list = [quote("2"), quote("1")].map(({ id, status, version, quoteDate, validUntil, totals }) => ({
      id,
      status,
      version,
      quoteDate,
      validUntil,
      totals,
    }));
    expect(upsertSummary(list, quote("1", "SIGNED", 4)).map((q) => [q.id, q.status, q.version])).toEqual([
      ["2", "DRAFT", 1],
      ["1", "SIGNED", 4],
    ]);
    expect(upsertSummary(list, quote("3")).map((q) => q.id)).toEqual(["3", "2", "1"]);
  });

  it("closes the editor and forgets unsaved changes when another customer is chosen", () => {
    const journey = new Journey();
    const events: string[] = [];
    journey.onCustomer(() => events.push("customer"));
    journey.onQuote(() => events.push("quote"));
    journey.chooseCustomer({ id: "c1", name: "Martin", category: "OTHER", siren: null, sepaMandates: [], quotes: [] });
    journey.open(null);
    journey.unsaved = true;
    journey.quoteChanged(quote("9"));
    expect(journey.unsaved).toBe(false);
    expect(journey.customer?.quotes.map((q) => q.id)).toEqual(["9"]);
    journey.unsaved = true;
    journey.chooseCustomer(null);
    expect([journey.editing, journey.quote, journey.unsaved]).toEqual([false, null, false]);
    expect(events).toEqual(["customer", "quote", "quote", "customer", "quote", "customer", "quote"]);
  });
});

describe("connection", () => {
  it("sends Office's display language when it is the pane's, else the pane's language alone", () => {
    expect(acceptLanguage("fr", "fr-FR")).toBe("fr-FR");
    expect(acceptLanguage("en", "en-GB")).toBe("en-GB");
    // German Office gets the French pane (French first): the server must answer in French too.
    expect(acceptLanguage("fr", "de-DE")).toBe("fr");
    expect(acceptLanguage("en", null)).toBe("en");
  });

  it("puts Office's display language on every request of the pane (the pane's language chosen from it)", async () => {
    const sent: Array<string | null> = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      sent.push(new Headers(init.headers).get("accept-language"));
      return new Response(JSON.stringify({ data: { me: { name: "Alice", role: "SALES" } } }), {
        headers: { "content-type": "application/json" },
      });
    });
    try {
      for (const office of ["fr-CA", "en-GB", "de-DE"]) {
        const lang = detectLanguage(office, null);
        const app = new App(lang, translator(lang), office);
        await app.clientFor({ serverUrl: "https://contrats.example", token: "t" }).request(ME);
      }
    } finally {
      vi.unstubAllGlobals();
    }
    expect(sent).toEqual(["fr-CA", "en-GB", "fr"]);
  });

  it("names why a saved connection fails in the status line", () => {
    const t = translator("fr");
    expect(failureReason(new ApiError("NETWORK", "x"), t)).toBe("serveur injoignable");
    expect(failureReason(new ApiError("TIMEOUT", "x"), t)).toBe("le serveur ne répond pas");
    expect(failureReason(new ApiError("UNAUTHENTICATED", "x"), t)).toBe("jeton refusé");
    expect(failureReason(new Error("x"), translator("en"))).toBe("server error");
  });
});
