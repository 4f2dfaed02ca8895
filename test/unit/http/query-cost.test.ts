import { buildSchema, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { estimateOperation, type FieldCost, operationCost } from "../../../server/src/http/query-cost.js";
import { EMPTY_BOOK } from "../../../server/src/services/book-statistics.js";

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

describe("estimateOperation with field costs and the book's size", () => {
  const bookSchema = buildSchema(`
    type Query {
      schedule(from: String!, to: String!, first: Int = 500): SchedulePage!
      customers(first: Int): [Customer!]!
      customer(id: ID!): Customer
    }
    type Customer { id: ID! contracts: [Contract!]! }
    type Contract { id: ID! }
    type SchedulePage { totalCount: Int! events: [Event!]! }
    type Event { id: ID! date: String! }
  `);
  const book = { ...EMPTY_BOOK, contracts: 1000, contractsPerCustomer: 40 };
  const fields: Record<string, FieldCost> = {
    "Query.schedule": {
      page: { default: 500, max: 5000 },
      work: (args, b) => (args.to === "long" ? 10 : 1) * b.contracts,
      maxPerDocument: 1,
    },
    "Query.customers": { page: { default: 50, max: 200 }, perItem: 25 },
    "Customer.contracts": { items: (b) => b.contractsPerCustomer, perItem: 25 },
  };
  const estimate = (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
    return estimateOperation(bookSchema, document, operation, variables, {
      assumedListSize: 20,
      stopAbove: Number.MAX_SAFE_INTEGER,
      book,
      fields,
    });
  };

  it("adds a field's work, which may depend on its arguments and the book", () => {
    expect(estimate('{ schedule(from: "a", to: "b", first: 0) { totalCount } }').cost).toBe(1 + 1000 + 1);
    expect(estimate('{ schedule(from: "a", to: "long", first: 0) { totalCount } }').cost).toBe(1 + 10_000 + 1);
    expect(estimate('query($to: String!) { schedule(from: "a", to: $to, first: 0) { totalCount } }', { to: "long" }).cost).toBe(
      1 + 10_000 + 1,
    );
  });

  it("sizes a list by the book when nothing else does, and weighs each item", () => {
    expect(estimate("{ customers(first: 10) { id contracts { id } } }").cost).toBe(1 + 10 * 25 + 10 * (1 + 1 + 40 * (25 + 1)));
  });

  it("uses the cost's default page size when the argument is left out, and caps it at the largest page", () => {
    expect(estimate("{ customers { id } }").cost).toBe(1 + 50 * (25 + 1));
    expect(estimate("{ customers(first: 100000) { id } }").cost).toBe(1 + 200 * (25 + 1));
    expect(estimate('{ schedule(from: "a", to: "b", first: 9999) { events { id } } }').cost).toBe(1 + 1000 + 1 + 5000);
  });

  it("counts every alias and fragment spread of a field limited per document", () => {
    expect(estimate('{ schedule(from: "a", to: "b") { totalCount } }').overused).toBeNull();
    const twice = '{ a: schedule(from: "a", to: "b") { totalCount } b: schedule(from: "a", to: "b") { totalCount } }';
    expect(estimate(twice).overused).toEqual({ field: "Query.schedule", calls: 2, max: 1 });
    const viaFragments =
      '{ ...A ...B } fragment A on Query { x: schedule(from: "a", to: "b") { totalCount } } fragment B on Query { y: schedule(from: "a", to: "b") { totalCount } }';
    expect(estimate(viaFragments).overused?.calls).toBe(2);
  });

  it("lets a document ask for __schema once, whatever its cost", () => {
    expect(estimate("{ __schema { types { name } } }")).toEqual({ cost: 0, overused: null });
    expect(estimate("{ a: __schema { types { name } } b: __schema { queryType { name } } }").overused).toEqual({
      field: "__schema",
      calls: 2,
      max: 1,
    });
  });
});
