import { describe, expect, it } from "vitest";
import { PROTECTED_CATEGORIES, WAIVABLE_CATEGORIES } from "../../../server/src/domain/catalogue.js";
import { isProtected, protectedTermError, waiverCounts } from "../../../server/src/domain/consumer-protection.js";

describe("the waiver counts from its date (convention, SPEC section 4)", () => {
  it.each([
    ["MICRO", "2025-06-01", "2025-06-01", true, "dated on the quote or signing day"],
    ["MICRO", "2025-06-01", "2025-07-01", true, "dated before"],
    ["SMALL", "2025-06-01", "2025-05-31", false, "dated after: it does not reach back"],
    ["NON_PROFIT", null, "2025-06-01", false, "no waiver"],
    ["CONSUMER", "2025-01-01", "2025-06-01", false, "a consumer cannot waive"],
    ["OTHER", "2025-01-01", "2025-06-01", false, "nothing to waive"],
  ] as const)("%s waiver %s on %s → %s (%s)", (category, waiverSignedOn, onDate, counts, _why) => {
    expect(waiverCounts({ category, waiverSignedOn }, onDate)).toBe(counts);
  });
});

describe("who is protected (one list: catalogue.ts PROTECTED_CATEGORIES)", () => {
  it.each([
    ["CONSUMER", "MOBILE_FLEET", true, true],
    ["MICRO", "IP_TELEPHONY", false, true],
    ["MICRO", "IP_TELEPHONY", true, false],
    ["OTHER", "IP_ACCESS_WIRED", false, false],
    ["SMALL", "BACKUP", false, false],
    ["NON_PROFIT", null, false, true],
  ] as const)("%s on %s, waiver %s → %s", (category, family, waiver, expected) => {
    expect(isProtected(category, family, waiver)).toBe(expected);
  });

  it("uses the lists of the catalogue: every waivable category is protected", () => {
    expect(WAIVABLE_CATEGORIES.every((c) => PROTECTED_CATEGORIES.includes(c))).toBe(true);
    expect(PROTECTED_CATEGORIES.filter((c) => isProtected(c, "IP_TELEPHONY", false))).toEqual(PROTECTED_CATEGORIES);
  });

  it("words the 24-month refusal in both languages, a consumer told it cannot waive", () => {
    const consumer = protectedTermError("lines[0].initialTermMonths", 36, "CONSUMER");
    expect(consumer.field).toBe("lines[0].initialTermMonths");
    expect(consumer.message.fr).toMatch(
      /^La durée d'engagement de 36 mois dépasse les 24 mois autorisés.*un particulier ne peut pas y renoncer\.$/,
    );
    expect(consumer.message.en).toMatch(/^36 months is too long.*a CONSUMER cannot waive it\)\.$/);
  });
});
