import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainValidationError, type FieldError } from "../../../server/src/domain/errors.js";
import {
  type PortingPriceRequest,
  type PortingTariffGrid,
  type PortingTariffRow,
  type PriceTier,
  pricePorting,
  selectGridInForce,
  tieredPrice,
  unitsFor,
  validateTariffGrid,
} from "../../../server/src/domain/porting-price.js";

const TIERS: PriceTier[] = [
  { upTo: 10, unitPriceCents: 1000 },
  { upTo: 100, unitPriceCents: 800 },
  { upTo: null, unitPriceCents: 500 },
];

function row(overrides: Partial<PortingTariffRow> = {}): PortingTariffRow {
  return {
    direction: "INBOUND",
    numberKind: "GEOGRAPHIC",
    unit: "PER_NUMBER",
    blockSize: null,
    tierMode: "VOLUME",
    tiers: TIERS,
    fixedFeeCents: 0,
    outsideHoursSurchargeCents: null,
    ...overrides,
  };
}

function fieldsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.fields;
    throw error;
  }
  throw new Error("expected a DomainValidationError");
}

describe("tieredPrice", () => {
  it.each([
    // units, VOLUME, GRADUATED
    [0, 0, 0],
    [1, 1000, 1000],
    [10, 10 * 1000, 10 * 1000],
    [11, 11 * 800, 10 * 1000 + 1 * 800],
    [100, 100 * 800, 10 * 1000 + 90 * 800],
    [101, 101 * 500, 10 * 1000 + 90 * 800 + 1 * 500],
    [250, 250 * 500, 10 * 1000 + 90 * 800 + 150 * 500],
  ])("%i units: VOLUME %i, GRADUATED %i", (units, volume, graduated) => {
    expect(tieredPrice(units, TIERS, "VOLUME")).toBe(volume);
    expect(tieredPrice(units, TIERS, "GRADUATED")).toBe(graduated);
  });

  it("can make GRADUATED dearer than VOLUME (so neither bounds the other)", () => {
    expect(tieredPrice(11, TIERS, "GRADUATED")).toBeGreaterThan(tieredPrice(11, TIERS, "VOLUME"));
  });

  it("throws beyond a bounded last tier", () => {
    expect(() => tieredPrice(11, [{ upTo: 10, unitPriceCents: 1 }], "VOLUME")).toThrow(RangeError);
    expect(() => tieredPrice(11, [{ upTo: 10, unitPriceCents: 1 }], "GRADUATED")).toThrow(RangeError);
  });
});

describe("unitsFor", () => {
  it.each([
    [1, 1],
    [9, 1],
    [10, 1],
    [11, 2],
    [100, 10],
    [101, 11],
  ])("PER_BLOCK of 10: %i numbers -> %i blocks", (quantity, units) => {
    expect(unitsFor({ unit: "PER_BLOCK", blockSize: 10 }, quantity)).toBe(units);
  });
  it("PER_NUMBER counts each number", () => {
    expect(unitsFor({ unit: "PER_NUMBER", blockSize: null }, 7)).toBe(7);
  });
});

describe("validateTariffGrid", () => {
  const grid = (rows: PortingTariffRow[], effectiveFrom = "2025-01-01"): PortingTariffGrid => ({ effectiveFrom, rows });

  it("accepts a sound grid", () => {
    expect(
      validateTariffGrid(grid([row(), row({ numberKind: "MOBILE", unit: "PER_BLOCK", blockSize: 10, tierMode: "GRADUATED" })])),
    ).toEqual([]);
  });

  it.each<[string, PortingTariffRow[], string]>([
    [
      "descending bounds",
      [
        row({
          tiers: [
            { upTo: 10, unitPriceCents: 1 },
            { upTo: 5, unitPriceCents: 1 },
            { upTo: null, unitPriceCents: 1 },
          ],
        }),
      ],
      "rows[0].tiers[1].upTo",
    ],
    [
      "equal bounds",
      [
        row({
          tiers: [
            { upTo: 10, unitPriceCents: 1 },
            { upTo: 10, unitPriceCents: 1 },
            { upTo: null, unitPriceCents: 1 },
          ],
        }),
      ],
      "rows[0].tiers[1].upTo",
    ],
    [
      "unbounded tier before the last",
      [
        row({
          tiers: [
            { upTo: null, unitPriceCents: 1 },
            { upTo: null, unitPriceCents: 1 },
          ],
        }),
      ],
      "rows[0].tiers[0].upTo",
    ],
    ["bounded last tier", [row({ tiers: [{ upTo: 10, unitPriceCents: 1 }] })], "rows[0].tiers[0].upTo"],
    [
      "zero bound",
      [
        row({
          tiers: [
            { upTo: 0, unitPriceCents: 1 },
            { upTo: null, unitPriceCents: 1 },
          ],
        }),
      ],
      "rows[0].tiers[0].upTo",
    ],
    ["no tiers", [row({ tiers: [] })], "rows[0].tiers"],
    ["negative price", [row({ tiers: [{ upTo: null, unitPriceCents: -1 }] })], "rows[0].tiers[0].unitPriceCents"],
    ["fractional price", [row({ tiers: [{ upTo: null, unitPriceCents: 1.5 }] })], "rows[0].tiers[0].unitPriceCents"],
    ["negative fixed fee", [row({ fixedFeeCents: -100 })], "rows[0].fixedFeeCents"],
    ["negative surcharge", [row({ outsideHoursSurchargeCents: -1 })], "rows[0].outsideHoursSurchargeCents"],
    ["PER_BLOCK without block size", [row({ unit: "PER_BLOCK", blockSize: null })], "rows[0].blockSize"],
    ["PER_BLOCK of 0", [row({ unit: "PER_BLOCK", blockSize: 0 })], "rows[0].blockSize"],
    ["PER_NUMBER with block size", [row({ blockSize: 10 })], "rows[0].blockSize"],
    ["two rows for one pair", [row(), row({ direction: "OUTBOUND" }), row({ fixedFeeCents: 5 })], "rows[2].numberKind"],
    ["unknown kind", [row({ numberKind: "SATELLITE" as never })], "rows[0].numberKind"],
  ])("reports %s", (_label, rows, field) => {
    expect(validateTariffGrid(grid(rows)).map((e) => e.field)).toEqual([field]);
  });

  it("reports a bad date and an empty grid", () => {
    expect(validateTariffGrid(grid([], "2025-02-30")).map((e) => e.field)).toEqual(["effectiveFrom", "rows"]);
  });

  it("names the earlier row of a duplicate pair", () => {
    const [error] = validateTariffGrid(grid([row(), row()]));
    expect(error?.message.en).toMatch(/INBOUND GEOGRAPHIC is already priced by rows\[0\]/);
    expect(error?.message.fr).toMatch(/INBOUND GEOGRAPHIC est déjà tarifé par rows\[0\]/);
  });
});

describe("selectGridInForce", () => {
  const grids = [{ effectiveFrom: "2025-01-01" }, { effectiveFrom: "2025-07-01" }, { effectiveFrom: "2024-01-01" }];
  it.each([
    ["2023-12-31", null],
    ["2024-01-01", "2024-01-01"],
    ["2024-12-31", "2024-01-01"],
    ["2025-01-01", "2025-01-01"],
    ["2025-06-30", "2025-01-01"],
    ["2025-07-01", "2025-07-01"],
    ["2030-01-01", "2025-07-01"],
  ])("on %s -> %s", (date, expected) => {
    expect(selectGridInForce(grids, date)?.effectiveFrom ?? null).toBe(expected);
  });
});

describe("pricePorting", () => {
  const grid2025: PortingTariffGrid = {
    effectiveFrom: "2025-01-01",
    rows: [
      row({
        numberKind: "GEOGRAPHIC",
        unit: "PER_BLOCK",
        blockSize: 10,
        tierMode: "GRADUATED",
        tiers: [
          { upTo: 1, unitPriceCents: 5000 },
          { upTo: null, unitPriceCents: 2000 },
        ],
        fixedFeeCents: 3000,
        outsideHoursSurchargeCents: 15000,
      }),
      row({
        numberKind: "MOBILE",
        tierMode: "VOLUME",
        tiers: [
          { upTo: 2, unitPriceCents: 1500 },
          { upTo: null, unitPriceCents: 1000 },
        ],
        fixedFeeCents: 0,
        outsideHoursSurchargeCents: null,
      }),
      row({
        numberKind: "SPECIAL",
        tiers: [{ upTo: null, unitPriceCents: 9000 }],
        fixedFeeCents: 1000,
        outsideHoursSurchargeCents: 5000,
      }),
      row({ direction: "OUTBOUND", numberKind: "MOBILE", tiers: [{ upTo: null, unitPriceCents: 0 }] }),
    ],
  };
  const grid2024: PortingTariffGrid = {
    effectiveFrom: "2024-01-01",
    rows: [row({ numberKind: "MOBILE", tiers: [{ upTo: null, unitPriceCents: 100 }], fixedFeeCents: 50 })],
  };
  const grids = [grid2024, grid2025];
  const request = (overrides: Partial<PortingPriceRequest>): PortingPriceRequest => ({
    direction: "INBOUND",
    numbers: [],
    requestDate: "2025-03-01",
    ...overrides,
  });

  it("prices one line per kind, in kind order", () => {
    const numbers = ["06 12 34 56 78", "01 23 45 67 80", "+33 7 00 00 00 01", "0123456781", "06.00.00.00.02"];
    const price = pricePorting(request({ numbers }), grids);
    expect(price.lines).toEqual([
      // 2 numbers -> 1 block of 10; GRADUATED: 1 block at 50.00; fixed 30.00
      { numberKind: "GEOGRAPHIC", quantity: 2, units: 1, amountCents: 3000 + 5000 },
      // 3 numbers, VOLUME: total falls in the 2nd tier, all at 10.00
      { numberKind: "MOBILE", quantity: 3, units: 3, amountCents: 3 * 1000 },
    ]);
    expect(price.totalCents).toBe(8000 + 3000);
  });

  it("rounds blocks up and grades them", () => {
    const numbers = Array.from({ length: 21 }, (_, i) => `01 00 00 00 ${String(i).padStart(2, "0")}`);
    const [line] = pricePorting(request({ numbers }), grids).lines;
    // 21 numbers -> 3 blocks: 1 at 50.00 + 2 at 20.00, + 30.00 fixed
    expect(line).toEqual({ numberKind: "GEOGRAPHIC", quantity: 21, units: 3, amountCents: 3000 + 5000 + 2 * 2000 });
  });

  it("adds the outside-hours surcharge once per line; none where the row has none", () => {
    const numbers = ["0123456789", "0123456788", "0612345678", "0800123456"];
    const inHours = pricePorting(request({ numbers }), grids);
    const outside = pricePorting(request({ numbers, outsideBusinessHours: true }), grids);
    expect(
      outside.lines.map((l) => l.amountCents - (inHours.lines.find((i) => i.numberKind === l.numberKind)?.amountCents ?? 0)),
    ).toEqual([15000, 5000, 0]);
    expect(outside.lines.map((l) => l.numberKind)).toEqual(["GEOGRAPHIC", "SPECIAL", "MOBILE"]);
    expect(outside.totalCents).toBe(inHours.totalCents + 20000);
  });

  it("uses the grid in force on the request date (day before / day of)", () => {
    const numbers = ["0612345678"];
    expect(pricePorting(request({ numbers, requestDate: "2024-12-31" }), grids).totalCents).toBe(150);
    expect(pricePorting(request({ numbers, requestDate: "2025-01-01" }), grids).totalCents).toBe(1500);
    expect(pricePorting(request({ numbers, requestDate: "2025-01-01" }), grid2025).totalCents).toBe(1500);
    expect(fieldsOf(() => pricePorting(request({ numbers, requestDate: "2023-12-31" }), grids))).toEqual([
      {
        field: "requestDate",
        message: {
          fr: "Aucune grille tarifaire de portabilité n'est en vigueur le 2023-12-31.",
          en: "No porting tariff grid is in force on 2023-12-31.",
        },
      },
    ]);
    expect(fieldsOf(() => pricePorting(request({ numbers, requestDate: "2024-12-31" }), grid2025))[0]?.field).toBe("requestDate");
    expect(fieldsOf(() => pricePorting(request({ numbers }), null))[0]?.field).toBe("requestDate");
  });

  it("prices by direction", () => {
    expect(pricePorting(request({ direction: "OUTBOUND", numbers: ["0612345678"] }), grids).totalCents).toBe(0);
  });

  it("collects every error: invalid, duplicate, kind without row", () => {
    const numbers = ["06 12 34 56 78", "0899 12 34 5", "+33612345678", "09 70 00 00 00", "09 70 00 00 01"];
    expect(fieldsOf(() => pricePorting(request({ numbers }), grids))).toEqual([
      { field: "numbers[1]", message: expect.objectContaining({ en: expect.stringContaining("is not a valid French number") }) },
      {
        field: "numbers[2]",
        message: expect.objectContaining({ en: expect.stringMatching(/same number as numbers\[0\], \+33612345678/) }),
      },
      {
        field: "numbers[3]",
        message: expect.objectContaining({
          en: expect.stringMatching(/is a NON_GEOGRAPHIC number.*no INBOUND NON_GEOGRAPHIC row/),
        }),
      },
    ]);
  });

  it("refuses an empty list and a bad date together", () => {
    expect(fieldsOf(() => pricePorting(request({ numbers: [], requestDate: "2025-13-01" }), grids)).map((e) => e.field)).toEqual([
      "numbers",
      "requestDate",
    ]);
  });
});

describe("properties", () => {
  const tiersArb = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 5, maxLength: 5 }),
    )
    .map(([bounds, prices]) => {
      const sorted = [...bounds].sort((a, b) => a - b);
      return [...sorted, null].map((upTo, i) => ({ upTo, unitPriceCents: prices[i] as number }));
    });
  const priceOfUnit = (n: number, tiers: PriceTier[]) =>
    (tiers.find((t) => t.upTo === null || n <= t.upTo) as PriceTier).unitPriceCents;

  it("GRADUATED is the sum of each unit's own tier price; VOLUME is units x the total's tier price", () => {
    fc.assert(
      fc.property(tiersArb, fc.integer({ min: 0, max: 1000 }), (tiers, units) => {
        let naive = 0;
        for (let n = 1; n <= units; n++) naive += priceOfUnit(n, tiers);
        expect(tieredPrice(units, tiers, "GRADUATED")).toBe(naive);
        expect(tieredPrice(units, tiers, "VOLUME")).toBe(units === 0 ? 0 : units * priceOfUnit(units, tiers));
      }),
    );
  });

  it("amounts are non-negative safe integers and lines add up", () => {
    const kinds = fc.constantFrom("01", "06", "07", "08", "09");
    const numbersArb = fc.uniqueArray(
      fc.tuple(kinds, fc.integer({ min: 0, max: 99_999_999 })).map(([p, n]) => `${p}${String(n).padStart(8, "0")}`),
      { minLength: 1, maxLength: 60 },
    );
    const rowArb = (numberKind: PortingTariffRow["numberKind"]) =>
      fc
        .record({
          tiers: tiersArb,
          block: fc.option(fc.integer({ min: 1, max: 100 })),
          mode: fc.constantFrom("VOLUME" as const, "GRADUATED" as const),
          fee: fc.integer({ min: 0, max: 1_000_000 }),
          surcharge: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
        })
        .map(({ tiers, block, mode, fee, surcharge }) =>
          row({
            numberKind,
            tiers,
            tierMode: mode,
            unit: block === null ? "PER_NUMBER" : "PER_BLOCK",
            blockSize: block,
            fixedFeeCents: fee,
            outsideHoursSurchargeCents: surcharge,
          }),
        );
    const gridArb = fc
      .tuple(rowArb("GEOGRAPHIC"), rowArb("NON_GEOGRAPHIC"), rowArb("SPECIAL"), rowArb("MOBILE"))
      .map((rows) => ({ effectiveFrom: "2025-01-01", rows }));
    fc.assert(
      fc.property(gridArb, numbersArb, fc.boolean(), (grid, numbers, outside) => {
        expect(validateTariffGrid(grid)).toEqual([]);
        const price = pricePorting({ direction: "INBOUND", numbers, requestDate: "2025-06-01", outsideBusinessHours: outside }, [
          grid,
        ]);
        for (const line of price.lines) {
          expect(Number.isSafeInteger(line.amountCents) && line.amountCents >= 0).toBe(true);
          expect(line.units).toBeLessThanOrEqual(line.quantity);
        }
        expect(price.lines.reduce((s, l) => s + l.quantity, 0)).toBe(numbers.length);
        expect(price.totalCents).toBe(price.lines.reduce((s, l) => s + l.amountCents, 0));
        expect(Number.isSafeInteger(price.totalCents) && price.totalCents >= 0).toBe(true);
      }),
    );
  });
});
