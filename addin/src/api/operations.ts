/**
 * Every GraphQL operation the add-in sends, with the TypeScript shape of its result. Kept in one
 * file so test/addin/unit/operations.test.ts can parse them all and validate them against
 * schema/schema.graphql: a renamed field breaks that test, not the users.
 */

export type Role = "ADMIN" | "SALES" | "FINANCE" | "TECHNICIAN" | "INTEGRATOR";
export type ServiceFamily = "BACKUP" | "IP_ACCESS_WIRED" | "IP_ACCESS_CELLULAR" | "IP_TELEPHONY" | "MOBILE_FLEET" | "MAINTENANCE";
export type CustomerCategory = "CONSUMER" | "MICRO" | "SMALL" | "NON_PROFIT" | "OTHER";
export type PortingDirection = "INBOUND" | "OUTBOUND";
export type QuoteStatus = "DRAFT" | "SENT" | "SIGNED" | "DECLINED" | "EXPIRED";
export type ContractStatus = "ACTIVE" | "NOTICE_RECEIVED" | "ENDED";
export type SepaScheme = "CORE" | "B2B";
export type SepaMandateStatus = "ACTIVE" | "LAPSED" | "REVOKED";
export type NumberKind = "GEOGRAPHIC" | "NON_GEOGRAPHIC" | "SPECIAL" | "MOBILE";
export type PortingStatus = "REQUESTED" | "SCHEDULED" | "COMPLETED" | "REJECTED" | "CANCELLED";

export const SERVICE_FAMILIES: readonly ServiceFamily[] = [
  "BACKUP",
  "IP_ACCESS_WIRED",
  "IP_ACCESS_CELLULAR",
  "IP_TELEPHONY",
  "MOBILE_FLEET",
  "MAINTENANCE",
];
export const CUSTOMER_CATEGORIES: readonly CustomerCategory[] = ["CONSUMER", "MICRO", "SMALL", "NON_PROFIT", "OTHER"];
export const QUOTE_STATUSES: readonly QuoteStatus[] = ["DRAFT", "SENT", "SIGNED", "DECLINED", "EXPIRED"];
export const SEPA_SCHEMES: readonly SepaScheme[] = ["CORE", "B2B"];

export const ME = /* GraphQL */ `
  query AddinMe {
    me { name role }
  }
`;
export interface MeResult {
  me: { name: string; role: Role };
}

export interface Offer {
  code: string;
  family: ServiceFamily;
  name: string;
  initialTermMonths: number | null;
  renewalTermMonths: number | null;
  noticeMonths: number | null;
  noticeDays: number | null;
  portingBilledPerGrid: boolean;
  termsVersion: { code: string; effectiveDate: string };
}
export const OFFERS = /* GraphQL */ `
  query AddinOffers {
    offers {
      code family name initialTermMonths renewalTermMonths noticeMonths noticeDays portingBilledPerGrid
      termsVersion { code effectiveDate }
    }
  }
`;
export interface OffersResult {
  offers: Offer[];
}

export interface CustomerSummary {
  id: string;
  name: string;
  category: CustomerCategory;
  siren: string | null;
}
export const CUSTOMERS = /* GraphQL */ `
  query AddinCustomers($search: String, $first: Int) {
    customers(search: $search, first: $first) { id name category siren }
  }
`;
export interface CustomersResult {
  customers: CustomerSummary[];
}

export interface CustomerInput {
  name: string;
  category: CustomerCategory;
  siren?: string | null;
  waiverSignedOn?: string | null;
}
export const CREATE_CUSTOMER = /* GraphQL */ `
  mutation AddinCreateCustomer($input: CustomerInput!) {
    createCustomer(input: $input) { id name category siren }
  }
`;
export interface CreateCustomerResult {
  createCustomer: CustomerSummary;
}

/** A contract as the pane shows it after signing: what, from when, until when, by when to give notice. */
const CONTRACT_FIELDS = /* GraphQL */ `
  fragment AddinContractFields on Contract {
    id status startDate quantity monthlyAmountCents initialTermMonths renewalTermMonths
    offer { code name family }
    commitment { initialTermEnd noticeDeadline nextNoticeDeadline }
    portingRequests { id number kind direction status requestedOn legalDeadline plannedOn }
  }
`;

const QUOTE_FIELDS = /* GraphQL */ `
  fragment AddinQuoteFields on Quote {
    id status version quoteDate validUntil signerName signedAt
    customer { id name category siren }
    termsVersion { code effectiveDate }
    totals { oneOffCents monthlyCents vatCents totalInclVatCents totalContractValueCents }
    lines {
      id position quantity monthlyUnitPriceCents setupFeeCents
      initialTermMonths renewalTermMonths noticeMonths noticeDays startDate
      portingDirection portingNumbers portingCents monthlyCents commitmentEnd noticeDeadline
      subsidisedDevice portingOutsideHours portingRios
      offer { code name family }
    }
    contracts { ...AddinContractFields }
  }
  ${CONTRACT_FIELDS}
`;

export interface QuoteLine {
  id: string;
  position: number;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  initialTermMonths: number;
  renewalTermMonths: number;
  noticeMonths: number | null;
  noticeDays: number | null;
  startDate: string | null;
  portingDirection: PortingDirection | null;
  portingNumbers: string[];
  /** Kept when a line is saved again (the sheet's read-back must not drop them). */
  subsidisedDevice: boolean;
  portingOutsideHours: boolean;
  portingRios: (string | null)[];
  portingCents: number;
  monthlyCents: number;
  commitmentEnd: string | null;
  noticeDeadline: string | null;
  offer: { code: string; name: string; family: ServiceFamily };
}
export interface QuoteTotals {
  oneOffCents: number;
  monthlyCents: number;
  vatCents: number;
  totalInclVatCents: number;
  totalContractValueCents: number;
}
export interface Quote {
  id: string;
  status: QuoteStatus;
  version: number;
  quoteDate: string;
  validUntil: string;
  customer: CustomerSummary;
  termsVersion: { code: string; effectiveDate: string } | null;
  totals: QuoteTotals;
  lines: QuoteLine[];
  signerName: string | null;
  signedAt: string | null;
  /** One per line once signed; empty before. */
  contracts: Contract[];
}

/** A number to port, created by signing (API.md "Porting requests"). */
export interface PortingRequest {
  id: string;
  number: string;
  kind: NumberKind;
  direction: PortingDirection;
  status: PortingStatus;
  requestedOn: string;
  legalDeadline: string;
  plannedOn: string;
}

export interface Contract {
  id: string;
  status: ContractStatus;
  startDate: string;
  quantity: number;
  monthlyAmountCents: number;
  initialTermMonths: number;
  renewalTermMonths: number;
  offer: { code: string; name: string; family: ServiceFamily };
  commitment: { initialTermEnd: string; noticeDeadline: string; nextNoticeDeadline: string | null };
  /** The numbers ported with the contract (created by signing); empty when none. */
  portingRequests: PortingRequest[];
}

export interface QuoteLineInput {
  offerCode: string;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  initialTermMonths?: number | null;
  renewalTermMonths?: number | null;
  startDate?: string | null;
  portingDirection?: PortingDirection | null;
  portingNumbers?: string[] | null;
  noticeMonths?: number | null;
  noticeDays?: number | null;
  subsidisedDevice?: boolean | null;
  portingOutsideHours?: boolean | null;
  portingRios?: (string | null)[] | null;
}

export const QUOTE = /* GraphQL */ `
  query AddinQuote($id: ID!) {
    quote(id: $id) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface QuoteResult {
  quote: Quote | null;
}

export const CREATE_QUOTE = /* GraphQL */ `
  mutation AddinCreateQuote($input: QuoteInput!) {
    createQuote(input: $input) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface CreateQuoteResult {
  createQuote: Quote;
}

export const UPDATE_QUOTE = /* GraphQL */ `
  mutation AddinUpdateQuote($input: UpdateQuoteInput!) {
    updateQuote(input: $input) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface UpdateQuoteResult {
  updateQuote: Quote;
}

/** A quote as the customer's list shows it. */
export interface QuoteSummary {
  id: string;
  status: QuoteStatus;
  version: number;
  quoteDate: string;
  validUntil: string;
  totals: QuoteTotals;
}

export interface SepaMandate {
  id: string;
  reference: string;
  scheme: SepaScheme;
  signedOn: string;
  /** Masked by the server for SALES (country, check digits and last 4 characters). */
  iban: string;
  bic: string;
  status: SepaMandateStatus;
}
const MANDATE_FIELDS = "id reference scheme signedOn iban bic status";

/** What the sales journey needs of a customer: who, its mandates, its quotes. */
export interface CustomerFile extends CustomerSummary {
  sepaMandates: SepaMandate[];
  quotes: QuoteSummary[];
}
export const CUSTOMER_FILE = /* GraphQL */ `
  query AddinCustomerFile($id: ID!) {
    customer(id: $id) {
      id name category siren
      sepaMandates { ${MANDATE_FIELDS} }
      quotes {
        id status version quoteDate validUntil
        totals { oneOffCents monthlyCents vatCents totalInclVatCents totalContractValueCents }
      }
    }
  }
`;
export interface CustomerFileResult {
  customer: CustomerFile | null;
}

export interface SepaMandateInput {
  customerId: string;
  iban: string;
  bic: string;
  reference: string;
  signedOn: string;
  scheme: SepaScheme;
}
export const REGISTER_SEPA_MANDATE = /* GraphQL */ `
  mutation AddinRegisterSepaMandate($input: SepaMandateInput!) {
    registerSepaMandate(input: $input) { ${MANDATE_FIELDS} }
  }
`;
export interface RegisterSepaMandateResult {
  registerSepaMandate: SepaMandate;
}

export const SEND_QUOTE = /* GraphQL */ `
  mutation AddinSendQuote($quoteId: ID!) {
    sendQuote(quoteId: $quoteId) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface SendQuoteResult {
  sendQuote: Quote;
}

export const DECLINE_QUOTE = /* GraphQL */ `
  mutation AddinDeclineQuote($quoteId: ID!) {
    declineQuote(quoteId: $quoteId) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface DeclineQuoteResult {
  declineQuote: Quote;
}

export interface SignQuoteInput {
  quoteId: string;
  signerName: string;
  idempotencyKey: string;
  /** The version on screen: the signature covers exactly it (CONFLICT when it changed). */
  expectedVersion: number;
}
export const SIGN_QUOTE = /* GraphQL */ `
  mutation AddinSignQuote($input: SignQuoteInput!) {
    signQuote(input: $input) { ...AddinQuoteFields }
  }
  ${QUOTE_FIELDS}
`;
export interface SignQuoteResult {
  signQuote: Quote;
}

export interface RenewalEvent {
  contractId: string;
  customerId: string;
  customerName: string;
  customerCategory: CustomerCategory;
  offerCode: string;
  offerName: string;
  family: ServiceFamily;
  periodIndex: number;
  periodEnd: string;
  noticeDeadline: string;
  nextPeriodStart: string | null;
  monthlyAmountCents: number;
  reminderRequired: boolean;
  reminderWindowStart: string | null;
  reminderWindowEnd: string | null;
  reminderSentOn: string | null;
  contractStatus: "ACTIVE" | "NOTICE_RECEIVED" | "ENDED";
}
export const RENEWAL_SCHEDULE = /* GraphQL */ `
  query AddinRenewalSchedule(
    $from: LocalDate!, $to: LocalDate!, $families: [ServiceFamily!], $customerId: ID, $first: Int, $after: String
  ) {
    renewalSchedule(from: $from, to: $to, families: $families, customerId: $customerId, first: $first, after: $after) {
      totalCount endCursor hasNextPage
      events {
        contractId customerId customerName customerCategory offerCode offerName family periodIndex
        periodEnd noticeDeadline nextPeriodStart monthlyAmountCents
        reminderRequired reminderWindowStart reminderWindowEnd reminderSentOn contractStatus
      }
    }
  }
`;
export interface RenewalScheduleResult {
  renewalSchedule: { totalCount: number; endCursor: string | null; hasNextPage: boolean; events: RenewalEvent[] };
}

export interface PortingPriceInput {
  direction: PortingDirection;
  numbers: string[];
  requestDate: string;
  outsideBusinessHours?: boolean | null;
}
/** One porting price; the custom function batches many of these with aliases (portingBatchQuery). */
export const PORTING_PRICE = /* GraphQL */ `
  query AddinPortingPrice($input: PortingPriceInput!) {
    portingPrice(input: $input) { totalCents }
  }
`;
export interface PortingPriceResult {
  totalCents: number;
}

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
