import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainValidationError, type FieldError } from "../../../server/src/domain/errors.js";
import {
  checkDeclaration,
  type Declaration,
  type DeclarationProcedure,
  normaliseName,
  normaliseProcedure,
  parisWallClock,
  validateDeclaration,
} from "../../../server/src/domain/incident-procedure.js";

const procedure = (overrides: Partial<DeclarationProcedure> = {}): DeclarationProcedure => ({
  declarers: "LISTED",
  allowedDeclarers: ["Julie Lefebvre"],
  channels: ["PORTAL", "EMAIL", "PHONE"],
  requiredFields: ["description", "category"],
  supportHours: { days: [1, 2, 3, 4, 5], from: "08:30", to: "18:00" },
  ...overrides,
});

// 2025-03-10 is a Monday; Paris is UTC+1 in winter, UTC+2 in summer.
const declaration = (overrides: Partial<Declaration> = {}): Declaration => ({
  declarerName: "Marc Lefebvre",
  channel: "PHONE",
  declaredAt: new Date("2025-03-10T09:00:00Z"),
  description: "Printer offline",
  category: "PRINTING",
  ...overrides,
});

const rules = (p: DeclarationProcedure, d: Declaration, referent: string | null = "Marc Lefebvre") =>
  checkDeclaration(p, d, referent).map((v) => v.rule);

function fieldsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.fields;
    throw error;
  }
  throw new Error("expected a DomainValidationError");
}

describe("checkDeclaration", () => {
  it("accepts a declaration that follows the procedure", () => {
    expect(checkDeclaration(procedure(), declaration(), "Marc Lefebvre")).toEqual([]);
    expect(rules(procedure(), declaration({ declarerName: "julie  LEFÈBVRE" }))).toEqual([]);
  });

  it.each([
    [
      "referent only, declared by someone else",
      procedure({ declarers: "REFERENT_ONLY" }),
      declaration({ declarerName: "Julie Lefebvre" }),
      ["DECLARER_NOT_REFERENT"],
    ],
    ["referent only, no referent named", procedure({ declarers: "REFERENT_ONLY" }), declaration(), ["DECLARER_NOT_REFERENT"]],
    [
      "listed, declarer neither referent nor listed",
      procedure(),
      declaration({ declarerName: "Paul Martin" }),
      ["DECLARER_NOT_ALLOWED"],
    ],
    ["channel not allowed (case-insensitive)", procedure(), declaration({ channel: "sms" }), ["CHANNEL_NOT_ALLOWED"]],
    ["a required field missing", procedure(), declaration({ category: null }), ["REQUIRED_FIELD_MISSING"]],
    ["a required field blank", procedure(), declaration({ description: "  " }), ["REQUIRED_FIELD_MISSING"]],
    [
      "one minute before opening (08:29 Paris)",
      procedure(),
      declaration({ declaredAt: new Date("2025-03-10T07:29:00Z") }),
      ["OUTSIDE_SUPPORT_HOURS"],
    ],
    [
      "at closing time (18:00 Paris, exclusive)",
      procedure(),
      declaration({ declaredAt: new Date("2025-03-10T17:00:00Z") }),
      ["OUTSIDE_SUPPORT_HOURS"],
    ],
    ["on a Saturday", procedure(), declaration({ declaredAt: new Date("2025-03-15T10:00:00Z") }), ["OUTSIDE_SUPPORT_HOURS"]],
  ])("flags %s", (_label, p, d, expected) => {
    const referent = _label.includes("no referent") ? null : "Marc Lefebvre";
    expect(rules(p, d, referent)).toEqual(expected);
  });

  it("reports every broken rule at once, with messages", () => {
    const violations = checkDeclaration(
      procedure({ declarers: "REFERENT_ONLY" }),
      declaration({
        declarerName: "Paul",
        channel: "FAX",
        description: null,
        category: "",
        declaredAt: new Date("2025-03-16T10:00:00Z"),
      }),
      "Marc Lefebvre",
    );
    expect(violations.map((v) => v.rule)).toEqual([
      "DECLARER_NOT_REFERENT",
      "CHANNEL_NOT_ALLOWED",
      "REQUIRED_FIELD_MISSING",
      "REQUIRED_FIELD_MISSING",
      "OUTSIDE_SUPPORT_HOURS",
    ]);
    expect(violations[0]?.message.en).toMatch(/Marc Lefebvre/);
    expect(violations[2]?.message.en).toMatch(/description/);
    expect(violations[3]?.message.en).toMatch(/category/);
    expect(violations[4]?.message.en).toMatch(/08:30–18:00 Europe\/Paris/);
    expect(violations[4]?.message.fr).toMatch(/en dehors des heures de support \(lundi.*08:30–18:00, heure de Paris\)/);
  });

  it("reads support hours in Paris time, summer and winter", () => {
    // 08:30 Paris is 07:30 UTC in winter and 06:30 UTC in summer.
    expect(rules(procedure(), declaration({ declaredAt: new Date("2025-03-10T07:30:00Z") }))).toEqual([]);
    expect(rules(procedure(), declaration({ declaredAt: new Date("2025-07-07T06:30:00Z") }))).toEqual([]);
    expect(rules(procedure(), declaration({ declaredAt: new Date("2025-07-07T06:29:00Z") }))).toEqual(["OUTSIDE_SUPPORT_HOURS"]);
    expect(rules(procedure(), declaration({ declaredAt: new Date("2025-07-07T15:59:00Z") }))).toEqual([]);
    expect(rules(procedure(), declaration({ declaredAt: new Date("2025-07-07T16:00:00Z") }))).toEqual(["OUTSIDE_SUPPORT_HOURS"]);
    // Friday 23:30 UTC is already Saturday in Paris.
    expect(parisWallClock(new Date("2025-03-14T23:30:00Z"))).toEqual({ weekday: 6, minuteOfDay: 30 });
  });

  it("accepts any time when the procedure sets no support hours", () => {
    expect(rules(procedure({ supportHours: null }), declaration({ declaredAt: new Date("2025-03-16T03:00:00Z") }))).toEqual([]);
  });
});

describe("normaliseProcedure", () => {
  it("normalises channels, names, fields and days", () => {
    expect(
      normaliseProcedure(
        procedure({
          allowedDeclarers: [" Julie  Lefebvre ", "julie lefebvre"],
          channels: ["phone", " Email", "PHONE"],
          requiredFields: ["category", "category"],
          supportHours: { days: [5, 1, 1], from: "09:00", to: "24:00" },
        }),
      ),
    ).toEqual({
      declarers: "LISTED",
      allowedDeclarers: ["Julie Lefebvre"],
      channels: ["PHONE", "EMAIL"],
      requiredFields: ["category"],
      supportHours: { days: [1, 5], from: "09:00", to: "24:00" },
    });
  });

  it("names every bad field", () => {
    const fields = fieldsOf(() =>
      normaliseProcedure(
        procedure({
          allowedDeclarers: [""],
          channels: ["ok", "two words"],
          requiredFields: ["colour"],
          supportHours: { days: [0, 8], from: "18:00", to: "08:30" },
        }),
      ),
    ).map((f) => f.field);
    expect(fields).toEqual([
      "allowedDeclarers[0]",
      "channels[1]",
      "requiredFields[0]",
      "supportHours.days[0]",
      "supportHours.days[1]",
      "supportHours.to",
    ]);
    expect(fieldsOf(() => normaliseProcedure(procedure({ channels: [] }))).map((f) => f.field)).toEqual(["channels"]);
    expect(
      fieldsOf(() => normaliseProcedure(procedure({ supportHours: { days: [], from: "8:30", to: "25:00" } }))).map(
        (f) => f.field,
      ),
    ).toEqual(["supportHours.days", "supportHours.from", "supportHours.to"]);
  });
});

describe("validateDeclaration", () => {
  it("names the bad always-required fields", () => {
    expect(
      fieldsOf(() => validateDeclaration(declaration({ declarerName: " ", channel: "no way", declaredAt: new Date("x") }))).map(
        (f) => f.field,
      ),
    ).toEqual(["declarerName", "channel", "declaredAt"]);
  });
});

describe("properties", () => {
  it("name comparison ignores case, accents and spacing", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (name) => {
        expect(normaliseName(`  ${name.toUpperCase()}  `)).toBe(normaliseName(name.toLowerCase()));
      }),
    );
  });

  it("a declaration inside the support hours on a support day is never flagged for hours", () => {
    // Any instant of 2025: flagged for hours exactly when the Paris weekday/time is outside.
    const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, (declaredAt) => {
        const { weekday, minuteOfDay } = parisWallClock(declaredAt);
        const inside = weekday <= 5 && minuteOfDay >= 8 * 60 + 30 && minuteOfDay < 18 * 60;
        expect(rules(procedure(), declaration({ declaredAt })).includes("OUTSIDE_SUPPORT_HOURS")).toBe(!inside);
      }),
    );
  });

  it("the violations only grow when a procedure gets stricter (fewer channels)", () => {
    fc.assert(
      fc.property(
        fc.subarray(["PORTAL", "EMAIL", "PHONE"], { minLength: 1 }),
        fc.constantFrom("PORTAL", "EMAIL", "PHONE", "FAX"),
        (channels, channel) => {
          const loose = rules(procedure(), declaration({ channel }));
          const strict = rules(procedure({ channels }), declaration({ channel }));
          expect(strict.length).toBeGreaterThanOrEqual(loose.length);
        },
      ),
    );
  });
});
