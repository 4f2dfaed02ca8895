import { expect } from "vitest";
import type { GraphQLResponse, TestServer } from "./server.js";

/** Helpers shared by the maintenance API suites (referents, incidents, sheets, billing export). */

export const PROCEDURE_LISTED = {
  declarers: "LISTED",
  allowedDeclarers: ["Julie Lefebvre"],
  channels: ["PORTAL", "EMAIL", "PHONE"],
  requiredFields: ["description", "category"],
  supportHours: { days: [1, 2, 3, 4, 5], from: "08:30", to: "18:00" },
};

export async function createCustomer(server: TestServer, adminToken: string, name: string): Promise<string> {
  const response = await server.gql(adminToken, "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }", {
    input: { name, category: "OTHER" },
  });
  expect(response.errors).toBeUndefined();
  return response.data?.createCustomer.id as string;
}

export async function createMaintenanceContract(
  server: TestServer,
  token: string,
  customerId: string,
  hourlyRateCents: number,
  procedure: Record<string, unknown> = PROCEDURE_LISTED,
): Promise<string> {
  const response = await server.gql(
    token,
    "mutation($input: MaintenanceContractInput!) { createMaintenanceContract(input: $input) { id } }",
    { input: { customerId, hourlyRateCents, procedure } },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.createMaintenanceContract.id as string;
}

/** The data of a response that must have succeeded. */
export function ok<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** The code and field paths of a refused response. */
export function refusal(response: GraphQLResponse): { code: unknown; fields: string[] } {
  expect(response.errors?.length).toBeGreaterThan(0);
  const extensions = response.errors?.[0]?.extensions;
  return { code: extensions?.code, fields: (extensions?.fields ?? []).map((f) => f.field) };
}
