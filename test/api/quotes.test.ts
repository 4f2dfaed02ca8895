import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInParis } from "../../server/src/domain/calendar.js";
import { rioKey } from "../../server/src/domain/rio.js";
import { Quote } from "../../server/src/entities/index.js";
import {
  badInputFields,
  CREATE_GRID,
  CREATE_QUOTE,
  createCustomer,
  createQuote,
  errorCode,
  GET_QUOTE,
  QUOTE_FIELDS,
  SIGN_QUOTE,
  UPDATE_QUOTE,
} from "../support/sales.js";
import { startTestServer, type TestServer } from "../support/server.js";

const today = todayInParis();
const rio = (head: string, national: string) => `${head}${rioKey(head, national)}`;

/** In force from yesterday: the grid every quote created today uses. */
const GRID_TODAY = {
  effectiveFrom: addDays(today, -1),
  rows: [
    {
      direction: "INBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_NUMBER",
      tierMode: "GRADUATED",
      tiers: [
        { upTo: 2, unitPriceCents: 1500 },
        { upTo: null, unitPriceCents: 1000 },
      ],
      fixedFeeCents: 2500,
      outsideHoursSurchargeCents: 4000,
    },
    {
      direction: "INBOUND",
      numberKind: "MOBILE",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 500 }],
      fixedFeeCents: 0,
      outsideHoursSurchargeCents: 300,
    },
  ],
};
/** In force from tomorrow: must not price today's quotes. */
const GRID_TOMORROW = {
  effectiveFrom: addDays(today, 1),
  rows: GRID_TODAY.rows.map((row) => ({ ...row, tiers: [{ upTo: null, unitPriceCents: 1 }], fixedFeeCents: 0 })),
};

const GEO = ["01 45 67 89 01", "+33 1 45 67 89 02", "01.45.67.89.03"];
const MOBILE = "06 98 76 54 32";
const MOBILE_RIO = rio("02EAB12CD", "0698765432");

/** The worked example: telephony with porting, backup with its own terms, a wired access starting later. */
function exampleLines(wiredStart: string) {
  return [
    {
      offerCode: "IP-TELEPHONY",
      quantity: 3,
      monthlyUnitPriceCents: 2000,
      setupFeeCents: 4900,
      portingDirection: "INBOUND",
      portingNumbers: [...GEO, MOBILE],
      portingRios: [null, null, null, MOBILE_RIO],
    },
    {
      offerCode: "EISECURE-BACKUP",
      quantity: 1,
      monthlyUnitPriceCents: 4903,
      setupFeeCents: 15000,
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeMonths: 3,
    },
    { offerCode: "IP-ACCESS-WIRED", quantity: 2, monthlyUnitPriceCents: 5900, setupFeeCents: 25000, startDate: wiredStart },
  ];
}

describe(`quotes (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let sales: string;
  let integrator: string;
  let other: string;
  let micro: string;
  let microWithWaiver: string;
  let consumer: string;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await server.createToken("ADMIN");
    sales = await server.createToken("SALES");
    integrator = await server.createToken("INTEGRATOR");
    for (const grid of [GRID_TODAY, GRID_TOMORROW]) {
      const created = await server.gql(admin, CREATE_GRID, { input: grid });
      expect(created.errors).toBeUndefined();
    }
    other = await createCustomer(server, sales, { name: "Transports Roux", category: "OTHER" });
    micro = await createCustomer(server, sales, { name: "Fleuriste Blanc", category: "MICRO" });
    microWithWaiver = await createCustomer(server, sales, { name: "Plombier Noir", category: "MICRO", waiverSignedOn: today });
    consumer = await createCustomer(server, sales, { name: "Marie Curie", category: "CONSUMER" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("prices a quote to the cent: setup per unit, porting from the grid in force on the quote date, VAT once", async () => {
    const wiredStart = addDays(today, 10);
    const quote = await createQuote(server, sales, { customerId: other, lines: exampleLines(wiredStart) });
    expect(quote).toMatchObject({
      status: "DRAFT",
      version: 1,
      quoteDate: today,
      validUntil: addDays(today, 30),
      vatRateBasisPoints: 2000,
      signerName: null,
      signedAt: null,
      customer: { id: other, name: "Transports Roux", category: "OTHER" },
      termsVersion: { code: "CGV-2020-02-01", effectiveDate: "2020-02-01" },
      contracts: [],
      sepaMandate: null,
    });
    const [telephony, backup, wired] = quote.lines;
    // Porting: geographic 2500 + 2 × 1500 + 1 × 1000 (GRADUATED); mobile 500.
    expect(telephony).toMatchObject({
      position: 0,
      offer: { code: "IP-TELEPHONY", family: "IP_TELEPHONY" },
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeMonths: 3,
      noticeDays: null,
      startDate: null,
      portingDirection: "INBOUND",
      portingNumbers: ["+33145678901", "+33145678902", "+33145678903", "+33698765432"],
      portingRios: [null, null, null, MOBILE_RIO],
      portingOutsideHours: false,
      portingCents: 7000,
      monthlyCents: 6000,
      oneOffCents: 3 * 4900 + 7000,
      commitmentEnd: addDays(addMonths(today, 24), -1),
      noticeDeadline: addDays(addMonths(addMonths(today, 24), -3), -1),
    });
    expect(backup).toMatchObject({
      initialTermMonths: 12,
      renewalTermMonths: 12,
      noticeMonths: 3,
      monthlyCents: 4903,
      portingCents: 0,
    });
    expect(wired).toMatchObject({
      startDate: wiredStart,
      initialTermMonths: 36,
      monthlyCents: 11800,
      oneOffCents: 50000,
      commitmentEnd: addDays(addMonths(wiredStart, 36), -1),
      noticeDeadline: addDays(addMonths(addMonths(wiredStart, 36), -3), -1),
    });
    // one-off 21700 + 15000 + 50000; monthly 6000 + 4903 + 11800; VAT 20 % of 109403 = 21880.6 → 21881.
    expect(quote.totals).toEqual({
      oneOffCents: 86700,
      monthlyCents: 22703,
      vatCents: 21881,
      totalInclVatCents: 131284,
      totalContractValueCents: 21700 + 6000 * 24 + (15000 + 4903 * 12) + (50000 + 11800 * 36),
    });
  });

  it("adds the outside-hours surcharge per number kind to the frozen porting price", async () => {
    const lines = [{ ...exampleLines(today)[0], portingOutsideHours: true }];
    const quote = await createQuote(server, sales, { customerId: other, lines });
    expect(quote.lines[0]).toMatchObject({ portingOutsideHours: true, portingCents: 7000 + 4000 + 300 });
  });

  it("requires an offer without published terms to get them from the line", async () => {
    const response = await server.gql(sales, CREATE_QUOTE, {
      input: {
        customerId: other,
        lines: [{ offerCode: "EISECURE-BACKUP", quantity: 1, monthlyUnitPriceCents: 4900, setupFeeCents: 0 }],
      },
    });
    expect(badInputFields(response)).toEqual([
      { field: "lines[0].initialTermMonths", message: expect.stringContaining("required for this offer") },
      { field: "lines[0].renewalTermMonths", message: expect.stringContaining("required for this offer") },
    ]);
  });

  it("refuses to commit a protected customer beyond 24 months on telecoms, unless a MICRO signed a waiver", async () => {
    const wired = (initialTermMonths?: number) => ({
      offerCode: "IP-ACCESS-WIRED",
      quantity: 1,
      monthlyUnitPriceCents: 5900,
      setupFeeCents: 0,
      ...(initialTermMonths ? { initialTermMonths } : {}),
    });
    for (const customerId of [micro, consumer]) {
      const refused = await server.gql(sales, CREATE_QUOTE, { input: { customerId, lines: [wired()] } });
      expect(badInputFields(refused)).toEqual([
        { field: "lines[0].initialTermMonths", message: expect.stringMatching(/more than 24 months/) },
      ]);
    }
    const at24 = await createQuote(server, sales, { customerId: micro, lines: [wired(24)] });
    expect(at24.lines[0].initialTermMonths).toBe(24);
    const waived = await createQuote(server, sales, { customerId: microWithWaiver, lines: [wired()] });
    expect(waived.lines[0].initialTermMonths).toBe(36);
    // Backup is not an electronic communications service: no cap.
    const backup = await createQuote(server, sales, {
      customerId: consumer,
      lines: [
        {
          offerCode: "EISECURE-BACKUP",
          quantity: 1,
          monthlyUnitPriceCents: 4900,
          setupFeeCents: 0,
          initialTermMonths: 36,
          renewalTermMonths: 0,
        },
      ],
    });
    expect(backup.lines[0]).toMatchObject({ initialTermMonths: 36, renewalTermMonths: 0, noticeDeadline: null });
  });

  it("refuses porting on offers not billed per the grid, and bad numbers or RIOs, naming each field", async () => {
    const before = await server.app.database.manager.count(Quote);
    const response = await server.gql(sales, CREATE_QUOTE, {
      input: {
        customerId: other,
        lines: [
          {
            offerCode: "IP-ACCESS-WIRED",
            quantity: 1,
            monthlyUnitPriceCents: 5900,
            setupFeeCents: 0,
            portingDirection: "INBOUND",
            portingNumbers: [GEO[0]],
          },
          {
            offerCode: "IP-TELEPHONY",
            quantity: 1,
            monthlyUnitPriceCents: 2000,
            setupFeeCents: 0,
            portingDirection: "INBOUND",
            portingNumbers: ["0612345678", "0698765432", "01 23", "07 00 00 00 01"],
            portingRios: ["01PEROY4P4TR", "02EAB12CDXXX"],
          },
          { offerCode: "NO-SUCH-OFFER", quantity: 1, monthlyUnitPriceCents: 0, setupFeeCents: 0 },
          { offerCode: "IP-TELEPHONY", quantity: 0, monthlyUnitPriceCents: -1, setupFeeCents: 0, portingNumbers: [GEO[1]] },
        ],
      },
    });
    const fields = badInputFields(response);
    expect(fields.map((f) => f.field).sort()).toEqual(
      [
        "lines[0].portingNumbers",
        "lines[1].portingNumbers[2]",
        "lines[1].portingRios[1]",
        "lines[1].portingRios[3]",
        "lines[2].offerCode",
        "lines[3].portingDirection",
        "lines[3].quantity",
        "lines[3].monthlyUnitPriceCents",
      ].sort(),
    );
    const byField = Object.fromEntries(fields.map((f) => [f.field, f.message]));
    expect(byField["lines[0].portingNumbers"]).toMatch(/porting grid/);
    expect(byField["lines[1].portingRios[1]"]).toMatch(/does not match/);
    expect(byField["lines[1].portingRios[3]"]).toMatch(/RIO is required/);
    expect(await server.app.database.manager.count(Quote)).toBe(before);
  });

  it("refuses a number quoted twice, amounts beyond a GraphQL Int, and an unknown customer", async () => {
    const telephony = (numbers: string[]) => ({
      offerCode: "IP-TELEPHONY",
      quantity: 1,
      monthlyUnitPriceCents: 2000,
      setupFeeCents: 0,
      portingDirection: "INBOUND",
      portingNumbers: numbers,
    });
    const twice = await server.gql(sales, CREATE_QUOTE, {
      input: { customerId: other, lines: [telephony([GEO[0]]), telephony(["+33145678901"])] },
    });
    expect(badInputFields(twice)).toEqual([
      { field: "lines[1].portingNumbers[0]", message: expect.stringContaining("lines[0].portingNumbers[0]") },
    ]);
    const huge = await server.gql(sales, CREATE_QUOTE, {
      input: {
        customerId: other,
        lines: [{ offerCode: "MOBILE-FLEET", quantity: 100000, monthlyUnitPriceCents: 100000, setupFeeCents: 0 }],
      },
    });
    expect(badInputFields(huge).map((f) => f.field)).toContain("lines[0].monthlyUnitPriceCents");
    const nobody = await server.gql(sales, CREATE_QUOTE, {
      input: { customerId: "999999", lines: [telephony([GEO[2]])] },
    });
    expect(badInputFields(nobody)).toEqual([{ field: "customerId", message: expect.any(String) }]);
    const empty = await server.gql(sales, CREATE_QUOTE, { input: { customerId: other, lines: [] } });
    expect(badInputFields(empty)).toEqual([{ field: "lines", message: expect.any(String) }]);
  });

  it("replaces lines under optimistic locking and moves DRAFT → SENT → DECLINED", async () => {
    const quote = await createQuote(server, sales, { customerId: other, lines: exampleLines(today) });
    const newLines = [{ offerCode: "MOBILE-FLEET", quantity: 4, monthlyUnitPriceCents: 1200, setupFeeCents: 0, noticeDays: 15 }];
    const stale = await server.gql(sales, UPDATE_QUOTE, { input: { quoteId: quote.id, expectedVersion: 0, lines: newLines } });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);

    const updated = await server.gql(sales, UPDATE_QUOTE, { input: { quoteId: quote.id, expectedVersion: 1, lines: newLines } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateQuote).toMatchObject({ version: 2, status: "DRAFT", quoteDate: today });
    expect(updated.data?.updateQuote.lines).toHaveLength(1);
    expect(updated.data?.updateQuote.lines[0]).toMatchObject({ noticeMonths: null, noticeDays: 15, initialTermMonths: 3 });
    expect(updated.data?.updateQuote.totals).toEqual({
      oneOffCents: 0,
      monthlyCents: 4800,
      vatCents: 960,
      totalInclVatCents: 5760,
      totalContractValueCents: 14400,
    });
    const again = await server.gql(sales, UPDATE_QUOTE, { input: { quoteId: quote.id, expectedVersion: 1, lines: newLines } });
    expect(errorCode(again)).toBe("CONFLICT");

    const sent = await server.gql(sales, "mutation ($id: ID!) { sendQuote(quoteId: $id) { status version } }", { id: quote.id });
    expect(sent.data?.sendQuote).toEqual({ status: "SENT", version: 3 });
    const editedWhileSent = await server.gql(sales, UPDATE_QUOTE, {
      input: { quoteId: quote.id, expectedVersion: 3, lines: newLines },
    });
    expect(editedWhileSent.data?.updateQuote).toMatchObject({ status: "SENT", version: 4 });
    const declined = await server.gql(sales, "mutation ($id: ID!) { declineQuote(quoteId: $id) { status } }", { id: quote.id });
    expect(declined.data?.declineQuote.status).toBe("DECLINED");
    const afterDecline = await server.gql(sales, UPDATE_QUOTE, {
      input: { quoteId: quote.id, expectedVersion: 5, lines: newLines },
    });
    expect(errorCode(afterDecline)).toBe("CONFLICT");
    const resend = await server.gql(sales, "mutation ($id: ID!) { sendQuote(quoteId: $id) { status } }", { id: quote.id });
    expect(errorCode(resend)).toBe("CONFLICT");
    const missing = await server.gql(sales, "mutation { sendQuote(quoteId: 999999) { status } }");
    expect(errorCode(missing)).toBe("NOT_FOUND");
  });

  it("derives EXPIRED after the validity date, and then refuses edits, sending and signing", async () => {
    const quote = await createQuote(server, sales, { customerId: other, lines: exampleLines(today) });
    const custom = await createQuote(server, sales, { customerId: other, lines: exampleLines(today), validUntil: today });
    expect(custom.validUntil).toBe(today);
    expect(
      badInputFields(
        await server.gql(sales, CREATE_QUOTE, {
          input: { customerId: other, lines: exampleLines(today), validUntil: addDays(today, -1) },
        }),
      ),
    ).toEqual([{ field: "validUntil", message: expect.any(String) }]);

    await server.app.database.manager.update(Quote, { id: Number(quote.id) }, { validUntil: addDays(today, -1) });
    const read = await server.gql(integrator, GET_QUOTE, { id: quote.id });
    expect(read.data?.quote.status).toBe("EXPIRED");
    expect(read.data?.quote.termsVersion).toBeNull();
    const expired = await server.gql(integrator, `{ quotes(status: EXPIRED, customerId: ${other}) { id status } }`);
    expect(expired.data?.quotes).toContainEqual({ id: quote.id, status: "EXPIRED" });
    const drafts = await server.gql(integrator, `{ quotes(status: DRAFT, customerId: ${other}) { id } }`);
    expect(drafts.data?.quotes).not.toContainEqual({ id: quote.id });
    expect(drafts.data?.quotes).toContainEqual({ id: custom.id });

    const update = await server.gql(sales, UPDATE_QUOTE, {
      input: { quoteId: quote.id, expectedVersion: 1, lines: exampleLines(today) },
    });
    expect(errorCode(update)).toBe("CONFLICT");
    expect(update.errors?.[0]?.message).toMatch(/expired/);
    const send = await server.gql(sales, "mutation ($id: ID!) { sendQuote(quoteId: $id) { status } }", { id: quote.id });
    expect(errorCode(send)).toBe("CONFLICT");
    const sign = await server.gql(sales, SIGN_QUOTE, {
      input: { quoteId: quote.id, signerName: "X", idempotencyKey: "expired-1" },
    });
    expect(errorCode(sign)).toBe("CONFLICT");
    const decline = await server.gql(sales, "mutation ($id: ID!) { declineQuote(quoteId: $id) { status } }", { id: quote.id });
    expect(decline.data?.declineQuote.status).toBe("DECLINED");
  });

  it("lets everyone read quotes, and only SALES and ADMIN write them", async () => {
    const quote = await createQuote(server, sales, { customerId: micro, lines: [exampleLines(today)[1]] });
    const listed = await server.gql(integrator, `query ($id: ID!) { customer(id: $id) { quotes { id } } }`, { id: micro });
    expect(listed.data?.customer.quotes).toContainEqual({ id: quote.id });
    expect((await server.gql(integrator, GET_QUOTE, { id: quote.id })).data?.quote.id).toBe(quote.id);
    expect((await server.gql(integrator, "{ quote(id: 999999) { id } }")).data?.quote).toBeNull();

    const finance = await server.createToken("FINANCE");
    const writes = [
      [CREATE_QUOTE, { input: { customerId: micro, lines: [exampleLines(today)[1]] } }],
      [UPDATE_QUOTE, { input: { quoteId: quote.id, expectedVersion: 1, lines: [exampleLines(today)[1]] } }],
      ["mutation ($id: ID!) { sendQuote(quoteId: $id) { id } }", { id: quote.id }],
      ["mutation ($id: ID!) { declineQuote(quoteId: $id) { id } }", { id: quote.id }],
      [SIGN_QUOTE, { input: { quoteId: quote.id, signerName: "X", idempotencyKey: "forbidden-1" } }],
    ] as const;
    for (const token of [integrator, finance]) {
      for (const [query, variables] of writes) {
        expect(errorCode(await server.gql(token, query, variables as Record<string, unknown>))).toBe("FORBIDDEN");
      }
    }
    expect((await server.gql(integrator, GET_QUOTE, { id: quote.id })).data?.quote).toMatchObject({
      status: "DRAFT",
      version: 1,
    });
  });

  it("keeps the porting price frozen when a new grid takes effect on the quote date", async () => {
    const quote = await createQuote(server, sales, { customerId: other, lines: [exampleLines(today)[0]] });
    const admin = await server.createToken("ADMIN");
    const cheaper = { effectiveFrom: today, rows: GRID_TOMORROW.rows };
    expect((await server.gql(admin, CREATE_GRID, { input: cheaper })).errors).toBeUndefined();
    const read = await server.gql(integrator, `query ($id: ID!) { quote(id: $id) { ${QUOTE_FIELDS} } }`, { id: quote.id });
    expect(read.data?.quote.lines[0].portingCents).toBe(7000);
    expect(read.data?.quote.totals).toEqual(quote.totals);
  });
});
