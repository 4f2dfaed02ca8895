import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  lexicographicSortSchema,
} from "graphql";
import { type AuthCheckerFn, getMetadataStorage } from "type-graphql";
import { ROLES, type Role } from "../server/src/entities/api-token.entity.js";
import { authChecker } from "../server/src/graphql/common/auth-checker.js";
import type { GraphQLContext } from "../server/src/graphql/context.js";
import { buildApiSchema } from "../server/src/graphql/schema.js";

/** docs/api.md: written by `npm run docs`, checked for staleness by test/unit/api-docs.test.ts. */
export const API_DOCS_FILE = path.resolve(import.meta.dirname, "../docs/api.md");

/**
 * The roles that may call an operation or read a field, decided the way the server decides:
 * type-graphql's `@Authorized` metadata, put to the server's own `authChecker` for each role.
 * `undefined` when nothing is enforced at that level (no `@Authorized`).
 */
function allowedRoles(roles: readonly Role[] | undefined): Role[] | undefined {
  if (roles === undefined) return undefined;
  const check = authChecker as AuthCheckerFn<GraphQLContext, Role>;
  return ROLES.filter(
    (role) =>
      check({ context: { principal: { role } } as unknown as GraphQLContext, root: {}, args: {}, info: {} as never }, [
        ...roles,
      ]) === true,
  );
}

function describeRoles(roles: Role[] | undefined): string {
  if (roles === undefined) return "any valid token (no `@Authorized`)";
  if (roles.length === ROLES.length) return "every role";
  return roles.join(", ");
}

/** One line of text for a table cell: the description without line breaks or stray pipes. */
function cell(text: string | null | undefined): string {
  return (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function anchor(name: string): string {
  return name.toLowerCase();
}

export interface Operation {
  kind: "query" | "mutation";
  name: string;
  feature: string;
  roles: Role[] | undefined;
}

/**
 * Every query and mutation with who may call it (`undefined`: no `@Authorized`), as documented in
 * docs/api.md; test/api/api-docs-roles.test.ts checks each claim against the running server.
 */
export async function operationRoles(): Promise<Operation[]> {
  await buildApiSchema(); // type-graphql settles each operation's roles when it builds a schema
  return operationsOf();
}

/** Queries and mutations with the resolver class that declares them and who may call them. */
function operationsOf(): Operation[] {
  const storage = getMetadataStorage();
  const feature = (target: Function) =>
    target.name
      .replace(/Resolver$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/^(.)(.*)$/, (_m, first: string, rest: string) => first + rest.toLowerCase());
  return [
    ...storage.queries.map((q) => ({ kind: "query" as const, q })),
    ...storage.mutations.map((q) => ({ kind: "mutation" as const, q })),
  ].map(({ kind, q }) => ({ kind, name: q.schemaName, feature: feature(q.target), roles: allowedRoles(q.roles) }));
}

/** Fields of object types that enforce roles of their own (beyond the operation that reached them). */
function restrictedFields(): Map<string, Role[]> {
  const restricted = new Map<string, Role[]>();
  const storage = getMetadataStorage();
  for (const type of storage.objectTypes) {
    for (const field of type.fields ?? []) {
      const roles = allowedRoles(field.roles);
      if (roles && roles.length < ROLES.length) restricted.set(`${type.name}.${field.schemaName}`, roles);
    }
  }
  return restricted;
}

function argumentsTable(args: readonly GraphQLArgument[] | readonly GraphQLInputField[]): string[] {
  if (args.length === 0) return [];
  const lines = ["| argument | type | default | description |", "| --- | --- | --- | --- |"];
  for (const arg of args) {
    const fallback = arg.defaultValue === undefined ? "" : `\`${JSON.stringify(arg.defaultValue)}\``;
    lines.push(`| \`${arg.name}\` | \`${String(arg.type)}\` | ${fallback} | ${cell(arg.description)} |`);
  }
  return lines;
}

function operationSection(field: GraphQLField<unknown, unknown>, operation: Operation | undefined): string[] {
  const lines = [`### \`${field.name}\``, "", cell(field.description), ""];
  lines.push(`Returns \`${String(field.type)}\`. Roles: ${describeRoles(operation?.roles)}.`, "");
  const args = argumentsTable(field.args);
  if (args.length > 0) lines.push(...args, "");
  return lines;
}

function fieldsTable(type: GraphQLNamedType, restricted: Map<string, Role[]>): string[] {
  if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return [];
  const fields = Object.values(type.getFields());
  const anyRestricted = fields.some((field) => restricted.has(`${type.name}.${field.name}`));
  const lines = anyRestricted
    ? ["| field | type | description | roles |", "| --- | --- | --- | --- |"]
    : ["| field | type | description |", "| --- | --- | --- |"];
  for (const field of fields) {
    const args =
      "args" in field && field.args.length > 0
        ? ` (arguments: ${field.args.map((a: GraphQLArgument) => `\`${a.name}: ${String(a.type)}\`${a.description ? ` ${cell(a.description)}` : ""}`).join("; ")})`
        : "";
    const roles = restricted.get(`${type.name}.${field.name}`);
    const rolesCell = anyRestricted ? ` ${roles ? roles.join(", ") : ""} |` : "";
    lines.push(`| \`${field.name}\` | \`${String(field.type)}\` | ${cell(field.description)}${args} |${rolesCell}`);
  }
  return lines;
}

function typeSection(type: GraphQLNamedType, restricted: Map<string, Role[]>): string[] {
  const lines = [`### \`${type.name}\``, ""];
  if (type.description) lines.push(cell(type.description), "");
  if (isEnumType(type)) {
    lines.push("| value | description |", "| --- | --- |");
    for (const value of type.getValues()) lines.push(`| \`${value.name}\` | ${cell(value.description)} |`);
    lines.push("");
  } else if (isUnionType(type)) {
    lines.push(
      `One of ${type
        .getTypes()
        .map((t) => `\`${t.name}\``)
        .join(", ")}.`,
      "",
    );
  } else if (!isScalarType(type)) {
    lines.push(...fieldsTable(type, restricted), "");
  }
  return lines;
}

/** The whole of docs/api.md, from the schema the server builds. */
export async function renderApiDocs(schema?: GraphQLSchema): Promise<string> {
  const sorted = lexicographicSortSchema(schema ?? (await buildApiSchema()));
  const operations = operationsOf();
  const restricted = restrictedFields();
  const lines = [
    "# GraphQL API reference",
    "",
    "<!-- Generated by `npm run docs` (scripts/api-docs.ts): edit the descriptions in server/src/graphql, not this file. -->",
    "",
    "Every operation of `POST /graphql`, with its arguments and the roles that may call it, then every",
    "type. Descriptions come from the schema (`schema/schema.graphql`); roles from the `@Authorized`",
    "rules the server enforces (type-graphql's metadata, put to `server/src/graphql/common/auth-checker.ts`:",
    "ADMIN may do everything). Every request needs `Authorization: Bearer <token>`. Errors, limits and",
    "the other HTTP endpoints: [operations.md](operations.md); the rules behind the operations:",
    "[rules.md](rules.md).",
    "",
  ];

  lines.push("## Who may call what", "");
  lines.push(`| operations | ${ROLES.join(" | ")} |`, `| --- | ${ROLES.map(() => ":---:").join(" | ")} |`);
  const byRoles = new Map<string, Operation[]>();
  for (const operation of operations) {
    const key = describeRoles(operation.roles);
    byRoles.set(key, [...(byRoles.get(key) ?? []), operation]);
  }
  const rows = [...byRoles.values()].sort((a, b) => (b[0]?.roles?.length ?? 0) - (a[0]?.roles?.length ?? 0));
  for (const group of rows) {
    const names = group.map((o) => `\`${o.name}\``).sort();
    const allowed = group[0]?.roles;
    lines.push(
      `| ${names.join(", ")} | ${ROLES.map((role) => (allowed === undefined || allowed.includes(role) ? "✓" : "")).join(" | ")} |`,
    );
  }
  lines.push("");

  const features = [...new Set(operations.map((o) => o.feature))].sort();
  lines.push("## Operations by feature", "");
  lines.push("| feature | queries | mutations |", "| --- | --- | --- |");
  for (const feature of features) {
    const names = (kind: Operation["kind"]) =>
      operations
        .filter((o) => o.feature === feature && o.kind === kind)
        .map((o) => `[\`${o.name}\`](#${anchor(o.name)})`)
        .sort()
        .join(", ");
    lines.push(`| ${feature} | ${names("query")} | ${names("mutation")} |`);
  }
  lines.push("");

  for (const [title, root] of [
    ["Queries", sorted.getQueryType()],
    ["Mutations", sorted.getMutationType()],
  ] as const) {
    if (!root) continue;
    const kind = root === sorted.getQueryType() ? "query" : "mutation";
    lines.push(`## ${title}`, "");
    for (const field of Object.values(root.getFields())) {
      lines.push(
        ...operationSection(
          field,
          operations.find((o) => o.kind === kind && o.name === field.name),
        ),
      );
    }
  }

  const named = Object.values(sorted.getTypeMap()).filter(
    (type) => !type.name.startsWith("__") && type !== sorted.getQueryType() && type !== sorted.getMutationType(),
  );
  const groups: [string, (type: GraphQLNamedType) => boolean][] = [
    ["Object types", (type) => isObjectType(type) || isInterfaceType(type) || isUnionType(type)],
    ["Input types", isInputObjectType],
    ["Enums", isEnumType],
    ["Scalars", isScalarType],
  ];
  for (const [title, belongs] of groups) {
    lines.push(`## ${title}`, "");
    for (const type of named.filter(belongs)) lines.push(...typeSection(type, restricted));
  }
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "api-docs.ts")) {
  fs.writeFileSync(API_DOCS_FILE, await renderApiDocs());
  process.stdout.write(`wrote ${path.relative(process.cwd(), API_DOCS_FILE)}\n`);
}
