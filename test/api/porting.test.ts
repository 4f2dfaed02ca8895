import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

const CREATE_GRID = `mutation ($input: PortingTariffGridInput!) {
  createPortingTariffGrid(input: $input) {
    id effectiveFrom sample
    rows { direction numberKind unit blockSize tierMode tiers { upTo unitPriceCents } fixedFeeCents outsideHoursSurchargeCents }
  }
}`;
const PRICE = `query ($input: PortingPriceInput!) {
  portingPrice(input: $input) { totalCents lines { numberKind quantity units amountCents } }
}`;
const RIO = `query ($rio: String!, $number: String!) { rioCheck(rio: $rio, number: $number) { valid expectedKey reason } }`;

/** Grid A, in force from 2031-01-01: every tier mode, unit and surcharge case. No SPECIAL row. */
const GRID_A = {
  effectiveFrom: "2031-01-01",
  rows: [
    {
      direction: "INBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_NUMBER",
      tierMode: "GRADUATED",
      tiers: [
        { upTo: 5, unitPriceCents: 1000 },
        { upTo: 20, unitPriceCents: 800 },
        { upTo: null, unitPriceCents: 500 },
      ],
      fixedFeeCents: 2000,
      outsideHoursSurchargeCents: 7500,
    },
    {
      direction: "INBOUND",
      numberKind: "NON_GEOGRAPHIC",
      unit: "PER_BLOCK",
      blockSize: 10,
      tierMode: "VOLUME",
      tiers: [
        { upTo: 2, unitPriceCents: 5000 },
        { upTo: null, unitPriceCents: 4000 },
      ],
      fixedFeeCents: 1500,
    },
    {
      direction: "INBOUND",
      numberKind: "MOBILE",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [
        { upTo: 10, unitPriceCents: 300 },
        { upTo: null, unitPriceCents: 200 },
      ],
      fixedFeeCents: 0,
      outsideHoursSurchargeCents: 1000,
    },
    {
      direction: "OUTBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 250 }],
      fixedFeeCents: 0,
    },
  ],
};

/** Grid B replaces A from 2032-06-01, with geographic numbers only. */
const GRID_B = {
  effectiveFrom: "2032-06-01",
  rows: [
    {
      direction: "INBOUND",
      numberKind: "GEOGRAPHIC",
      unit: "PER_NUMBER",
      tierMode: "VOLUME",
      tiers: [{ upTo: null, unitPriceCents: 100 }],
      fixedFeeCents: 0,
    },
  ],
};

/** n distinct geographic numbers, written in varied accepted forms. */
function geographic(n: number, from = 0): string[] {
  const forms = [(d: string) => `01${d}`, (d: string) => `+33 1 ${d}`, (d: string) => `0033-1-${d}`, (d: string) => `01.${d}`];
  return Array.from({ length: n }, (_, i) => {
    const digits = String(23450000 + from + i);
    return (forms[i % forms.length] as (d: string) => string)(digits);
  });
}

const mobiles = (n: number) => Array.from({ length: n }, (_, i) => `06 12 34 56 ${String(10 + i)}`);
const nonGeographic = (n: number) => Array.from({ length: n }, (_, i) => `09${String(70000000 + i)}`);

describe(`porting tariff grids and prices (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  let reader: string;

  const price = async (input: Record<string, unknown>) => server.gql(reader, PRICE, { input });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.createToken("ADMIN");
    reader = await server.createToken("INTEGRATOR");
    for (const grid of [GRID_A, GRID_B]) {
      const created = await server.gql(admin, CREATE_GRID, { input: grid });
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("prices GRADUATED tiers per number and VOLUME tiers, one line per kind, to the cent", async () => {
    const response = await price({ direction: "INBOUND", numbers: [...geographic(7), ...mobiles(3)], requestDate: "2031-03-15" });
    expect(response.errors).toBeUndefined();
    // Geographic: 2000 fixed + 5 × 1000 + 2 × 800; mobile: 3 × 300 (VOLUME, first tier).
    expect(response.data?.portingPrice).toEqual({
      totalCents: 9500,
      lines: [
        { numberKind: "GEOGRAPHIC", quantity: 7, units: 7, amountCents: 8600 },
        { numberKind: "MOBILE", quantity: 3, units: 3, amountCents: 900 },
      ],
    });

    const many = await price({ direction: "INBOUND", numbers: [...geographic(23), ...mobiles(12)], requestDate: "2031-03-15" });
    // 2000 + 5 × 1000 + 15 × 800 + 3 × 500 = 20500; 12 mobiles fall in the second VOLUME tier: 12 × 200.
    expect(many.data?.portingPrice.lines).toEqual([
      { numberKind: "GEOGRAPHIC", quantity: 23, units: 23, amountCents: 20500 },
      { numberKind: "MOBILE", quantity: 12, units: 12, amountCents: 2400 },
    ]);
    expect(many.data?.portingPrice.totalCents).toBe(22900);
  });

  it("counts started blocks for PER_BLOCK rows, and the VOLUME tier of the block count", async () => {
    const twenty = await price({ direction: "INBOUND", numbers: nonGeographic(20), requestDate: "2031-03-15" });
    expect(twenty.data?.portingPrice.lines).toEqual([
      { numberKind: "NON_GEOGRAPHIC", quantity: 20, units: 2, amountCents: 11500 },
    ]);
    const twentyOne = await price({ direction: "INBOUND", numbers: nonGeographic(21), requestDate: "2031-03-15" });
    // 3 blocks, all in the second tier: 1500 + 3 × 4000.
    expect(twentyOne.data?.portingPrice.lines).toEqual([
      { numberKind: "NON_GEOGRAPHIC", quantity: 21, units: 3, amountCents: 13500 },
    ]);
  });

  it("adds each row's outside-hours surcharge once per line, and nothing for rows without one", async () => {
    const response = await price({
      direction: "INBOUND",
      numbers: [...geographic(7), ...mobiles(3), ...nonGeographic(1)],
      requestDate: "2031-03-15",
      outsideBusinessHours: true,
    });
    expect(response.data?.portingPrice).toEqual({
      totalCents: 8600 + 7500 + 900 + 1000 + 6500,
      lines: [
        { numberKind: "GEOGRAPHIC", quantity: 7, units: 7, amountCents: 16100 },
        { numberKind: "NON_GEOGRAPHIC", quantity: 1, units: 1, amountCents: 6500 },
        { numberKind: "MOBILE", quantity: 3, units: 3, amountCents: 1900 },
      ],
    });
  });

  it("uses the grid in force on the request date", async () => {
    const numbers = geographic(7);
    const lastDayOfA = await price({ direction: "INBOUND", numbers, requestDate: "2032-05-31" });
    expect(lastDayOfA.data?.portingPrice.totalCents).toBe(8600);
    const firstDayOfB = await price({ direction: "INBOUND", numbers, requestDate: "2032-06-01" });
    expect(firstDayOfB.data?.portingPrice.totalCents).toBe(700);
    const outbound = await price({ direction: "OUTBOUND", numbers, requestDate: "2031-12-31" });
    expect(outbound.data?.portingPrice.totalCents).toBe(7 * 250);

    const noGrid = await price({ direction: "INBOUND", numbers, requestDate: "2019-12-31" });
    expect(noGrid.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(noGrid.errors?.[0]?.extensions?.fields).toEqual([
      { field: "requestDate", message: expect.stringContaining("2019-12-31") },
    ]);
  });

  it("refuses invalid and duplicate numbers, and kinds without a row, naming the number", async () => {
    const response = await price({
      direction: "INBOUND",
      numbers: ["01 23 45 67 89", "0012", "+33 1 23 45 67 89", "08 99 12 34 56", "+44 20 7946 0000"],
      requestDate: "2031-03-15",
    });
    expect(response.data?.portingPrice ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = response.errors?.[0]?.extensions?.fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(["numbers[1]", "numbers[2]", "numbers[4]", "numbers[3]"]);
    expect(fields[0]?.message).toContain("not a valid French number");
    expect(fields[1]?.message).toContain("same number as numbers[0]");
    expect(fields[3]?.message).toMatch(/SPECIAL.*no INBOUND SPECIAL row/);

    const mobileUnderB = await price({
      direction: "INBOUND",
      numbers: ["01 23 45 67 89", "07 11 22 33 44"],
      requestDate: "2033-01-01",
    });
    expect(mobileUnderB.errors?.[0]?.extensions?.fields).toEqual([
      { field: "numbers[1]", message: expect.stringContaining("0711223344 is a MOBILE number") },
    ]);
  });

  it("refuses a price that does not fit a GraphQL Int", async () => {
    const huge = {
      effectiveFrom: "2035-01-01",
      rows: [
        {
          direction: "OUTBOUND",
          numberKind: "MOBILE",
          unit: "PER_NUMBER",
          tierMode: "VOLUME",
          tiers: [{ upTo: null, unitPriceCents: 1_000_000_000 }],
          fixedFeeCents: 0,
        },
      ],
    };
    expect((await server.gql(admin, CREATE_GRID, { input: huge })).errors).toBeUndefined();
    const response = await price({ direction: "OUTBOUND", numbers: mobiles(3), requestDate: "2035-01-01" });
    expect(response.errors?.[0]?.extensions?.fields).toEqual([
      { field: "numbers", message: expect.stringContaining("2147483647") },
    ]);
  });

  it("lists every grid with its rows", async () => {
    const response = await server.gql(
      reader,
      "{ portingTariffGrids { effectiveFrom sample rows { direction numberKind unit blockSize tierMode tiers { upTo unitPriceCents } fixedFeeCents outsideHoursSurchargeCents } } }",
    );
    expect(response.errors).toBeUndefined();
    const grids = response.data?.portingTariffGrids as { effectiveFrom: string; sample: boolean; rows: unknown[] }[];
    expect(grids.map((g) => g.effectiveFrom)).toEqual(["2020-02-01", "2031-01-01", "2032-06-01", "2035-01-01"]);
    expect(grids[0]?.sample).toBe(true);
    expect(grids[1]?.sample).toBe(false);
    expect(grids[1]?.rows).toHaveLength(4);
    expect(grids[1]?.rows[1]).toEqual({
      direction: "INBOUND",
      numberKind: "NON_GEOGRAPHIC",
      unit: "PER_BLOCK",
      blockSize: 10,
      tierMode: "VOLUME",
      tiers: [
        { upTo: 2, unitPriceCents: 5000 },
        { upTo: null, unitPriceCents: 4000 },
      ],
      fixedFeeCents: 1500,
      outsideHoursSurchargeCents: null,
    });
  });

  it("validates a new grid, naming the field path", async () => {
    const rows = structuredClone(GRID_B.rows) as Record<string, unknown>[];
    const bad = {
      effectiveFrom: "2040-01-01",
      rows: [
        ...rows,
        {
          direction: "OUTBOUND",
          numberKind: "MOBILE",
          unit: "PER_BLOCK",
          tierMode: "GRADUATED",
          tiers: [
            { upTo: 10, unitPriceCents: 100 },
            { upTo: 5, unitPriceCents: 90 },
          ],
          fixedFeeCents: -1,
        },
      ],
    };
    const response = await server.gql(admin, CREATE_GRID, { input: bad });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = (response.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["rows[1].blockSize", "rows[1].tiers[1].upTo", "rows[1].fixedFeeCents"]));

    const sameDate = await server.gql(admin, CREATE_GRID, { input: { ...GRID_B, effectiveFrom: "2031-01-01" } });
    expect(sameDate.errors?.[0]?.extensions?.fields).toEqual([
      { field: "effectiveFrom", message: expect.stringContaining("already takes effect on 2031-01-01") },
    ]);
    const grids = await server.gql(reader, "{ portingTariffGrids { effectiveFrom } }");
    expect(grids.data?.portingTariffGrids).toHaveLength(4);
  });

  it("lets only ADMIN create grids", async () => {
    for (const role of ["SALES", "FINANCE", "INTEGRATOR"] as const) {
      const token = await server.createToken(role);
      const response = await server.gql(token, CREATE_GRID, { input: { ...GRID_B, effectiveFrom: "2041-01-01" } });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("checks RIOs without ever failing on malformed input", async () => {
    const check = async (rio: string, number: string) => (await server.gql(reader, RIO, { rio, number })).data?.rioCheck;
    expect(await check("01PEROY4P4TR", "0612345678")).toEqual({ valid: true, expectedKey: "4TR", reason: null });
    expect(await check("01 p eroy4p 4tr", "+33 6 12 34 56 78")).toEqual({ valid: true, expectedKey: "4TR", reason: null });
    const wrongKey = await check("01PEROY4P4TS", "0612345678");
    expect(wrongKey).toEqual({ valid: false, expectedKey: "4TR", reason: expect.stringContaining("expected 4TR") });
    const otherNumber = await check("01PEROY4P4TR", "0612345679");
    expect(otherNumber.valid).toBe(false);
    const malformed = await check("01PER", "not a number");
    expect(malformed.valid).toBe(false);
    expect(malformed.expectedKey).toBeNull();
    expect(malformed.reason).toMatch(/12 characters.*not a valid French number/);
    expect((await check("", "")).valid).toBe(false);
  });
});
