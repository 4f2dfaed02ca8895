import type { GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../server/src/entities/api-token.entity.js";
import { rowCounts } from "../support/row-counts.js";
import { documentFor, fieldByName, introspectSchema, minimalArguments, mutationFields } from "../support/schema-operations.js";
import { startTestServer, type TestServer } from "../support/server.js";

const ALL: readonly Role[] = ROLES;

/**
 * Who may call what (README "Roles"), for representative operations of each feature. "Allowed"
 * means the role is not refused (the call may still fail on its dummy input); "forbidden" means
 * FORBIDDEN and no data.
 */
const MATRIX: [root: "Query" | "Mutation", field: string, allowed: readonly Role[], args?: Record<string, unknown>][] = [
  ["Query", "me", ALL],
  ["Query", "offers", ALL],
  ["Query", "customers", ALL],
  ["Query", "commitmentPreview", ALL],
  ["Query", "portingPrice", ALL],
  ["Query", "renewalSchedule", ALL],
  ["Query", "auditLog", ["ADMIN", "FINANCE"]],
  ["Query", "apiTokens", ["ADMIN"]],
  ["Query", "billableItems", ["ADMIN", "FINANCE"]],
  ["Mutation", "createCustomer", ["ADMIN", "SALES", "FINANCE"]],
  ["Mutation", "registerSepaMandate", ["ADMIN", "SALES", "FINANCE"]],
  ["Mutation", "createQuote", ["ADMIN", "SALES"]],
  ["Mutation", "signQuote", ["ADMIN", "SALES"]],
  ["Mutation", "recordTerminationNotice", ["ADMIN", "FINANCE"]],
  ["Mutation", "createPortingTariffGrid", ["ADMIN"]],
  ["Mutation", "createApiToken", ["ADMIN"]],
  // An id no token has: revoking token 1 would revoke this test's own ADMIN token.
  ["Mutation", "revokeApiToken", ["ADMIN"], { id: "999999" }],
  ["Mutation", "createMaintenanceContract", ["ADMIN", "SALES"]],
  ["Mutation", "createInterventionSheet", ["ADMIN", "TECHNICIAN"]],
  ["Mutation", "qualifyIncident", ["ADMIN", "TECHNICIAN"]],
  ["Mutation", "nameReferent", ["ADMIN", "TECHNICIAN", "SALES"]],
];

describe(`roles (${process.env.TEST_DB})`, () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ALL) tokens[role] = await server.createToken(role);
    schema = await introspectSchema(server, tokens.INTEGRATOR);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses every mutation to an INTEGRATOR token with FORBIDDEN, no data and no write", async () => {
    const mutations = mutationFields(schema);
    expect(mutations.length).toBeGreaterThan(5);
    const before = await rowCounts(server.app.database);
    const allowed: string[] = [];
    for (const field of mutations) {
      const response = await server.gql(tokens.INTEGRATOR, documentFor("mutation", field), minimalArguments(field));
      const refused = response.errors?.some((e) => e.extensions?.code === "FORBIDDEN") && response.data?.[field.name] == null;
      if (!refused) allowed.push(`${field.name}: ${JSON.stringify(response.errors ?? response.data)}`);
    }
    expect(allowed).toEqual([]);
    await server.app.database.transaction(async () => undefined);
    expect(await rowCounts(server.app.database)).toEqual(before);
  });

  it("refuses every mutation and query without a token with 401, before any GraphQL work", async () => {
    const fields = [
      ...mutationFields(schema).map((f) => ["mutation", f] as const),
      ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ["query", f] as const),
    ];
    const before = await rowCounts(server.app.database);
    for (const [root, field] of fields) {
      const response = await server.gql(null, documentFor(root, field), minimalArguments(field));
      expect(response.status, field.name).toBe(401);
      expect(response.data, field.name).toBeUndefined();
      expect(response.errors?.[0]?.extensions?.code, field.name).toBe("UNAUTHENTICATED");
    }
    expect(await rowCounts(server.app.database)).toEqual(before);
  });

  for (const [root, name, allowedRoles, args] of MATRIX) {
    it(`${root}.${name}: allowed to ${allowedRoles.join(", ")}`, async () => {
      const field = fieldByName(schema, root, name);
      const document = documentFor(root === "Query" ? "query" : "mutation", field);
      for (const role of ALL) {
        const response = await server.gql(tokens[role], document, args ?? minimalArguments(field));
        const codes = (response.errors ?? []).map((e) => e.extensions?.code);
        expect(response.status, `${role} ${name}`).not.toBe(401);
        if (allowedRoles.includes(role)) {
          expect(codes, `${role} should be allowed ${name}`).not.toContain("FORBIDDEN");
        } else {
          expect(codes, `${role} should be refused ${name}`).toContain("FORBIDDEN");
          expect(response.data?.[name] ?? null, `${role} got data from ${name}`).toBeNull();
        }
      }
    });
  }
});
