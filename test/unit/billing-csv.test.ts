import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { text } from "../../server/src/domain/text.js";
import { billingCsv, CSV_HEADER, frenchDate, frenchDecimal, textCell } from "../../server/src/http/billing-csv.js";
import type { BillableItem } from "../../server/src/services/billing-export.service.js";

const item = (overrides: Partial<BillableItem> = {}): BillableItem => ({
  kind: "INTERVENTION_SHEET",
  sourceId: 7,
  customerId: 3,
  customerName: "Cabinet Martin",
  maintenanceContractId: 2,
  date: "2025-03-12",
  description: "Replaced the PSU",
  minutes: 90,
  hourlyRateCents: 9001,
  amountCents: 13502,
  note: null,
  ...overrides,
});

// Rows are split on CRLF below, so generated text leaves CR out (a quoted CR is valid CSV).
const noCr = fc.string().map((s) => s.replace(/\r/g, ""));

describe("billing CSV", () => {
  it.each([
    [0, "0,00"],
    [5, "0,05"],
    [12345, "123,45"],
    [100000000, "1000000,00"],
  ])("writes %i cents as %s", (cents, text) => {
    expect(frenchDecimal(cents)).toBe(text);
  });

  it("writes dates dd/mm/yyyy", () => {
    expect(frenchDate("2025-03-01")).toBe("01/03/2025");
  });

  it.each([
    ["plain", "plain"],
    ["a;b", '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [" edge", '" edge"'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+33 4", "'+33 4"],
    ["-1", "'-1"],
    ["@x", "'@x"],
  ])("text cell %j → %j", (value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it("starts with a BOM and a header, ends rows with CRLF", () => {
    const csv = billingCsv([
      item(),
      item({
        kind: "MISDECLARED_INCIDENT",
        maintenanceContractId: null,
        hourlyRateCents: null,
        amountCents: 0,
        note: text("n", "n"),
      }),
    ]);
    expect(csv.startsWith(`\uFEFF${CSV_HEADER.join(";")}\r\n`)).toBe(true);
    expect(csv.split("\r\n")).toEqual([
      `\uFEFF${CSV_HEADER.join(";")}`,
      "INTERVENTION_SHEET;12/03/2025;3;Cabinet Martin;2;7;Replaced the PSU;90;90,01;135,02;",
      "MISDECLARED_INCIDENT;12/03/2025;3;Cabinet Martin;;7;Replaced the PSU;90;;0,00;n",
      "",
    ]);
  });

  it("keeps every row at the header's column count, whatever the text", () => {
    fc.assert(
      fc.property(noCr, noCr, (name, description) => {
        const csv = billingCsv([item({ customerName: name, description })]);
        const row = csv.split("\r\n")[1] as string;
        // Count separators outside quotes.
        let inQuotes = false;
        let separators = 0;
        for (const ch of row) {
          if (ch === '"') inQuotes = !inQuotes;
          else if (ch === ";" && !inQuotes) separators++;
        }
        return separators === CSV_HEADER.length - 1;
      }),
    );
  });
});
