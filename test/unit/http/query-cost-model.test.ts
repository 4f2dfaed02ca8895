import "reflect-metadata";
import { getNullableType, isListType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildApiSchema } from "../../../server/src/graphql/schema.js";
import { FIELD_COSTS, SCHEDULE_CONTRACT, SCHEDULE_EVENT, scheduleWork } from "../../../server/src/http/query-cost-model.js";
import { EMPTY_BOOK } from "../../../server/src/services/book-statistics.js";

describe("the API's query-cost model", async () => {
  const schema = await buildApiSchema();

  it("weighs every list field of the schema (by page size, by the book, or as small by nature)", () => {
    const unweighed: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__") || type.name === "Mutation") continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (isListType(getNullableType(field.type)) && !(coordinate in FIELD_COSTS)) unweighed.push(coordinate);
      }
    }
    // A new list: say in server/src/http/query-cost-model.ts how many rows it may read.
    expect(unweighed).toEqual([]);
  });

  it("names only fields that exist", () => {
    const missing = Object.keys(FIELD_COSTS).filter((coordinate) => {
      const [typeName, fieldName] = coordinate.split(".") as [string, string];
      const type = schema.getType(typeName);
      return !type || !isObjectType(type) || !(fieldName in type.getFields());
    });
    expect(missing).toEqual([]);
  });

  describe("the renewal schedule's work", () => {
    const book = { ...EMPTY_BOOK, contracts: 100_000, contractsPerCustomer: 500, renewalsPerYear: 300_000 };

    it("grows with the window and the book", () => {
      const year = scheduleWork({ from: "2026-01-01", to: "2026-12-31" }, book);
      const tenYears = scheduleWork({ from: "2026-01-01", to: "2035-12-31" }, book);
      expect(year).toBe(100_000 * SCHEDULE_CONTRACT + (200_000 + 300_000) * SCHEDULE_EVENT);
      expect(tenYears).toBe(100_000 * SCHEDULE_CONTRACT + (200_000 + 3_000_000) * SCHEDULE_EVENT);
      expect(
        scheduleWork({ from: "2026-01-01", to: "2026-12-31" }, { ...book, contracts: 10_000, renewalsPerYear: 30_000 }),
      ).toBe(year / 10);
    });

    it("reads one customer's contracts when filtered by customer", () => {
      const all = scheduleWork({ from: "2026-01-01", to: "2026-12-31" }, book);
      expect(scheduleWork({ from: "2026-01-01", to: "2026-12-31", customerId: "7" }, book)).toBe(all / 200);
    });

    it("is nothing for a window the service refuses before reading", () => {
      expect(scheduleWork({ from: "2026-01-01", to: "2036-01-01" }, book)).toBe(0);
      expect(scheduleWork({ from: "2026-02-01", to: "2026-01-01" }, book)).toBe(0);
      expect(scheduleWork({ from: "2026-02-30", to: "2026-03-01" }, book)).toBe(0);
      expect(scheduleWork({}, book)).toBe(0);
    });
  });
});
