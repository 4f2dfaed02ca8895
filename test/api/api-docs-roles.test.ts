import type { GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Operation, operationRoles } from "../../scripts/api-docs.js";
import { ROLES, type Role } from "../../server/src/entities/api-token.entity.js";
import { documentFor, fieldByName, introspectSchema, minimalArguments } from "../support/schema-operations.js";
import { type GraphQLResponse, startTestServer, type TestServer } from "../support/server.js";

/** Arguments that keep a permitted call from undoing the test (revoking token 1 would revoke one of ours). */
const SAFE_ARGUMENTS: Record<string, Record<string, unknown>> = { revokeApiToken: { id: "999999" } };

/**
 * docs/api.md says which roles may call each operation, read from the `@Authorized` metadata:
 * every one of those claims, for every role, against the real server. FORBIDDEN (and no data)
 * exactly for the roles the docs leave out.
 */
describe(`docs/api.md's roles are the ones the server enforces (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let operations: Operation[];
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ROLES) tokens[role] = await server.createToken(role);
    schema = await introspectSchema(server, tokens.ADMIN);
    operations = await operationRoles();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("covers every query and mutation of the schema", () => {
    const documented = operations.map((o) => `${o.kind}.${o.name}`).sort();
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `query.${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `mutation.${name}`),
    ].sort();
    expect(documented).toEqual(inSchema);
  });

  it("refuses exactly the roles the docs leave out", async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const field = fieldByName(schema, operation.kind === "query" ? "Query" : "Mutation", operation.name);
      const document = documentFor(operation.kind, field);
      const args = SAFE_ARGUMENTS[operation.name] ?? minimalArguments(field);
      const responses = await Promise.all(ROLES.map((role) => server.gql(tokens[role], document, args)));
      ROLES.forEach((role, i) => {
        const response = responses[i] as GraphQLResponse;
        const forbidden = (response.errors ?? []).some((e) => e.extensions?.code === "FORBIDDEN");
        const documented = operation.roles === undefined || operation.roles.includes(role);
        if (response.status === 401) wrong.push(`${operation.name} ${role}: 401`);
        else if (documented === forbidden)
          wrong.push(`${operation.name} ${role}: docs say ${documented ? "allowed" : "refused"}`);
        else if (forbidden && response.data?.[operation.name] != null)
          wrong.push(`${operation.name} ${role}: data despite FORBIDDEN`);
      });
    }
    expect(operations.length).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });
});
