import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../server/src/domain/errors.js";
import {
  mandateLapsed,
  maskIban,
  normalizeMandateReference,
  validateBic,
  validateCreditorIdentifier,
  validateIban,
  validateMandateReference,
  validateSepaMandate,
} from "../../../server/src/domain/sepa.js";

describe("validateIban", () => {
  it.each([
    ["FR1420041010050500013M02606", "FR1420041010050500013M02606"],
    ["fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606"],
    ["DE89370400440532013000", "DE89370400440532013000"],
    ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    ["GB82WEST12345698765432", "GB82WEST12345698765432"],
    ["BE68539007547034", "BE68539007547034"],
  ])("accepts %s", (iban, value) => {
    expect(validateIban(iban)).toEqual({ ok: true, value });
  });

  it.each([
    ["FR1520041010050500013M02606", /fails the IBAN checksum/, "bad checksum"],
    ["DE88370400440532013000", /fails the IBAN checksum/, "bad checksum"],
    // IBAN checksum right, RIB key (last 2 digits) wrong
    ["FR8420041010050500013M02607", /RIB key/, "bad French RIB key"],
    ["FR1420041010050500013M0260", /has 26 characters/, "too short"],
    ["XX1420041010050500013M02606", /country code/, "unknown country"],
    ["FR14-2004-1010", /letters, digits and spaces/, "dashes"],
    ["", /required/, "empty"],
    // valid IBAN, but Brazil is outside SEPA
    ["BR1800360305000010009795493C1", /outside the SEPA area/, "non-SEPA"],
  ])("refuses %s (%s)", (iban, message) => {
    const result = validateIban(iban);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe("iban");
      expect(result.error.message.en).toMatch(message);
    }
  });
});

describe("validateBic", () => {
  it.each([
    ["BNPAFRPP", null, "BNPAFRPP"],
    ["bnpa fr pp xxx", "FR", "BNPAFRPPXXX"],
    ["DEUTDEFF", "DE", "DEUTDEFF"],
    ["BDAFGPGP", "FR", "BDAFGPGP"], // French zone: overseas BIC with an FR IBAN
    ["AGRIFRPP", "MC", "AGRIFRPP"], // French zone: Monaco IBAN with an FR BIC
  ])("accepts %s (IBAN country %s)", (bic, country, value) => {
    expect(validateBic(bic, country)).toEqual({ ok: true, value });
  });

  it.each([
    ["BNPAFRP", null, /8 or 11 characters; it has 7/],
    ["BNPAFRPPX", null, /it has 9/],
    ["BNP1FRPP", null, /4 letters \(bank\)/],
    ["BNPAXXPP", null, /XX, which is not a known country code/],
    ["DEUTDEFF", "FR", /is from DE but the IBAN is from FR/],
    ["", null, /required/],
  ])("refuses %j (IBAN country %s)", (bic, country, message) => {
    const result = validateBic(bic, country);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe("bic");
      expect(result.error.message.en).toMatch(message);
    }
  });
});

describe("validateMandateReference", () => {
  const messages = (ref: string) => validateMandateReference(ref).map((e) => e.message.en);

  it.each(["RUM-2025-0001", "A".repeat(35), "abc/def ?:().,'+ 123", "a/b/c", "X"])("accepts %j", (ref) => {
    expect(validateMandateReference(ref)).toEqual([]);
  });

  it.each([
    ["A".repeat(36), [/has 36 characters; at most 35/]],
    ["/ABC", [/must not start with "\/"/]],
    ["ABC/", [/must not end with "\/"/]],
    ["AB//C", [/must not contain "\/\/"/]],
    ["RUM_1", [/not allowed: _/]],
    ["RÉF-1", [/not allowed: É/]],
    ["réf-é", [/not allowed: é \(/]],
    ["", [/required/]],
    ["   ", [/required/]],
    ["//é", [/not allowed: é/, /start with/, /contain "\/\/"/]],
    [`/${"A".repeat(33)}_/`, [/has 36 characters/, /not allowed: _/, /start with/, /end with/]],
  ])("refuses %j with every reason", (ref, expected) => {
    const got = messages(ref);
    expect(got).toHaveLength(expected.length);
    for (const [i, re] of expected.entries()) expect(got[i]).toMatch(re);
    expect(validateMandateReference(ref).every((e) => e.field === "reference")).toBe(true);
  });

  it("normalises for case-insensitive uniqueness", () => {
    expect(normalizeMandateReference("Rum-2025/a")).toBe(normalizeMandateReference("RUM-2025/A"));
  });
});

describe("validateCreditorIdentifier", () => {
  it.each(["FR72ZZZ123456", "fr72 zzz 123456", "FR72ABC123456"])("accepts %s (business code not checked)", (ics) => {
    expect(validateCreditorIdentifier(ics)).toBeNull();
  });
  it.each([
    ["FR73ZZZ123456", /check digits/],
    ["FR72ZZZ123457", /check digits/],
    ["FR72ZZZ12345", /6-character national identifier/],
    ["F72ZZZ123456", /not a creditor identifier/],
    ["", /not a creditor identifier/],
  ])("refuses %j", (ics, reason) => {
    expect(validateCreditorIdentifier(ics)?.en).toMatch(reason);
  });
});

describe("maskIban", () => {
  it.each([
    ["FR1420041010050500013M02606", "FR14 **** **** **** **** ***2 606"],
    ["de89 3704 0044 0532 0130 00", "DE89 **** **** **** **30 00"],
    ["BE68539007547034", "BE68 **** **** 7034"],
  ])("%s -> %s", (iban, masked) => {
    expect(maskIban(iban)).toBe(masked);
  });
});

describe("mandateLapsed", () => {
  it.each([
    [null, "2022-03-15", "2025-03-14", false],
    [null, "2022-03-15", "2025-03-15", true],
    ["2023-01-31", "2022-03-15", "2026-01-30", false],
    ["2023-01-31", "2022-03-15", "2026-01-31", true],
    // EDATE clamps: 36 months after 2021-02-29 does not exist; 2020-02-29 + 36 months = 2023-02-28
    [null, "2020-02-29", "2023-02-27", false],
    [null, "2020-02-29", "2023-02-28", true],
    // a use recorded before the signature does not move the anchor back
    ["2020-01-01", "2022-03-15", "2024-06-01", false],
  ])("last used %s, signed %s, as of %s -> %s", (lastUsed, signed, asOf, lapsed) => {
    expect(mandateLapsed(lastUsed, signed, asOf)).toBe(lapsed);
  });
});

describe("validateSepaMandate", () => {
  const input = {
    iban: "FR14 2004 1010 0505 0001 3M02 606",
    bic: "PSSTFRPPPAR",
    reference: "Rum-2025-001",
    signedOn: "2025-01-15",
    scheme: "CORE",
  };

  it("normalises a valid mandate", () => {
    expect(validateSepaMandate(input, "2025-06-01")).toEqual({
      iban: "FR1420041010050500013M02606",
      bic: "PSSTFRPPPAR",
      reference: "Rum-2025-001",
      referenceKey: "RUM-2025-001",
      signedOn: "2025-01-15",
      scheme: "CORE",
    });
  });

  it("reports every bad field at once", () => {
    try {
      validateSepaMandate(
        {
          iban: "FR1520041010050500013M02606",
          bic: "XX",
          reference: "a//b",
          signedOn: "2025-02-30",
          scheme: "B2C",
        },
        "2025-06-01",
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).fields.map((f) => f.field)).toEqual([
        "iban",
        "bic",
        "reference",
        "signedOn",
        "scheme",
      ]);
    }
  });

  it("names a bad IBAN and a future signature date together (issue 13: every invalid field at once)", () => {
    try {
      validateSepaMandate({ ...input, iban: "FR1520041010050500013M02606", signedOn: "2025-06-02" }, "2025-06-01");
      expect.unreachable();
    } catch (error) {
      expect((error as DomainValidationError).fields.map((f) => [f.field, f.message.en])).toEqual([
        ["iban", expect.stringMatching(/fails the IBAN checksum/)],
        ["signedOn", "The signature date 2025-06-02 is in the future (today is 2025-06-01)."],
      ]);
    }
  });

  it("checks the BIC against the IBAN's country", () => {
    expect(() => validateSepaMandate({ ...input, bic: "DEUTDEFF" }, "2025-06-01")).toThrow(/bic: The BIC "DEUTDEFF" is from DE/);
  });
});
