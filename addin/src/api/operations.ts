/**
 * Every GraphQL operation the add-in sends, under the names the add-in uses, with the TypeScript
 * shape of its variables and result. The documents are schema/addin/*.graphql and their types are
 * generated from schema/schema.graphql (`npm run codegen` → generated.ts, checked in, tested for
 * staleness): a renamed field or a new enum value breaks the type-check, not the users. Only the
 * batched porting document, whose size depends on the call, is built here.
 */
import type {
  AddinContractFieldsFragment,
  AddinCreateCustomerMutation,
  AddinCreateQuoteMutation,
  AddinCustomerFieldsFragment,
  AddinCustomerFileQuery,
  AddinCustomersQuery,
  AddinDeclineQuoteMutation,
  AddinMandateFieldsFragment,
  AddinMeQuery,
  AddinOffersQuery,
  AddinPortingPriceQuery,
  AddinQuoteFieldsFragment,
  AddinQuoteQuery,
  AddinQuoteSummaryFieldsFragment,
  AddinRegisterSepaMandateMutation,
  AddinRenewalEventFieldsFragment,
  AddinRenewalScheduleQuery,
  AddinSendQuoteMutation,
  AddinSignQuoteMutation,
  AddinUpdateQuoteMutation,
  CustomerCategory,
  QuoteStatus,
  SepaScheme,
  ServiceFamily,
} from "./generated.js";
import {
  AddinCreateCustomerDocument,
  AddinCreateQuoteDocument,
  AddinCustomerFileDocument,
  AddinCustomersDocument,
  AddinDeclineQuoteDocument,
  AddinMeDocument,
  AddinOffersDocument,
  AddinPortingPriceDocument,
  AddinQuoteDocument,
  AddinRegisterSepaMandateDocument,
  AddinRenewalScheduleDocument,
  AddinSendQuoteDocument,
  AddinSignQuoteDocument,
  AddinUpdateQuoteDocument,
} from "./generated.js";

export type {
  ContractStatus,
  CustomerCategory,
  CustomerInput,
  NumberKind,
  PortingDirection,
  PortingPriceInput,
  PortingStatus,
  QuoteLineInput,
  QuoteStatus,
  Role,
  SepaMandateInput,
  SepaMandateStatus,
  SepaScheme,
  ServiceFamily,
  SignQuoteInput,
} from "./generated.js";

/** Every value of `T` listed: a value the schema adds and a list lacks fails the type-check. */
type Complete<T extends string, L extends readonly T[]> = Exclude<T, L[number]> extends never ? L : never;
const all =
  <T extends string>() =>
  <const L extends readonly T[]>(list: Complete<T, L>): readonly T[] =>
    list;

export const SERVICE_FAMILIES = all<ServiceFamily>()([
  "BACKUP",
  "IP_ACCESS_WIRED",
  "IP_ACCESS_CELLULAR",
  "IP_TELEPHONY",
  "MOBILE_FLEET",
  "MAINTENANCE",
]);
export const CUSTOMER_CATEGORIES = all<CustomerCategory>()(["CONSUMER", "MICRO", "SMALL", "NON_PROFIT", "OTHER"]);
export const QUOTE_STATUSES = all<QuoteStatus>()(["DRAFT", "SENT", "SIGNED", "DECLINED", "EXPIRED"]);
export const SEPA_SCHEMES = all<SepaScheme>()(["CORE", "B2B"]);

// --- the documents, by the names the add-in uses -------------------------------------------------
export const ME = AddinMeDocument;
export const OFFERS = AddinOffersDocument;
export const CUSTOMERS = AddinCustomersDocument;
export const CREATE_CUSTOMER = AddinCreateCustomerDocument;
export const CUSTOMER_FILE = AddinCustomerFileDocument;
export const REGISTER_SEPA_MANDATE = AddinRegisterSepaMandateDocument;
export const QUOTE = AddinQuoteDocument;
export const CREATE_QUOTE = AddinCreateQuoteDocument;
export const UPDATE_QUOTE = AddinUpdateQuoteDocument;
export const SEND_QUOTE = AddinSendQuoteDocument;
export const DECLINE_QUOTE = AddinDeclineQuoteDocument;
export const SIGN_QUOTE = AddinSignQuoteDocument;
export const RENEWAL_SCHEDULE = AddinRenewalScheduleDocument;
export const PORTING_PRICE = AddinPortingPriceDocument;

// --- what they return -----------------------------------------------------------------------------
export type MeResult = AddinMeQuery;
export type OffersResult = AddinOffersQuery;
export type Offer = AddinOffersQuery["offers"][number];
export type CustomerSummary = AddinCustomerFieldsFragment;
export type CustomersResult = AddinCustomersQuery;
export type CreateCustomerResult = AddinCreateCustomerMutation;
/** A contract as the pane shows it after signing, with the numbers it ports. */
export type Contract = AddinContractFieldsFragment;
export type PortingRequest = Contract["portingRequests"][number];
export type Quote = AddinQuoteFieldsFragment;
export type QuoteLine = Quote["lines"][number];
export type QuoteTotals = Quote["totals"];
export type QuoteResult = AddinQuoteQuery;
export type CreateQuoteResult = AddinCreateQuoteMutation;
export type UpdateQuoteResult = AddinUpdateQuoteMutation;
/** A quote as the customer's list shows it. */
export type QuoteSummary = AddinQuoteSummaryFieldsFragment;
/** The IBAN is masked by the server for sales staff. */
export type SepaMandate = AddinMandateFieldsFragment;
/** What the sales journey needs of a customer: who, its mandates, its quotes. */
export type CustomerFile = NonNullable<AddinCustomerFileQuery["customer"]>;
export type CustomerFileResult = AddinCustomerFileQuery;
export type RegisterSepaMandateResult = AddinRegisterSepaMandateMutation;
export type SendQuoteResult = AddinSendQuoteMutation;
export type DeclineQuoteResult = AddinDeclineQuoteMutation;
export type SignQuoteResult = AddinSignQuoteMutation;
export type RenewalEvent = AddinRenewalEventFieldsFragment;
export type RenewalScheduleResult = AddinRenewalScheduleQuery;
export type PortingPriceResult = AddinPortingPriceQuery["portingPrice"];

/**
 * One request for many porting prices: `p0: portingPrice(input: $i0) { totalCents } p1: …`.
 * Inputs travel as variables, so no user text is ever spliced into the document.
 */
export function portingBatchQuery(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$i${i}: PortingPriceInput!`);
    fields.push(`p${i}: portingPrice(input: $i${i}) { totalCents }`);
  }
  return `query AddinPortingPrices(${vars.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
}

/** Every fixed document, by name, for the schema validation test. */
export const OPERATIONS: Record<string, string> = {
  ME,
  OFFERS,
  CUSTOMERS,
  CREATE_CUSTOMER,
  QUOTE,
  CREATE_QUOTE,
  UPDATE_QUOTE,
  CUSTOMER_FILE,
  REGISTER_SEPA_MANDATE,
  SEND_QUOTE,
  DECLINE_QUOTE,
  SIGN_QUOTE,
  RENEWAL_SCHEDULE,
  PORTING_PRICE,
  PORTING_BATCH_SAMPLE: portingBatchQuery(3),
};
