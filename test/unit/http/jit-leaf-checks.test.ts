import { buildSchema, execute, GraphQLError, GraphQLScalarType, parse } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { describe, expect, it } from "vitest";

// patches/graphql-jit+0.8.9.patch (applied by `npm install`'s postinstall) makes each leaf of a
// compiled query build its error locations and path only when the value is null or an Error,
// instead of for every leaf of every row (a third of the garbage of a whole renewal schedule pull,
// docs/performance.md). The answers must stay exactly graphql-js's, errors included. (One failure
// per object: graphql-js stops completing an object at its first non-null failure, graphql-jit
// reports every failure; that difference is graphql-jit's own, with or without the patch.)

const schema = buildSchema(`
  scalar Day
  type Query { rows: [Row]! grid: [[Cell]]! one: Int! }
  type Row { id: ID! name: String count: Int! day: Day kind: Kind }
  type Cell { n: Int! label: String }
  enum Kind { A B }
`);
// A custom scalar that refuses what is not a YYYY-MM-DD text, as LocalDate does.
Object.assign(schema.getType("Day") as GraphQLScalarType, {
  serialize: (value: unknown) => {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new GraphQLError(`Not a day: ${String(value)}`);
    return value;
  },
});

const root = {
  one: 1,
  rows: [
    { id: 1, name: "first", count: 3, day: "2026-11-30", kind: "A" },
    { id: "2", name: null, count: 4, day: null, kind: null },
    { id: 3, name: new Error("name failed"), count: 5, day: "30/11/2026", kind: "B" },
    { id: 4, name: "fourth", count: null, day: "2026-12-01", kind: "A" },
    { id: 6, name: "sixth", count: 6, day: "2026-12-03", kind: "C" },
    { id: 5, name: "fifth", count: "many", day: "2026-12-02", kind: "A" },
  ],
  grid: [
    [{ n: 1, label: "a" }, null, { n: 2, label: new Error("label failed") }],
    [
      { n: null, label: "b" },
      { n: 3.5, label: 7 },
    ],
  ],
};

const QUERY = `{ one rows { id name count day kind } grid { n label } again: rows { id day } }`;

function errorsOf(result: { errors?: readonly GraphQLError[] }) {
  return (result.errors ?? [])
    .map((e) => ({ message: e.message, path: e.path, locations: e.locations }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}

describe("graphql-jit leaf checks (patched)", () => {
  const compiled = compileQuery(schema, parse(QUERY), undefined, { debug: true } as never);
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));

  it("is the patched code generator: a present leaf is serialized without building its error path", () => {
    const source = (compiled as unknown as Record<string, string>).__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(source).toMatch(/Leaf\(__context, __currentItem\.id, idx0\)/);
    expect(source).not.toMatch(/checkNonNullLeaf\(__context, __currentItem\./);
  });

  it("answers exactly as graphql-js: values, nulls, Errors, refused serializations, nested lists", async () => {
    const expected = await execute({ schema, document: parse(QUERY), rootValue: root });
    const actual = await compiled.query(root, {}, {});
    expect(actual.data).toEqual(expected.data);
    expect(errorsOf(actual)).toEqual(errorsOf(expected));
    expect(errorsOf(actual).length).toBeGreaterThanOrEqual(8);
  });
});
