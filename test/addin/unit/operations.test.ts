/**
 * Every GraphQL document the add-in sends parses; once schema/schema.graphql exists (emitted by the
 * server), each one must also validate against it, so a renamed field fails here, not in Excel.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATIONS, portingBatchQuery } from "../../../addin/src/api/operations.js";

const schemaFile = path.resolve(import.meta.dirname, "../../../schema/schema.graphql");
const schema: GraphQLSchema | null = existsSync(schemaFile) ? buildSchema(readFileSync(schemaFile, "utf8")) : null;

describe("add-in GraphQL operations", () => {
  it.each(Object.entries(OPERATIONS))("%s parses as one named operation", (_, document) => {
    const ast = parse(document);
    const operations = ast.definitions.filter((d) => d.kind === "OperationDefinition");
    expect(operations).toHaveLength(1);
    expect(operations[0]?.kind === "OperationDefinition" && operations[0].name?.value).toMatch(/^Addin/);
  });

  it("builds batched porting documents with one alias and one variable per cell", () => {
    const doc = portingBatchQuery(3);
    expect(doc).toContain("$i2: PortingPriceInput!");
    expect(doc).toContain("p2: portingPrice(input: $i2) { totalCents }");
    expect(() => parse(doc)).not.toThrow();
  });

  it.runIf(schema !== null).each(Object.entries(OPERATIONS))("%s validates against schema/schema.graphql", (_, document) => {
    const errors = validate(schema as GraphQLSchema, parse(document)).map((e) => e.message);
    expect(errors).toEqual([]);
  });
});
