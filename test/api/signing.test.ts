import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { rioKey } from "../../server/src/domain/rio.js";
import { AuditLog, Contract, IdempotencyRecord, PortingRequest, Quote } from "../../server/src/entities/index.js";
import {
  badInputFields,
  CREATE_GRID,
  createCustomer,
  createQuote,
  errorCode,
  GET_QUOTE,
  registerMandate,
  SIGN_QUOTE,
} from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

const today = todayInParis();
const MOBILE = "07 12 34 56 78";
const MOBILE_RIO = `01PEROY4P${rioKey("01PEROY4P", "0712345678")}`;

const GRID = {
  effectiveFrom: addDays(today, -2),
  rows: [
    {
      direction: "INBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_BLOCK",
      blockSize: 10,
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 3000 }],
      fixedFeeCents: 1000,
    },
    {
      direction: "INBOUND",
      numberKind: "MOBILE",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 800 }],
      fixedFeeCents: 0,
    },
  ],
};

/** Two lines: telephony porting 2 geographic numbers and a mobile one, and a cellular access starting later. */
function lines(numberOffset: number) {
  const geo = [
    `01 40 00 ${String(10 + numberOffset).padStart(2, "0")} 01`,
    `01 40 00 ${String(10 + numberOffset).padStart(2, "0")} 02`,
  ];
  return [
    {
      offerCode: "IP-TELEPHONY",
      quantity: 2,
      monthlyUnitPriceCents: 1990,
      setupFeeCents: 4900,
      subsidisedDevice: true,
      portingDirection: "INBOUND",
      portingNumbers: numberOffset === 0 ? [...geo, MOBILE] : geo,
      portingRios: numberOffset === 0 ? [null, null, MOBILE_RIO] : null,
    },
    {
      offerCode: "IP-ACCESS-CELLULAR",
      quantity: 1,
      monthlyUnitPriceCents: 3500,
      setupFeeCents: 5000,
      startDate: addDays(today, 14),
      noticeDays: 20,
    },
  ];
}

describe(`signing quotes (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let sales: string;
  let customerId: string;
  let mandateId: string;

  const sign = (quoteId: string, idempotencyKey: string, signerName = "Claire Roux") =>
    server.gql(sales, SIGN_QUOTE, { input: { quoteId, signerName, idempotencyKey } });
  const contractsOf = (quoteId: string) =>
    server.app.database.manager.find(Contract, { where: { quoteId: Number(quoteId) }, order: { id: "ASC" } });
  const portingOf = (quoteId: string) =>
    server.app.database.manager
      .createQueryBuilder(PortingRequest, "p")
      .innerJoin(Contract, "c", "c.id = p.contractId")
      .where("c.quoteId = :quoteId", { quoteId: Number(quoteId) })
      .orderBy("p.id", "ASC")
      .getMany();

  beforeAll(async () => {
    server = await startTestServer();
    sales = await server.createToken("SALES");
    const admin = await server.createToken("ADMIN");
    expect((await server.gql(admin, CREATE_GRID, { input: GRID })).errors).toBeUndefined();
    customerId = await createCustomer(server, sales, { name: "Cabinet Morel", category: "SMALL" });
    mandateId = (await registerMandate(server, sales, customerId, { signedOn: addDays(today, -3) })).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses to sign without a valid SEPA mandate, and writes nothing", async () => {
    const unbanked = await createCustomer(server, sales, { name: "Sans Mandat SARL", category: "OTHER" });
    const quote = await createQuote(server, sales, { customerId: unbanked, lines: lines(1) });
    const refused = await sign(quote.id, "no-mandate-1");
    expect(badInputFields(refused)).toEqual([
      { field: "quoteId", message: expect.stringContaining("the customer has no valid SEPA mandate") },
    ]);

    // A lapsed mandate (unused for 36 months) does not count either.
    await registerMandate(server, sales, unbanked, { signedOn: addMonths(today, -37) });
    expect(badInputFields(await sign(quote.id, "no-mandate-2"))[0]?.field).toBe("quoteId");

    expect(await contractsOf(quote.id)).toEqual([]);
    const stored = await server.app.database.manager.findOneByOrFail(Quote, { id: Number(quote.id) });
    expect(stored).toMatchObject({ status: "DRAFT", signerName: null, signIdempotencyKey: null });
    expect(await server.app.database.manager.countBy(IdempotencyRecord, { idempotencyKey: "no-mandate-1" })).toBe(0);
  });

  it("signs: records signer, time, terms version and mandate, and creates the contracts and porting requests", async () => {
    const quote = await createQuote(server, sales, { customerId, lines: lines(0) });
    const before = Date.now() - 1000;
    const response = await sign(quote.id, "sign-once-1", "  Claire Roux ");
    expect(response.errors).toBeUndefined();
    const signed = response.data?.signQuote;
    expect(signed).toMatchObject({
      status: "SIGNED",
      version: 2,
      signerName: "Claire Roux",
      termsVersion: { code: "CGV-2020-02-01", effectiveDate: "2020-02-01" },
      sepaMandate: { id: mandateId },
    });
    expect(Date.parse(signed.signedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(signed.signedAt)).toBeLessThanOrEqual(Date.now());
    expect(signed.contracts).toEqual([
      {
        id: expect.any(String),
        status: "ACTIVE",
        startDate: today,
        monthlyAmountCents: 3980,
        quantity: 2,
        initialTermMonths: 24,
        renewalTermMonths: 12,
        noticeMonths: 3,
        noticeDays: null,
        subsidisedDevice: true,
      },
      {
        id: expect.any(String),
        status: "ACTIVE",
        startDate: addDays(today, 14),
        monthlyAmountCents: 3500,
        quantity: 1,
        initialTermMonths: 3,
        renewalTermMonths: 1,
        noticeMonths: null,
        noticeDays: 20,
        subsidisedDevice: false,
      },
    ]);
    const porting = await portingOf(quote.id);
    expect(porting.map((p) => [p.number, p.numberKind, p.rio, p.direction, p.status, p.requestedOn])).toEqual([
      ["+33140001001", "GEOGRAPHIC", null, "INBOUND", "REQUESTED", today],
      ["+33140001002", "GEOGRAPHIC", null, "INBOUND", "REQUESTED", today],
      ["+33712345678", "MOBILE", MOBILE_RIO, "INBOUND", "REQUESTED", today],
    ]);
    expect(new Set(porting.map((p) => p.contractId))).toEqual(new Set([Number(signed.contracts[0].id)]));
    const audit = await server.app.database.manager.findOneBy(AuditLog, { action: "signQuote", entityId: quote.id });
    expect(audit?.after).toMatchObject({ status: "SIGNED", sepaMandateId: Number(mandateId) });

    // A signed quote is final.
    const update = await server.gql(sales, "mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { id } }", {
      input: { quoteId: quote.id, expectedVersion: 2, lines: lines(5) },
    });
    expect(errorCode(update)).toBe("CONFLICT");
  });

  it("is idempotent per key: a retry returns the same signed quote; another key or quote is CONFLICT", async () => {
    const quote = await createQuote(server, sales, { customerId, lines: lines(2) });
    const first = await sign(quote.id, "retry-key-1");
    expect(first.errors).toBeUndefined();
    const retry = await sign(quote.id, "retry-key-1");
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.signQuote).toEqual(first.data?.signQuote);
    expect(await contractsOf(quote.id)).toHaveLength(2);

    const otherKey = await sign(quote.id, "retry-key-2");
    expect(errorCode(otherKey)).toBe("CONFLICT");
    expect(otherKey.errors?.[0]?.message).toMatch(/already signed/);

    const another = await createQuote(server, sales, { customerId, lines: lines(3) });
    const reused = await sign(another.id, "retry-key-1");
    expect(errorCode(reused)).toBe("CONFLICT");
    expect(reused.errors?.[0]?.message).toContain(`quote ${quote.id}`);
    const otherSigner = await sign(quote.id, "retry-key-1", "Someone Else");
    expect(errorCode(otherSigner)).toBe("CONFLICT");
    expect((await server.gql(sales, GET_QUOTE, { id: another.id })).data?.quote.status).toBe("DRAFT");
    expect(await contractsOf(another.id)).toHaveLength(0);

    const declined = await createQuote(server, sales, { customerId, lines: lines(4) });
    await server.gql(sales, "mutation ($id: ID!) { declineQuote(quoteId: $id) { id } }", { id: declined.id });
    expect(errorCode(await sign(declined.id, "declined-1"))).toBe("CONFLICT");
    expect(errorCode(await sign("999999", "missing-1"))).toBe("NOT_FOUND");
    expect(badInputFields(await sign(declined.id, " ", " ")).map((f) => f.field)).toEqual(["signerName", "idempotencyKey"]);
  });

  it("signs only the version shown when expectedVersion is given: a changed quote is CONFLICT and nothing is signed", async () => {
    const quote = await createQuote(server, sales, { customerId, lines: lines(9) });
    const updated = await server.gql(sales, "mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { version } }", {
      input: { quoteId: quote.id, expectedVersion: quote.version, lines: lines(10) },
    });
    expect(updated.data?.updateQuote.version).toBe(quote.version + 1);
    const stale = await server.gql(sales, SIGN_QUOTE, {
      input: { quoteId: quote.id, signerName: "Claire Roux", idempotencyKey: "shown-v1", expectedVersion: quote.version },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(quote.version + 1);
    expect(await contractsOf(quote.id)).toHaveLength(0);
    expect(await server.app.database.manager.countBy(IdempotencyRecord, { idempotencyKey: "shown-v1" })).toBe(0);

    const current = await server.gql(sales, SIGN_QUOTE, {
      input: { quoteId: quote.id, signerName: "Claire Roux", idempotencyKey: "shown-v2", expectedVersion: quote.version + 1 },
    });
    expect(current.errors).toBeUndefined();
    expect(current.data?.signQuote.status).toBe("SIGNED");
    expect(await contractsOf(quote.id)).toHaveLength(2);
  });

  it("creates the contracts exactly once under ten simultaneous signings (same and different keys)", async () => {
    for (const round of [6, 7, 8]) {
      const quote = await createQuote(server, sales, { customerId, lines: lines(round) });
      const keys = [
        ...Array.from({ length: 5 }, () => `shared-${round}`),
        ...Array.from({ length: 5 }, (_, i) => `own-${round}-${i}`),
      ];
      const responses = await Promise.all(keys.map((key) => sign(quote.id, key)));

      const stored = await server.app.database.manager.findOneByOrFail(Quote, { id: Number(quote.id) });
      expect(stored.status).toBe("SIGNED");
      const winner = stored.signIdempotencyKey as string;
      expect(keys).toContain(winner);
      responses.forEach((response, i) => {
        if (keys[i] === winner) {
          expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
          expect(response.data?.signQuote.status).toBe("SIGNED");
        } else {
          expect(errorCode(response), JSON.stringify(response.errors)).toBe("CONFLICT");
        }
      });

      const contracts = await contractsOf(quote.id);
      expect(contracts).toHaveLength(2);
      expect(new Set(contracts.map((c) => c.quoteLineId)).size).toBe(2);
      expect(await portingOf(quote.id)).toHaveLength(2);
      expect(await server.app.database.manager.countBy(IdempotencyRecord, { scope: "signQuote", idempotencyKey: winner })).toBe(
        1,
      );
      const audits = await server.app.database.manager.countBy(AuditLog, { action: "signQuote", entityId: quote.id });
      expect(audits).toBe(1);
    }
  });
});
