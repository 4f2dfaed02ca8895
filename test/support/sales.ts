import { expect } from "vitest";
import type { TestServer } from "./server.js";

/**
 * Operations and small helpers shared by the customer, mandate, quote and signing suites: each
 * helper goes through the real HTTP API and fails the test on an unexpected error.
 */

export const CUSTOMER_FIELDS = "id name category siren waiverSignedOn sample";
export const MANDATE_FIELDS = "id reference scheme signedOn iban bic creditorIdentifier lapsed status lastUsedOn revokedOn";
export const QUOTE_FIELDS = `id status version quoteDate validUntil vatRateBasisPoints signerName signedAt
  customer { id name category }
  termsVersion { code effectiveDate }
  totals { oneOffCents monthlyCents vatCents totalInclVatCents totalContractValueCents }
  contracts { id status startDate monthlyAmountCents quantity initialTermMonths renewalTermMonths noticeMonths noticeDays subsidisedDevice }
  sepaMandate { id reference }
  lines {
    id position quantity monthlyUnitPriceCents setupFeeCents initialTermMonths renewalTermMonths noticeMonths noticeDays
    startDate subsidisedDevice portingDirection portingNumbers portingRios portingOutsideHours portingCents monthlyCents
    oneOffCents commitmentEnd noticeDeadline offer { code family }
  }`;

export const CREATE_CUSTOMER = `mutation ($input: CustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`;
export const REGISTER_MANDATE = `mutation ($input: SepaMandateInput!) { registerSepaMandate(input: $input) { ${MANDATE_FIELDS} } }`;
export const CREATE_QUOTE = `mutation ($input: QuoteInput!) { createQuote(input: $input) { ${QUOTE_FIELDS} } }`;
export const UPDATE_QUOTE = `mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { ${QUOTE_FIELDS} } }`;
export const SIGN_QUOTE = `mutation ($input: SignQuoteInput!) { signQuote(input: $input) { ${QUOTE_FIELDS} } }`;
export const GET_QUOTE = `query ($id: ID!) { quote(id: $id) { ${QUOTE_FIELDS} } }`;
export const CREATE_GRID = `mutation ($input: PortingTariffGridInput!) { createPortingTariffGrid(input: $input) { id } }`;

/** A valid French IBAN and its bank's BIC. */
export const IBAN = "FR76 3000 6000 0112 3456 7890 189";
export const BIC = "AGRIFRPP";

export type Fields = { field: string; message: string }[];

/** The `extensions.fields` of a BAD_USER_INPUT answer (fails the test on any other outcome). */
export function badInputFields(response: Awaited<ReturnType<TestServer["gql"]>>): Fields {
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors ?? response.data)).toBe("BAD_USER_INPUT");
  return (response.errors?.[0]?.extensions?.fields ?? []) as Fields;
}

export function errorCode(response: Awaited<ReturnType<TestServer["gql"]>>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

export async function createCustomer(
  server: TestServer,
  token: string,
  input: { name: string; category: string; siren?: string | null; waiverSignedOn?: string | null },
): Promise<string> {
  const response = await server.gql(token, CREATE_CUSTOMER, { input });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.createCustomer.id as string;
}

let referenceCounter = 0;

/** Registers a valid mandate with a fresh reference; returns it. */
export async function registerMandate(
  server: TestServer,
  token: string,
  customerId: string,
  options: { signedOn?: string; reference?: string } = {},
): Promise<Record<string, any>> {
  referenceCounter += 1;
  const input = {
    customerId,
    iban: IBAN,
    bic: BIC,
    reference: options.reference ?? `RUM-${process.pid}-${referenceCounter}`,
    signedOn: options.signedOn ?? "2025-01-15",
    scheme: "CORE",
  };
  const response = await server.gql(token, REGISTER_MANDATE, { input });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.registerSepaMandate as Record<string, any>;
}

export async function createQuote(
  server: TestServer,
  token: string,
  input: Record<string, unknown>,
): Promise<Record<string, any>> {
  const response = await server.gql(token, CREATE_QUOTE, { input });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.createQuote as Record<string, any>;
}
