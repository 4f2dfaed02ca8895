import {
  buildClientSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  type IntrospectionQuery,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import type { TestServer } from "./server.js";

/** The schema as a client sees it: read by introspection through the real endpoint. */
export async function introspectSchema(server: TestServer, token: string): Promise<GraphQLSchema> {
  const response = await server.gql<IntrospectionQuery>(token, getIntrospectionQuery());
  if (!response.data) throw new Error(`introspection failed: ${JSON.stringify(response.errors)}`);
  return buildClientSchema(response.data);
}

export function mutationFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

export function fieldByName(schema: GraphQLSchema, root: "Query" | "Mutation", name: string): GraphQLField<unknown, unknown> {
  const type = root === "Query" ? schema.getQueryType() : schema.getMutationType();
  const field = type?.getFields()[name];
  if (!field) throw new Error(`${root}.${name} is not in the schema`);
  return field;
}

/** The root a field is called from, as written in a document. */
export type OperationRoot = "query" | "mutation";

/** Every argument of every query and mutation, with the field it belongs to (for tests that walk the API). */
export function operationArguments(
  schema: GraphQLSchema,
): { root: OperationRoot; field: GraphQLField<unknown, unknown>; arg: GraphQLArgument }[] {
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const;
  return roots.flatMap(([root, type]) =>
    Object.values(type?.getFields() ?? {}).flatMap((field) => field.args.map((arg) => ({ root, field, arg }))),
  );
}

/**
 * A document calling one root field with every argument passed as a variable, selecting only
 * `__typename` (valid for any object type): the document is always valid, whatever the field.
 */
export function documentFor(root: OperationRoot, field: GraphQLField<unknown, unknown>): string {
  const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ");
  const passing = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${root}${declarations ? `(${declarations})` : ""} { ${field.name}${passing ? `(${passing})` : ""}${selection} }`;
}

/** Values of the right types for a field's required arguments (so the request reaches the resolver). */
export function minimalArguments(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of field.args as readonly GraphQLArgument[]) {
    if (isNonNullType(arg.type)) values[arg.name] = minimalValue(arg.type);
  }
  return values;
}

const SCALAR_SAMPLES: Record<string, unknown> = {
  ID: "1",
  String: "x",
  Int: 1,
  Float: 1,
  Boolean: false,
  LocalDate: "2025-01-15",
  DateTime: "2025-01-15T09:00:00.000Z",
  DateTimeISO: "2025-01-15T09:00:00.000Z",
  JSONObject: {},
};

export function minimalValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return minimalValue(type.ofType);
  if (isListType(type)) return [minimalValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) {
    if (!(type.name in SCALAR_SAMPLES)) throw new Error(`no sample value for scalar ${type.name}`);
    return SCALAR_SAMPLES[type.name];
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = minimalValue(field.type);
    }
    return value;
  }
  throw new Error(`unexpected input type ${String(type)}`);
}
