import "reflect-metadata";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { printApiSchema, SCHEMA_FILE } from "../../server/src/graphql/emit-schema.js";

describe("schema/schema.graphql", () => {
  it("is the schema the code emits (run `npm run schema` after changing the API)", async () => {
    const emitted = await printApiSchema();
    const checkedIn = fs.readFileSync(SCHEMA_FILE, "utf8");
    expect(checkedIn).toBe(emitted);
  });

  it("describes every type and field", async () => {
    const { buildSchema } = await import("graphql");
    const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, "utf8"));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      const isRoot = type.name === "Query" || type.name === "Mutation";
      if (!type.description && !isRoot) missing.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
