import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../server/src/domain/errors.js";
import {
  canonicalJson,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  readIdempotencyKey,
  requestFingerprint,
} from "../../../server/src/services/idempotency.js";

describe("canonicalJson: one text per request, whatever the order of its fields", () => {
  it.each([
    [{ b: 1, a: "x" }, '{"a":"x","b":1}'],
    [{ a: null, b: undefined, c: 0 }, '{"c":0}'],
    [{ lines: [{ q: 2, o: "M" }, { o: "I" }] }, '{"lines":[{"o":"M","q":2},{"o":"I"}]}'],
    [{ at: new Date("2025-03-10T08:00:00Z") }, '{"at":"2025-03-10T08:00:00.000Z"}'],
    [[null, 1], "[null,1]"],
    ["é\n", '"é\\n"'],
    [{ quoteId: 7, signerName: "Claire" }, JSON.stringify({ quoteId: 7, signerName: "Claire" })],
  ])("%j → %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("ignores the order of an object's fields at every depth, and parses back to the value without absent fields", () => {
    const value = fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean()));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (object) => {
        const reversed = Object.fromEntries(
          Object.entries(object)
            .reverse()
            .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]),
        );
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
        expect(JSON.parse(canonicalJson(object))).toEqual(object);
      }),
    );
  });
});

describe("requestFingerprint", () => {
  it("leaves the key out and tells other payloads apart", () => {
    const payload = { name: "Acme", category: "OTHER" };
    expect(requestFingerprint({ ...payload, idempotencyKey: "a" })).toBe(requestFingerprint({ ...payload, idempotencyKey: "b" }));
    expect(requestFingerprint(payload)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint({ ...payload, name: "Acme " })).not.toBe(requestFingerprint(payload));
    expect(requestFingerprint({ ...payload, siren: null })).toBe(requestFingerprint(payload));
  });
});

describe("readIdempotencyKey", () => {
  const read = (key: string | null | undefined) => {
    const errors: FieldError[] = [];
    return { key: readIdempotencyKey(errors, key), fields: errors.map((e) => e.field) };
  };
  it.each([
    [undefined, null, []],
    [null, null, []],
    ["k", "k", []],
    ["  k  ", "k", []],
    ["x".repeat(IDEMPOTENCY_KEY_MAX_LENGTH), "x".repeat(IDEMPOTENCY_KEY_MAX_LENGTH), []],
    ["", null, ["idempotencyKey"]],
    ["   ", null, ["idempotencyKey"]],
    ["x".repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1), null, ["idempotencyKey"]],
  ])("%j → %j", (given, key, fields) => {
    expect(read(given)).toEqual({ key, fields });
  });
});
