import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRio, normalizeRio, rioKey, rioParts } from "../../../server/src/domain/rio.js";

describe("rioKey", () => {
  it("gives the published example: 01PEROY4P + 0612345678 -> 4TR", () => {
    expect(rioKey("01PEROY4P", "0612345678")).toBe("4TR");
  });
  it("ignores case", () => {
    expect(rioKey("01peroy4p", "0612345678")).toBe("4TR");
  });
  it("refuses malformed arguments", () => {
    expect(() => rioKey("01PEROY4", "0612345678")).toThrow(RangeError);
    expect(() => rioKey("01PEROY4P", "+33612345678")).toThrow(RangeError);
  });
});

describe("checkRio", () => {
  it.each([
    ["01PEROY4P4TR", "0612345678"],
    ["01 P EROY4P 4TR", "06 12 34 56 78"],
    ["01peroy4p4tr", "+33612345678"],
  ])("accepts %s for %s", (rio, number) => {
    expect(checkRio(rio, number)).toEqual({ valid: true, expectedKey: "4TR", reason: null });
  });

  it("refuses a key that does not match, naming both keys", () => {
    expect(checkRio("01PEROY4P4TX", "0612345678")).toEqual({
      valid: false,
      expectedKey: "4TR",
      reason: {
        fr: "La clé 4TX du RIO ne correspond pas au numéro 0612345678 ; la clé attendue est 4TR.",
        en: "The RIO key 4TX does not match the number 0612345678; expected 4TR.",
      },
    });
  });

  it("refuses the right RIO for another number", () => {
    const check = checkRio("01PEROY4P4TR", "0612345679");
    expect(check.valid).toBe(false);
    expect(check.expectedKey).not.toBe("4TR");
  });

  it.each([
    ["01PEROY4P4T", "0612345678", /must have 12 characters.*has 11/],
    ["01PEROY4P4TRX", "0612345678", /has 13/],
    ["01PER_Y4P4TR", "0612345678", /characters that are not allowed: only letters and digits/],
    ["01PER+Y4P4TR", "0612345678", /characters that are not allowed: only letters and digits, and \+ in the key/],
    ["01PEROY4P4TR", "0612 34", /is not a valid French number/],
  ])("refuses malformed %s / %s with no expected key", (rio, number, reason) => {
    const check = checkRio(rio, number);
    expect(check.valid).toBe(false);
    expect(check.expectedKey).toBeNull();
    expect(check.reason?.en).toMatch(reason);
    // Neither language repeats the input (rioCheck answers do not echo what was sent).
    expect(`${check.reason?.fr} ${check.reason?.en}`).not.toContain(rio);
  });

  it("reports a malformed RIO and a malformed number together", () => {
    expect(checkRio("X", "12")).toMatchObject({ valid: false, expectedKey: null });
    expect(checkRio("X", "12").reason?.en).toMatch(/12 characters.*not a valid French number/);
    expect(checkRio("X", "12").reason?.fr).toMatch(/12 caractères.*pas un numéro français valide/);
  });

  it("normalises and splits", () => {
    expect(normalizeRio(" 01 p eroy4p 4tr ")).toBe("01PEROY4P4TR");
    expect(rioParts("01PEROY4P4TR")).toEqual({ operator: "01", contractType: "P", reference: "EROY4P", key: "4TR" });
  });
});

describe("properties", () => {
  const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const keyChars = `${alnum}+`;
  const head = fc.array(fc.constantFrom(...alnum), { minLength: 9, maxLength: 9 }).map((c) => c.join(""));
  const national = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 99_999_999 }))
    .map(([first, rest]) => `0${first}${String(rest).padStart(8, "0")}`);

  it("a computed key is accepted, and any single-character change of it is refused", () => {
    fc.assert(
      fc.property(head, national, fc.integer({ min: 0, max: 2 }), fc.constantFrom(...keyChars), (h, n, pos, c) => {
        const key = rioKey(h, n);
        expect(key).toMatch(/^[A-Z0-9+]{3}$/);
        expect(checkRio(h + key, n)).toEqual({ valid: true, expectedKey: key, reason: null });
        const changed = key.slice(0, pos) + c + key.slice(pos + 1);
        const check = checkRio(h + changed, n);
        expect(check.valid).toBe(changed === key);
        expect(check.expectedKey).toBe(key);
      }),
    );
  });
});
