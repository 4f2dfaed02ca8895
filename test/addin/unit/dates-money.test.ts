import { describe, expect, it } from "vitest";
import { addDays, DateConversionError, isoToSerial, serialToIso, todayInParis } from "../../../addin/src/shared/dates.js";
import { eurosNumberToCents, formatCents, MoneyFormatError, parseEurosToCents } from "../../../addin/src/shared/money.js";

describe("Excel date serials (1900 date system)", () => {
  it.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["1970-01-01", 25569],
    ["2024-02-29", 45351],
    ["2025-03-10", 45726],
    ["2028-03-09", 46821],
    ["9999-12-31", 2958465],
  ])("%s is serial %i and back", (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  it("refuses serial 60, Excel's fictitious 1900-02-29, and serials outside 1..2958465", () => {
    expect(() => serialToIso(60)).toThrow(DateConversionError);
    expect(() => serialToIso(0)).toThrow(DateConversionError);
    expect(() => serialToIso(2958466)).toThrow(DateConversionError);
    expect(() => serialToIso(Number.NaN)).toThrow(DateConversionError);
  });

  it("drops a time of day", () => {
    expect(serialToIso(45726.75)).toBe("2025-03-10");
  });

  it("round-trips every day from 1900 to 2100", () => {
    const mismatches: number[] = [];
    for (let s = 1; s <= isoToSerial("2100-12-31"); s++) {
      if (s !== 60 && isoToSerial(serialToIso(s)) !== s) mismatches.push(s);
    }
    expect(mismatches).toEqual([]);
  });

  it("refuses text that is not a real YYYY-MM-DD date", () => {
    for (const bad of ["2025-02-29", "2025-13-01", "25-03-10", "2025/03/10", "1899-12-31", "2025-03-1", " 2025-03-10"]) {
      expect(() => isoToSerial(bad), bad).toThrow(DateConversionError);
    }
  });

  it("adds days and gives today in Paris", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(todayInParis(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});

describe("euro amounts to integer cents", () => {
  it.each([
    ["59", 5900],
    ["59,00", 5900],
    ["59.9", 5990],
    ["0,29", 29],
    ["1 234,56", 123456],
    ["1\u202f234,56 €", 123456],
    ["€ 12.5", 1250],
    [",5", 50],
    ["12,", 1200],
  ])("parses %j as %i cents", (input, cents) => {
    expect(parseEurosToCents(input)).toBe(cents);
  });

  it.each(["", "abc", "1,234.56", "1.234,56", "12,345", "-5", "1e3"])("refuses %j", (input) => {
    expect(() => parseEurosToCents(input)).toThrow(MoneyFormatError);
  });

  it("reads euros from cells without float drift, refusing a third decimal", () => {
    expect(eurosNumberToCents(0.29)).toBe(29);
    expect(eurosNumberToCents(0.1 + 0.2)).toBe(30);
    expect(eurosNumberToCents(59)).toBe(5900);
  });

  it("refuses amounts with more than two decimals or negative", () => {
    expect(() => eurosNumberToCents(12.345)).toThrow(MoneyFormatError);
    expect(() => eurosNumberToCents(1.005)).toThrow(MoneyFormatError);
    expect(() => eurosNumberToCents(-1)).toThrow(MoneyFormatError);
    expect(() => eurosNumberToCents("x")).toThrow(MoneyFormatError);
    expect(eurosNumberToCents(1234567.89)).toBe(123456789);
    expect(eurosNumberToCents("12,50")).toBe(1250);
  });

  it("formats cents for people", () => {
    expect(formatCents(123456, "fr")).toBe("1\u202f234,56\u00a0€");
    expect(formatCents(5, "en")).toBe("€0.05");
    expect(formatCents(100000000, "en")).toBe("€1,000,000.00");
  });
});
