import { buildSchema, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { operationCost } from "../../../server/src/http/query-cost.js";

const schema = buildSchema(`
  type Query {
    customers(first: Int): [Customer!]!
    items(limit: Int! = 1000): [Offer!]!
    customer(id: ID!): Customer
    schedule(first: Int): SchedulePage!
    offers: [Offer!]!
  }
  type Customer { id: ID! name: String! contracts: [Contract!]! }
  type Contract { id: ID! amount: Int! customer: Customer! }
  type Offer { code: String! }
  type SchedulePage { totalCount: Int! events: [Event!]! }
  type Event { id: ID! date: String! }
`);

const cost = (query: string, variables?: Record<string, unknown>, assumedListSize = 20) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables, { assumedListSize, stopAbove: Number.MAX_SAFE_INTEGER });
};

describe("operationCost", () => {
  it("counts each field once outside lists", () => {
    expect(cost("{ customer(id: 1) { id name } }")).toBe(3);
  });

  it("multiplies by `first` on a list, literal or variable", () => {
    expect(cost("{ customers(first: 10) { id name } }")).toBe(1 + 10 * 2);
    expect(cost("query($n: Int) { customers(first: $n) { id name } }", { n: 100 })).toBe(1 + 100 * 2);
  });

  it("assumes a size for lists without a page size, and multiplies nested lists", () => {
    expect(cost("{ offers { code } }")).toBe(1 + 20);
    expect(cost("{ customers(first: 10) { contracts { id amount } } }")).toBe(1 + 10 * (1 + 20 * 2));
  });

  it("uses the schema's default page size when the argument is left out", () => {
    expect(cost("{ items { code } }")).toBe(1 + 1000);
    expect(cost("{ items(limit: 5) { code } }")).toBe(1 + 5);
  });

  it("applies a connection's `first` to the list inside it", () => {
    expect(cost("{ schedule(first: 500) { totalCount events { id date } } }")).toBe(1 + 1 + 1 + 500 * 2);
  });

  it("counts fragments and inline fragments, and ignores introspection and __typename", () => {
    const withFragment = "query { customers(first: 2) { ...F } } fragment F on Customer { id ... on Customer { name } }";
    expect(cost(withFragment)).toBe(1 + 2 * 2);
    expect(cost("{ __typename __schema { types { name fields { name } } } }")).toBe(0);
  });

  it("treats a negative or absent page size as 0 or the assumed size", () => {
    expect(cost("{ customers(first: -5) { id } }")).toBe(1);
    expect(cost("query($n: Int) { customers(first: $n) { id } }", {})).toBe(1 + 20);
  });

  it("makes abusive nesting expensive", () => {
    const nested = "{ customers(first: 100) { contracts { customer { contracts { customer { name } } } } } }";
    expect(cost(nested)).toBe(1 + 100 * (1 + 20 * (1 + (1 + 20 * (1 + 1)))));
    // One more level of nesting passes the default limit of 100,000 by far.
    const deeper = "{ customers(first: 100) { contracts { customer { contracts { customer { contracts { id } } } } } } }";
    expect(cost(deeper)).toBeGreaterThan(100_000);
  });
});
