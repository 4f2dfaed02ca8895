import { afterEach, describe, expect, it } from "vitest";
import type { Quote } from "../../../addin/src/api/operations.js";
import { clearSettings, loadSettings, saveSettings } from "../../../addin/src/api/settings.js";
import { acceptableServerUrl } from "../../../addin/src/taskpane/connect.js";
import { quoteToSheetData } from "../../../addin/src/taskpane/quote-model.js";

const g = globalThis as Record<string, unknown>;
function memoryStore(fail = false) {
  const data = new Map<string, string>();
  const guard = () => {
    if (fail) throw new Error("storage unavailable");
  };
  return {
    data,
    getItem: async (k: string) => {
      guard();
      return data.get(k) ?? null;
    },
    setItem: async (k: string, v: string) => {
      guard();
      data.set(k, v);
    },
    removeItem: async (k: string) => {
      guard();
      data.delete(k);
    },
  };
}

afterEach(() => {
  delete g.OfficeRuntime;
  delete g.localStorage;
});

describe("connection settings (per user, never in the workbook)", () => {
  it("prefer OfficeRuntime.storage, the shared runtime's per-user store", async () => {
    const runtime = memoryStore();
    const local = memoryStore();
    g.OfficeRuntime = { storage: runtime };
    g.localStorage = { getItem: (k: string) => local.data.get(k) ?? null, setItem: () => undefined, removeItem: () => undefined };
    await saveSettings({ serverUrl: "https://srv", token: "secret" });
    expect([...runtime.data.values()]).toEqual(["https://srv", "secret"]);
    expect(local.data.size).toBe(0);
    await expect(loadSettings()).resolves.toEqual({ serverUrl: "https://srv", token: "secret" });
    await clearSettings();
    expect(runtime.data.size).toBe(0);
  });

  it("fall back to localStorage when OfficeRuntime.storage fails (plain browser)", async () => {
    g.OfficeRuntime = { storage: memoryStore(true) };
    const data = new Map<string, string>();
    g.localStorage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => data.set(k, v),
      removeItem: (k: string) => data.delete(k),
    };
    await saveSettings({ serverUrl: "https://other", token: "t2" });
    expect(data.get("contrats.token")).toBe("t2");
    await expect(loadSettings()).resolves.toEqual({ serverUrl: "https://other", token: "t2" });
  });

  it("default to the page's origin with no token", async () => {
    await expect(loadSettings()).resolves.toEqual({ serverUrl: "https://localhost:3000", token: "" });
  });

  it("accept HTTPS servers, and plain HTTP only on this machine or the page's origin", () => {
    expect(acceptableServerUrl("https://contrats.example.fr", "https://localhost:3000")).toBe(true);
    expect(acceptableServerUrl("http://localhost:4000", "https://localhost:3000")).toBe(true);
    expect(acceptableServerUrl("http://127.0.0.1:5555", "http://127.0.0.1:5555")).toBe(true);
    expect(acceptableServerUrl("http://contrats.example.fr", "https://localhost:3000")).toBe(false);
    expect(acceptableServerUrl("ftp://x", "https://localhost:3000")).toBe(false);
    expect(acceptableServerUrl("not a url", "https://localhost:3000")).toBe(false);
  });
});

const quote: Quote = {
  id: "7",
  status: "DRAFT",
  version: 3,
  quoteDate: "2025-03-01",
  validUntil: "2025-03-31",
  customer: { id: "1", name: "Martin", category: "OTHER", siren: null },
  termsVersion: { code: "CGV-2020-02-01", effectiveDate: "2020-02-01" },
  totals: { oneOffCents: 1, monthlyCents: 2, vatCents: 3, totalInclVatCents: 4, totalContractValueCents: 5 },
  signerName: null,
  signedAt: null,
  contracts: [],
  lines: [1, 0].map((position) => ({
    id: `L${position}`,
    position,
    quantity: 1 + position,
    monthlyUnitPriceCents: 1000,
    setupFeeCents: 500,
    initialTermMonths: 12,
    renewalTermMonths: 12,
    noticeMonths: null,
    noticeDays: null,
    startDate: position === 0 ? "2025-04-01" : null,
    portingDirection: position === 1 ? "INBOUND" : null,
    portingNumbers: position === 1 ? ["+33123456789"] : [],
    subsidisedDevice: false,
    portingOutsideHours: false,
    portingRios: position === 1 ? [null] : [],
    portingCents: 0,
    monthlyCents: 1000 * (1 + position),
    commitmentEnd: "2026-03-31",
    noticeDeadline: "2025-12-31",
    offer: {
      code: position === 1 ? "IP-TELEPHONY" : "EISECURE-BACKUP",
      name: "x",
      family: position === 1 ? "IP_TELEPHONY" : "BACKUP",
    },
  })),
};

describe("quote ↔ sheet", () => {
  it("orders the sheet's lines by position and shows the status in words", () => {
    const data = quoteToSheetData(quote, (s) => `word for ${s}`);
    expect(data.lines.map((l) => l.offerCode)).toEqual(["EISECURE-BACKUP", "IP-TELEPHONY"]);
    expect(data.status).toBe("word for DRAFT");
  });
  // The sheet's read-back (every editable column, changes, problems) is tested in quote-sheet.test.ts.
});
