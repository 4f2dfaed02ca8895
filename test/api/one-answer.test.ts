import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Contract } from "../../server/src/entities/index.js";
import { insertContract, insertCustomer } from "../support/contract-fixtures.js";
import { createCustomer } from "../support/sales.js";
import {
  documentFor,
  introspectSchema,
  minimalArguments,
  type OperationRoot,
  operationArguments,
} from "../support/schema-operations.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** Ids every operation must refuse the same way (issue 13: parsed once, at the GraphQL edge). */
const BAD_IDS: unknown[] = [" 3", "007", "x", "0", "-1", "2147483648", 3.5, ""];

/** Every place an ID is sent: a top-level argument, or a field of an input argument. */
interface IdSlot {
  root: OperationRoot;
  field: GraphQLField<unknown, unknown>;
  argument: string;
  /** Field of the input argument; null when the argument itself is the ID. */
  inputField: string | null;
  /** The path the answer must name, relative to the argument. */
  expectedPath: string;
}

function isId(type: GraphQLInputType): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  return !isListType(unwrapped) && getNamedType(type).name === "ID";
}

function idSlots(schema: GraphQLSchema): IdSlot[] {
  const slots: IdSlot[] = [];
  for (const { root, field, arg } of operationArguments(schema)) {
    if (isId(arg.type)) slots.push({ root, field, argument: arg.name, inputField: null, expectedPath: arg.name });
    const named = getNamedType(arg.type);
    if (isInputObjectType(named)) {
      for (const inner of Object.values(named.getFields())) {
        if (isId(inner.type)) slots.push({ root, field, argument: arg.name, inputField: inner.name, expectedPath: inner.name });
      }
    }
  }
  return slots;
}

describe(`one answer for one mistake (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let admin: string;
  let schema: GraphQLSchema;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.createToken("ADMIN");
    schema = await introspectSchema(server, admin);
    customerId = await createCustomer(server, admin, { name: "Une Réponse SARL", category: "OTHER" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses a malformed id with the same answer on every ID argument and input field of the schema", async () => {
    const slots = idSlots(schema);
    expect(slots.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const bad of BAD_IDS) {
      const messages = new Set<string>();
      for (const slot of slots) {
        const variables = minimalArguments(slot.field);
        if (slot.inputField === null) variables[slot.argument] = bad;
        else variables[slot.argument] = { ...(variables[slot.argument] as object), [slot.inputField]: bad };
        const response = await server.gql(admin, documentFor(slot.root, slot.field), variables);
        const error = response.errors?.[0];
        const fields = error?.extensions?.fields ?? [];
        const ours = fields.find((f) => f.field === slot.expectedPath);
        if (error?.extensions?.code !== "BAD_USER_INPUT" || !ours) {
          problems.push(`${slot.field.name}(${slot.expectedPath} = ${JSON.stringify(bad)}): ${JSON.stringify(response.errors)}`);
          continue;
        }
        messages.add(ours.message);
      }
      if (messages.size !== 1)
        problems.push(`${JSON.stringify(bad)} got ${messages.size} different messages: ${[...messages].join(" | ")}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("refuses a malformed id the same way in an inline literal and in the CSV route", async () => {
    const literal = await server.gql(admin, '{ customer(id: "007") { id } }');
    const variable = await server.gql(admin, "query($id: ID!) { customer(id: $id) { id } }", { id: "007" });
    expect(literal.errors?.[0]?.extensions?.fields).toEqual(variable.errors?.[0]?.extensions?.fields);
    const csv = await fetch(`${server.url}/exports/billing.csv?from=2025-01-01&to=2025-01-31&customerId=007`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.status).toBe(400);
    const body = (await csv.json()) as { errors: { extensions: { fields: unknown[] } }[] };
    expect(body.errors[0]?.extensions.fields).toEqual(
      variable.errors?.[0]?.extensions?.fields?.map((f) => ({ ...f, field: "customerId" })),
    );
  });

  describe("names fields relative to the argument", () => {
    const CREATE_QUOTE = "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }";
    const SCHEDULE =
      'query($f: [ServiceFamily!]) { renewalSchedule(from: "2025-01-01", to: "2025-12-31", families: $f) { totalCount } }';

    it.each<[string, () => Promise<string[]>, string[]]>([
      [
        "a missing field of an input variable: customerId, not input.customerId",
        async () => fieldsOf(await server.gql(admin, CREATE_QUOTE, { input: { lines: [] } })),
        ["customerId"],
      ],
      [
        "a missing field of an inline input",
        async () => fieldsOf(await server.gql(admin, "mutation { createQuote(input: { lines: [] }) { id } }")),
        ["customerId"],
      ],
      [
        "an unknown field of an input variable",
        async () => fieldsOf(await server.gql(admin, CREATE_QUOTE, { input: { customerId, lines: [], nope: 1 } })),
        ["nope"],
      ],
      [
        "an unknown field of an inline input",
        async () =>
          fieldsOf(
            await server.gql(
              admin,
              `mutation { createQuote(input: { customerId: "${customerId}", lines: [], nope: 1 }) { id } }`,
            ),
          ),
        ["nope"],
      ],
      [
        "an element of a list variable: families[1], never [1]",
        async () => fieldsOf(await server.gql(admin, SCHEDULE, { f: ["BACKUP", "CLOUD"] })),
        ["families[1]"],
      ],
      [
        "an element of an inline list",
        async () =>
          fieldsOf(
            await server.gql(
              admin,
              '{ renewalSchedule(from: "2025-01-01", to: "2025-12-31", families: [BACKUP, CLOUD]) { totalCount } }',
            ),
          ),
        ["families[1]"],
      ],
      [
        "a variable nested in an inline input",
        async () =>
          fieldsOf(
            await server.gql(admin, "mutation($c: ID!) { createQuote(input: { customerId: $c, lines: [] }) { id } }", { c: "x" }),
          ),
        ["customerId"],
      ],
    ])("%s", async (_label, ask, expected) => {
      expect(await ask()).toEqual(expected);
    });
  });

  it("reports every invalid field at once: a past validUntil, an unknown customer and bad lines", async () => {
    const response = await server.gql(admin, "mutation($input: QuoteInput!) { createQuote(input: $input) { id } }", {
      input: {
        customerId: "999999",
        validUntil: "2000-01-01",
        lines: [
          { offerCode: "NOPE", quantity: 1, monthlyUnitPriceCents: 100, setupFeeCents: 0 },
          { offerCode: "IP-ACCESS-WIRED", quantity: 0, monthlyUnitPriceCents: 100, setupFeeCents: 0, noticeMonths: 40 },
        ],
      },
    });
    expect(fieldsOf(response).sort()).toEqual(
      ["validUntil", "customerId", "lines[0].offerCode", "lines[1].noticeMonths", "lines[1].quantity"].sort(),
    );
  });

  it("bounds a search text instead of failing on it (a 100,000-character search was an internal error on SQLite)", async () => {
    const long = await server.gql(admin, "query($s: String) { customers(search: $s) { id } }", { s: "%_".repeat(50_000) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "search" }] });
    const fine = await server.gql(admin, "query($s: String) { customers(search: $s) { id } }", { s: "x".repeat(200) });
    expect(fine.errors).toBeUndefined();
  });

  it("refuses control and bidirectional characters in names", async () => {
    for (const name of ["Morel\u0000SARL", "Morel\u202E LRAS", "Morel\nSARL"]) {
      const response = await server.gql(admin, "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }", {
        input: { name, category: "OTHER" },
      });
      expect(fieldsOf(response)).toEqual(["name"]);
    }
  });

  it("answers an unknown route with 404 in the JSON error shape, and explains a token sent without Bearer", async () => {
    const missing = await fetch(`${server.url}/api/contracts`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      "NOT_FOUND",
    );
    const bare = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: admin },
      body: JSON.stringify({ query: "{ me { name } }" }),
    });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /must start with the word Bearer/,
    );
  });

  it("does not echo rioCheck's input in its reason", async () => {
    const huge = "Z".repeat(5000);
    const response = await server.gql(
      admin,
      "query($r: String!, $n: String!) { rioCheck(rio: $r, number: $n) { valid reason } }",
      {
        r: huge,
        n: huge,
      },
    );
    expect(response.data?.rioCheck.valid).toBe(false);
    expect(response.data?.rioCheck.reason).not.toContain("ZZZZ");
    expect(response.data?.rioCheck.reason.length).toBeLessThan(300);
  });

  it("counts a waiver from its date for a stored contract (the rule quotes and signing use)", async () => {
    const manager = server.app.database.manager;
    const customer = await insertCustomer(manager, {
      name: "Renonciation SARL",
      category: "MICRO",
      waiverSignedOn: "2025-06-01",
    });
    const terms = {
      customerId: customer.id,
      family: "IP_TELEPHONY" as const,
      startDate: "2025-01-20",
      initialTermMonths: 24,
      renewalTermMonths: 12,
      noticeDays: 30,
      monthlyAmountCents: 2000,
    };
    const before = await insertContract(manager, terms);
    const after = await insertContract(manager, terms);
    await manager.update(Contract, { id: before.id }, { createdAt: new Date("2025-01-20T10:00:00Z") });
    await manager.update(Contract, { id: after.id }, { createdAt: new Date("2025-07-01T10:00:00Z") });
    const fee = async (id: number) =>
      (
        await server.gql(
          admin,
          'query($id: ID!) { contract(id: $id) { commitment(asOf: "2025-06-10") { earlyTerminationFeeCents } } }',
          { id: String(id) },
        )
      ).data?.contract.commitment.earlyTerminationFeeCents;
    // SPEC's worked example: protected, 7 cycles to month 12 = 140.00 €; with the waiver counted, the 19 cycles left.
    expect(await fee(before.id)).toBe(14000);
    expect(await fee(after.id)).toBe(38000);
  });
});

function fieldsOf(response: { errors?: { extensions?: { code?: string; fields?: { field: string }[] } }[] }): string[] {
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe("BAD_USER_INPUT");
  return (response.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field);
}
