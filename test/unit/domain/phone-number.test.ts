import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../server/src/domain/errors.js";
import {
  formatNationalNumber,
  nationalNumber,
  parseFrenchNumber,
  tryParseFrenchNumber,
} from "../../../server/src/domain/phone-number.js";

describe("parseFrenchNumber", () => {
  it.each([
    ["0612345678", "+33612345678", "0612345678", "MOBILE"],
    ["06 12 34 56 78", "+33612345678", "0612345678", "MOBILE"],
    ["06.12.34.56.78", "+33612345678", "0612345678", "MOBILE"],
    ["06-12-34-56-78", "+33612345678", "0612345678", "MOBILE"],
    ["+33 6 12 34 56 78", "+33612345678", "0612345678", "MOBILE"],
    ["+33612345678", "+33612345678", "0612345678", "MOBILE"],
    ["0033 7 12 34 56 78", "+33712345678", "0712345678", "MOBILE"],
    ["+33 (0)1 23 45 67 89", "+33123456789", "0123456789", "GEOGRAPHIC"],
    ["01 23 45 67 89", "+33123456789", "0123456789", "GEOGRAPHIC"],
    ["05 56 00 00 00", "+33556000000", "0556000000", "GEOGRAPHIC"],
    ["09 70 00 00 00", "+33970000000", "0970000000", "NON_GEOGRAPHIC"],
    ["0800 123 456", "+33800123456", "0800123456", "SPECIAL"],
    [" 08 99 12 34 56 ", "+33899123456", "0899123456", "SPECIAL"],
  ])("%s -> %s", (raw, e164, national, kind) => {
    expect(parseFrenchNumber(raw)).toEqual({ e164, national, kind });
  });

  it.each([
    ["0899 12 34 5", /^This is not a valid French number: it has 8 digits/],
    ["06 12 34 56 789", /has 10 digits/],
    ["00 12 34 56 78", /cannot be 0/],
    ["+33 06 12 34 56 78", /drop the trunk 0/],
    ["+44 20 7946 0958", /only French numbers/],
    ["612345678", /must start with \+33, 0033 or 0/],
    ["06 12 34 56 7a", /only digits, spaces, dots, dashes/],
    ["06/12/34/56/78", /only digits/],
    ["", /empty/],
    ["   ", /empty/],
  ])("refuses %j", (raw, reason) => {
    const parsed = tryParseFrenchNumber(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason.en).toMatch(reason);
      // The reason never repeats the input (answers do not echo a client's payload).
      if (raw.trim() !== "") expect(`${parsed.reason.fr} ${parsed.reason.en}`).not.toContain(raw);
    }
  });

  it("throws a DomainValidationError on the given field", () => {
    try {
      parseFrenchNumber("0899 12 34 5", "numbers[3]");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).fields).toEqual([
        {
          field: "numbers[3]",
          message: expect.objectContaining({ en: expect.stringContaining("is not a valid French number") }),
        },
      ]);
    }
  });

  it("gives the national and display forms", () => {
    expect(nationalNumber("+33612345678")).toBe("0612345678");
    expect(formatNationalNumber("+33612345678")).toBe("06 12 34 56 78");
  });
});

describe("properties", () => {
  const e164 = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
    .map(([first, rest]) => `+33${first}${rest.join("")}`);
  const separator = fc.constantFrom("", " ", ".", "-", " - ");

  it("normalisation is idempotent: parse(format(x)) == x", () => {
    fc.assert(
      fc.property(e164, (x) => {
        const parsed = parseFrenchNumber(x);
        expect(parsed.e164).toBe(x);
        expect(parseFrenchNumber(formatNationalNumber(x)).e164).toBe(x);
        expect(parseFrenchNumber(parsed.national)).toEqual(parsed);
      }),
    );
  });

  it("separators anywhere do not change the number", () => {
    fc.assert(
      fc.property(e164, fc.array(separator, { minLength: 10, maxLength: 10 }), fc.boolean(), (x, seps, national) => {
        const digits = national ? `0${x.slice(3)}` : x.slice(1);
        const spaced = (national ? "" : "+") + [...digits].map((d, i) => d + (seps[i] ?? "")).join("");
        expect(parseFrenchNumber(spaced).e164).toBe(x);
      }),
    );
  });
});
