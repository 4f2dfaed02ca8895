import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainValidationError, type FieldError } from "../../../server/src/domain/errors.js";
import { lineTotals, type QuoteLineAmounts, quoteTotals, vatOn } from "../../../server/src/domain/quote-totals.js";

const line = (overrides: Partial<QuoteLineAmounts> = {}): QuoteLineAmounts => ({
  quantity: 1,
  monthlyUnitPriceCents: 0,
  setupFeeCents: 0,
  initialTermMonths: 12,
  ...overrides,
});

function fieldsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.fields;
    throw error;
  }
  throw new Error("expected a DomainValidationError");
}

describe("lineTotals", () => {
  it("counts the setup fee per unit and adds porting to the one-off", () => {
    expect(
      lineTotals(
        line({ quantity: 3, monthlyUnitPriceCents: 2999, setupFeeCents: 5000, initialTermMonths: 24, portingCents: 4500 }),
      ),
    ).toEqual({
      oneOffCents: 3 * 5000 + 4500,
      monthlyCents: 3 * 2999,
      contractValueCents: 3 * 5000 + 4500 + 3 * 2999 * 24,
    });
  });
});

describe("quoteTotals", () => {
  it("sums lines and computes VAT once on one-off plus one month", () => {
    const totals = quoteTotals([
      line({ quantity: 2, monthlyUnitPriceCents: 4990, setupFeeCents: 10000, initialTermMonths: 36 }),
      line({ quantity: 5, monthlyUnitPriceCents: 1999, setupFeeCents: 0, initialTermMonths: 24, portingCents: 7500 }),
    ]);
    const oneOff = 20000 + 7500;
    const monthly = 9980 + 9995;
    expect(totals).toEqual({
      oneOffCents: oneOff,
      monthlyCents: monthly,
      vatCents: 9495, // 20 % of 47 475 = 9 495.0
      totalInclVatCents: oneOff + monthly + 9495,
      totalContractValueCents: oneOff + 9980 * 36 + 9995 * 24,
    });
  });

  it.each([
    [1, 2000, 0], // 0.2 -> 0
    [2, 2000, 0], // 0.4 -> 0
    [3, 2000, 1], // 0.6 -> 1
    [5, 1000, 1], // 0.5 -> 1 (half up)
    [15, 1000, 2], // 1.5 -> 2 (half up, not to even)
    [25, 1000, 3], // 2.5 -> 3
    [999, 550, 55], // 54.945 -> 55
    [1999, 2000, 400], // 399.8 -> 400
  ])("VAT on %i cents at %i bp = %i", (base, rate, vat) => {
    expect(vatOn(base, rate)).toBe(vat);
    expect(quoteTotals([line({ setupFeeCents: base })], rate).vatCents).toBe(vat);
  });

  it("rounds on the total, not per line", () => {
    // Each line alone: 0.4 cents of VAT -> 0; together 0.8 -> 1.
    const lines = [line({ monthlyUnitPriceCents: 2 }), line({ monthlyUnitPriceCents: 2 })];
    expect(quoteTotals(lines).vatCents).toBe(1);
  });

  it("accepts an empty quote as zero", () => {
    expect(quoteTotals([])).toEqual({
      oneOffCents: 0,
      monthlyCents: 0,
      vatCents: 0,
      totalInclVatCents: 0,
      totalContractValueCents: 0,
    });
  });

  it("reports every bad field with its line", () => {
    const fields = fieldsOf(() =>
      quoteTotals(
        [
          line(),
          line({ quantity: 0, monthlyUnitPriceCents: -1, setupFeeCents: 1.5 }),
          line({ quantity: 100_001, monthlyUnitPriceCents: 1_000_000_001, portingCents: -3, initialTermMonths: -1 }),
        ],
        20.5,
      ),
    );
    expect(fields.map((f) => f.field)).toEqual([
      "vatRateBasisPoints",
      "lines[1].quantity",
      "lines[1].monthlyUnitPriceCents",
      "lines[1].setupFeeCents",
      "lines[2].quantity",
      "lines[2].monthlyUnitPriceCents",
      "lines[2].initialTermMonths",
      "lines[2].portingCents",
    ]);
    expect(fields[1]?.message).toEqual({
      fr: "La quantité doit être un nombre entier de 1 à 100000 ; reçu : 0.",
      en: "The quantity must be a whole number from 1 to 100000; got 0.",
    });
  });

  it("accepts the largest inputs exactly, VAT included", () => {
    const big = line({
      quantity: 100_000,
      monthlyUnitPriceCents: 1_000_000_000,
      setupFeeCents: 1_000_000_000,
      initialTermMonths: 12,
    });
    const totals = quoteTotals([big]);
    expect(totals.vatCents).toBe(2 * 100_000 * 1_000_000_000 * 0.2);
    expect(Number.isSafeInteger(totals.totalContractValueCents)).toBe(true);
  });

  it("refuses totals beyond exact integers instead of rounding", () => {
    const big = line({ quantity: 100_000, monthlyUnitPriceCents: 1_000_000_000, initialTermMonths: 1200 });
    expect(fieldsOf(() => quoteTotals([big]))[0]?.field).toMatch(/^lines\[0\]/);
  });
});

describe("properties", () => {
  const lineArb = fc.record({
    quantity: fc.integer({ min: 1, max: 100_000 }),
    monthlyUnitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
    setupFeeCents: fc.integer({ min: 0, max: 10_000_000 }),
    initialTermMonths: fc.integer({ min: 0, max: 120 }),
    portingCents: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
  });

  it("amounts are non-negative safe integers, consistent with each other; VAT within half a cent of 20 %", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), (lines) => {
        const t = quoteTotals(lines);
        for (const v of Object.values(t)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        const base = t.oneOffCents + t.monthlyCents;
        // |vat - base/5| <= 1/2  <=>  |5 vat - base| <= 2.5
        expect(Math.abs(5 * t.vatCents - base)).toBeLessThanOrEqual(2.5);
        expect(t.totalInclVatCents).toBe(base + t.vatCents);
        expect(t.totalContractValueCents).toBe(
          t.oneOffCents + lines.reduce((s, l) => s + l.quantity * l.monthlyUnitPriceCents * l.initialTermMonths, 0),
        );
      }),
    );
  });

  it("VAT rounds half up at any rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (base, rate) => {
        const vat = vatOn(base, rate);
        const exact = BigInt(base) * BigInt(rate); // VAT x 10 000
        expect(BigInt(vat) * 10000n - exact <= 5000n && exact - BigInt(vat) * 10000n < 5000n).toBe(true);
      }),
    );
  });
});
