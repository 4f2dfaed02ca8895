import { describe, expect, it } from "vitest";
import { luhnValid, validateSiren, validateSiret } from "../../../server/src/domain/siren.js";

describe("validateSiren", () => {
  it.each([
    ["732829320", "732829320"],
    ["552100554", "552100554"],
    ["732 829 320", "732829320"],
    // La Poste's SIREN passes plain Luhn; its exception is for SIRETs.
    ["356000000", "356000000"],
  ])("accepts %s", (siren, value) => {
    expect(validateSiren(siren)).toEqual({ ok: true, value });
  });

  it.each([
    ["732829321", /"732829321" is not a valid SIREN: its check digit is wrong/],
    ["123456789", /check digit/],
    ["73282932", /must have 9 digits; it has 8/],
    ["7328293200", /it has 10/],
    ["73282932A", /only digits/],
    ["", /must have 9 digits; it has 0/],
  ])("refuses %j", (siren, message) => {
    const result = validateSiren(siren);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe("siren");
      expect(result.error.message.en).toMatch(message);
    }
  });
});

describe("validateSiret and La Poste's exception", () => {
  it.each([
    ["73282932000074", "Luhn"],
    ["732 829 320 00074", "Luhn, spaced"],
    ["35600000000048", "La Poste head office, plain Luhn"],
    ["35600000049837", "La Poste establishment: digit sum 45, not Luhn"],
    ["35600000009075", "La Poste establishment: digit sum 35, not Luhn"],
  ])("accepts %s (%s)", (siret) => {
    expect(validateSiret(siret).ok).toBe(true);
  });

  it.each([
    ["35600000009076", "La Poste, digit sum 36, not Luhn"],
    ["73282932000075", "Luhn fails"],
    ["12345678900009", "digit sum 45 but not La Poste"],
  ])("refuses %s (%s)", (siret) => {
    expect(validateSiret(siret).ok).toBe(false);
  });

  it("checks the premise: La Poste establishments fail Luhn", () => {
    expect(luhnValid("35600000049837")).toBe(false);
  });
});
