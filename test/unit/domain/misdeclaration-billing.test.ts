import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hourlyRateErrors,
  MAX_HOURLY_RATE_CENTS,
  MAX_MINUTES,
  minutesErrors,
  misdeclarationAmountCents,
  timeAmountCents,
} from "../../../server/src/domain/misdeclaration-billing.js";

describe("misdeclarationAmountCents", () => {
  it.each([
    [60, 9000, 9000], // one hour at 90 €/h
    [45, 9000, 6750], // 67.50 €
    [7, 9001, 1050], // 1050.1166… → 1050
    [1, 30, 1], // 0.5 → 1 (half up)
    [1, 29, 0], // 0.4833… → 0
    [1, 90, 2], // 1.5 → 2 (half up, not to even)
    [5, 150, 13], // 12.5 → 13
    [0, 9000, 0],
    [90, 0, 0],
    [MAX_MINUTES, MAX_HOURLY_RATE_CENTS, 744_000_000],
  ])("%i minutes at %i cents/h = %i cents", (minutes, rate, amount) => {
    expect(misdeclarationAmountCents(minutes, rate)).toBe(amount);
  });
});

describe("bounds", () => {
  it("refuses fractional, negative and huge values with the field name", () => {
    expect(minutesErrors("minutesSpent", 10)).toEqual([]);
    expect(minutesErrors("minutesSpent", -1)[0]?.field).toBe("minutesSpent");
    expect(minutesErrors("minutes", 1.5)).toHaveLength(1);
    expect(minutesErrors("minutes", 0, 1)).toHaveLength(1);
    expect(minutesErrors("minutes", MAX_MINUTES + 1)).toHaveLength(1);
    expect(hourlyRateErrors("hourlyRateCents", MAX_HOURLY_RATE_CENTS + 1)[0]?.field).toBe("hourlyRateCents");
    expect(hourlyRateErrors("hourlyRateCents", 9000)).toEqual([]);
  });
});

const minutes = fc.integer({ min: 0, max: MAX_MINUTES });
const rate = fc.integer({ min: 0, max: MAX_HOURLY_RATE_CENTS });

describe("properties", () => {
  it("is a non-negative integer that fits a GraphQL Int", () => {
    fc.assert(
      fc.property(minutes, rate, (m, r) => {
        const amount = timeAmountCents(m, r);
        return Number.isInteger(amount) && amount >= 0 && amount <= 2_147_483_647;
      }),
    );
  });

  it("is monotonic in minutes and in the rate", () => {
    fc.assert(
      fc.property(minutes, minutes, rate, (a, b, r) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return timeAmountCents(lo, r) <= timeAmountCents(hi, r) && timeAmountCents(lo, lo) <= timeAmountCents(lo, hi);
      }),
    );
  });

  it("is within half a cent of the exact amount, ties rounded up", () => {
    fc.assert(
      fc.property(minutes, rate, (m, r) => {
        const exactTimes60 = m * r;
        const diff = timeAmountCents(m, r) * 60 - exactTimes60; // (rounded - exact) × 60
        return diff > -30 && diff <= 30;
      }),
    );
  });

  it("bills whole hours exactly", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 744 }), rate, (h, r) => timeAmountCents(h * 60, r) === h * r));
  });
});
