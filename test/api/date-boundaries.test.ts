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
import { addDays, todayInParis } from "../../server/src/domain/calendar.js";
import { captureLogger } from "../support/capture-logger.js";
import { BIC, IBAN } from "../support/sales.js";
import {
  documentFor,
  introspectSchema,
  minimalArguments,
  minimalValue,
  type OperationRoot,
  operationArguments,
} from "../support/schema-operations.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** Dates inside the supported years (1900..9999): any answer but an internal error. */
const EDGES = ["1900-01-01", "1900-01-02", "9999-12-30", "9999-12-31"];
/** Dates outside them, or not dates: BAD_USER_INPUT naming the field that carried them. */
const OUT_OF_RANGE = ["1899-12-31", "0001-01-01", "0000-01-01", "10000-01-01", "2025-02-29"];
/** Instants (DateTime) at the ends of what the platform handles. */
const INSTANTS = ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"];

/** Where a date goes: a path of argument, input fields and list items (`input.lines.0.startDate`). */
interface DateSlot {
  root: OperationRoot;
  field: GraphQLField<unknown, unknown>;
  path: (string | number)[];
  scalar: "LocalDate" | "DateTime";
}

function slotsIn(
  type: GraphQLInputType,
  path: (string | number)[],
  seen: Set<string>,
): { path: (string | number)[]; scalar: DateSlot["scalar"] }[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return slotsIn(inner.ofType, [...path, 0], seen);
  const named = getNamedType(type);
  if (named.name === "LocalDate" || named.name === "DateTime") return [{ path, scalar: named.name }];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const next = new Set([...seen, named.name]);
  return Object.values(named.getFields()).flatMap((f) => slotsIn(f.type, [...path, f.name], next));
}

function dateSlots(schema: GraphQLSchema): DateSlot[] {
  return operationArguments(schema).flatMap(({ root, field, arg }) =>
    slotsIn(arg.type, [arg.name], new Set()).map((slot) => ({ root, field, ...slot })),
  );
}

/** Minimal arguments with `value` put at `path` (building the objects and lists on the way). */
function argumentsWith(slot: DateSlot, value: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = minimalArguments(slot.field);
  let holder: Record<string | number, unknown> = args;
  let type: GraphQLInputType | undefined;
  slot.path.forEach((key, i) => {
    if (i === 0) type = slot.field.args.find((a) => a.name === key)?.type;
    const last = i === slot.path.length - 1;
    if (last) {
      holder[key] = value;
      return;
    }
    const nextKey = slot.path[i + 1];
    if (holder[key] === undefined || holder[key] === null) {
      holder[key] = typeof nextKey === "number" ? [] : type ? minimalObject(type) : {};
    }
    if (typeof nextKey === "number" && Array.isArray(holder[key]) && (holder[key] as unknown[]).length === 0) {
      const itemType = type ? listItemType(type) : undefined;
      (holder[key] as unknown[]).push(itemType ? minimalValue(itemType) : {});
    }
    holder = holder[key] as Record<string | number, unknown>;
    type = type ? childType(type, nextKey) : undefined;
  });
  return args;
}

function minimalObject(type: GraphQLInputType): Record<string, unknown> {
  const value = minimalValue(isNonNullType(type) ? type : type);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function listItemType(type: GraphQLInputType): GraphQLInputType | undefined {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) ? inner.ofType : undefined;
}

function childType(type: GraphQLInputType, key: string | number | undefined): GraphQLInputType | undefined {
  if (key === undefined) return undefined;
  if (typeof key === "number") return listItemType(type);
  const named = getNamedType(type);
  return isInputObjectType(named) ? named.getFields()[key]?.type : undefined;
}

/** The path the answer names: relative to the argument, list items in brackets (API.md "Languages"). */
function expectedField(path: (string | number)[]): string {
  const [argument, ...rest] = path;
  const written = (parts: (string | number)[]) =>
    parts.reduce<string>(
      (out, part) => (typeof part === "number" ? `${out}[${part}]` : out === "" ? part : `${out}.${part}`),
      "",
    );
  if (rest.length === 0) return String(argument);
  return typeof rest[0] === "number" ? written(path) : written(rest);
}

/**
 * Issue 16 item 5: every date argument of every operation (found by introspection, down to the
 * fields of inputs and their lists) at the ends of the supported years answers without an internal
 * error, and a date outside them is BAD_USER_INPUT naming its field, like the mutation fuzz.
 * (`incidents(customerId: "1", to: "0001-01-01")` was an INTERNAL_SERVER_ERROR.)
 */
describe(`dates at and beyond the supported range (${process.env.TEST_DB})`, () => {
  const logger = captureLogger();
  let server: TestServer;
  let admin: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    server = await startTestServer({ logger });
    admin = await server.createToken("ADMIN");
    schema = await introspectSchema(server, admin);
    // Records with id 1 of every kind the seed does not make, so the operations the walk calls with
    // id 1 reach their date rules instead of stopping at "not found".
    const today = todayInParis();
    const setup = [
      [
        "mutation($i: CreateInterventionSheetInput!) { createInterventionSheet(input: $i) { id } }",
        { i: { customerId: "1", medium: "ELECTRONIC", interventionDate: addDays(today, -2), minutes: 30, summary: "Bornes" } },
      ],
      ['mutation($d: LocalDate!) { sendInterventionSheet(id: "1", sentOn: $d) { id } }', { d: addDays(today, -1) }],
      [
        "mutation($i: DeclareIncidentInput!) { declareIncident(input: $i) { id } }",
        {
          i: {
            maintenanceContractId: "1",
            declarerName: "Jeanne Martin",
            channel: "PHONE",
            declaredAt: new Date().toISOString(),
          },
        },
      ],
      [
        "mutation($i: SepaMandateInput!) { registerSepaMandate(input: $i) { id } }",
        { i: { customerId: "1", iban: IBAN, bic: BIC, reference: "DATES-1", signedOn: addDays(today, -3), scheme: "CORE" } },
      ],
      [
        "mutation($i: QuoteInput!) { createQuote(input: $i) { id } }",
        {
          i: {
            customerId: "1",
            lines: [
              {
                offerCode: "IP-TELEPHONY",
                quantity: 1,
                monthlyUnitPriceCents: 1000,
                setupFeeCents: 0,
                portingDirection: "OUTBOUND",
                portingNumbers: ["01 45 67 89 01"],
              },
            ],
          },
        },
      ],
    ] as const;
    for (const [document, variables] of setup) {
      const response = await server.gql(admin, document, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    }
    const signed = await server.gql(
      admin,
      'mutation { signQuote(input: { quoteId: "1", signerName: "Claire Roux", idempotencyKey: "dates-1" }) { portingRequests { id } } }',
    );
    expect(signed.data?.signQuote.portingRequests, JSON.stringify(signed.errors)).toEqual([{ id: "1" }]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const internalError = async (slot: DateSlot, value: string) => {
    const response = await server.gql(admin, documentFor(slot.root, slot.field), argumentsWith(slot, value));
    const internal = response.status >= 500 || response.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
    if (!internal) return { response, problem: null };
    const requestId = response.headers.get("x-request-id");
    const logged = logger.entries.find((e) => e.details?.requestId === requestId)?.details?.error as { message?: string };
    return {
      response,
      problem: `${slot.field.name}(${slot.path.join(".")} = ${value}): ${logged?.message ?? JSON.stringify(response.errors)}`,
    };
  };

  it("finds the date arguments of the schema", () => {
    const slots = dateSlots(schema);
    expect(slots.length).toBeGreaterThan(25);
    expect(slots.some((s) => s.field.name === "incidents" && s.path.join(".") === "to")).toBe(true);
    expect(slots.some((s) => s.field.name === "createQuote" && s.path.join(".") === "input.lines.0.startDate")).toBe(true);
  });

  it("answers the issue's example without an internal error", async () => {
    for (const to of ["0001-01-01", "9999-12-31", "1899-12-31"]) {
      const response = await server.gql(admin, 'query($to: LocalDate) { incidents(customerId: "1", to: $to) { id } }', { to });
      expect(response.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR") ?? false).toBe(false);
    }
  });

  it("never answers an internal error for a date at the ends of the supported years", async () => {
    const problems: string[] = [];
    for (const slot of dateSlots(schema)) {
      for (const value of slot.scalar === "LocalDate" ? EDGES : INSTANTS) {
        const { problem } = await internalError(slot, value);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it("refuses a date outside the supported years as BAD_USER_INPUT naming its field, on every date argument", async () => {
    const problems: string[] = [];
    for (const slot of dateSlots(schema).filter((s) => s.scalar === "LocalDate")) {
      for (const value of OUT_OF_RANGE) {
        const { response, problem } = await internalError(slot, value);
        if (problem) {
          problems.push(problem);
          continue;
        }
        const error = response.errors?.[0];
        const named = (error?.extensions?.fields ?? []).some((f) => f.field === expectedField(slot.path));
        if (error?.extensions?.code !== "BAD_USER_INPUT" || !named) {
          problems.push(`${slot.field.name}(${slot.path.join(".")} = ${value}): ${JSON.stringify(response.errors)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
