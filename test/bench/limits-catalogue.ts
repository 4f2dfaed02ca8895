import { getIntrospectionQuery } from "graphql";
import { addDays, addMonths } from "../../server/src/domain/calendar.js";
import type { Role } from "../../server/src/entities/api-token.entity.js";
import { encodeCursor } from "../../server/src/services/ids.js";
import { SCHEDULE_EVENT_FIELDS } from "./schedule-client.js";

/**
 * The costliest documents a token can send under the GraphQL limits (`npm run bench:limits`).
 * Each is a family of documents along one knob (a page size, a window, a number of aliases): the
 * bench sends the largest one whose estimated cost is within GRAPHQL_MAX_COST (and, to show the
 * limit bites right there, the next one up, which must be refused).
 */
export interface LimitsContext {
  /** "Today" of the dataset. */
  today: string;
  /** The customer with the most contracts (the largest `Customer.contracts` and per-customer schedule). */
  largestCustomerId: string;
  /** Contract ids spread over the book, for distinct `after` cursors and `contract(id)` look-ups. */
  contractIds: string[];
  /** GRAPHQL_MAX_ALIASES. */
  maxAliases: number;
}

export interface LimitsDocument {
  name: string;
  /** Who sends it: INTEGRATOR, or FINANCE for what only finance may read (billing, audit log). */
  role: Role;
  /** What `n` is. */
  knob: string;
  /** The knob's range: the API's own bounds (largest page, longest window, GRAPHQL_MAX_ALIASES). */
  min: number;
  max: (context: LimitsContext) => number;
  build: (n: number, context: LimitsContext) => { query: string; variables: Record<string, unknown> };
}

/** A refusal the issue names: sent as is, it must be refused before it runs. */
export interface LimitsRefusal {
  name: string;
  role: Role;
  build: (context: LimitsContext) => { query: string; variables: Record<string, unknown> };
}

const EVENT = `events { ${SCHEDULE_EVENT_FIELDS.join(" ")} } totalCount endCursor hasNextPage`;
const COMMITMENT_FIELDS =
  "periodIndex inInitialTerm currentPeriodStart currentPeriodEnd initialTermEnd noticeDeadline nextNoticeDeadline earliestEndDate nextRenewalDate remainingCycles earlyTerminationFeeCents";
const COMMITMENT = `commitment { ${COMMITMENT_FIELDS} }`;
const CONTRACT_FIELDS =
  "id status startDate endDate quantity monthlyAmountCents initialTermMonths renewalTermMonths noticeMonths noticeDays noticeReceivedOn subsidisedDevice version";
const CUSTOMER_FIELDS = "id name category siren waiverSignedOn";
const OFFER_FIELDS = "code family name initialTermMonths renewalTermMonths noticeMonths noticeDays defaultMonthlyPriceCents";
const CONTRACT = `${CONTRACT_FIELDS} customer { ${CUSTOMER_FIELDS} } offer { ${OFFER_FIELDS} } ${COMMITMENT}`;
const PORTING = "id number kind direction status requestedOn plannedOn legalDeadline completedOn rio rejectionReason";

/** `n` copies of `field`, aliased a0 … a(n-1); `args(i)` gives each its own arguments. */
function aliased(n: number, field: string, args: (i: number) => string, selection: string): string {
  return Array.from({ length: n }, (_, i) => `a${i}: ${field}${args(i)} ${selection}`).join("\n");
}

/** The last day of a window of `months` months starting on `from` (the schedule's `to`, inclusive). */
function windowEnd(from: string, months: number): string {
  return addDays(addMonths(from, months), -1);
}

const cursor = (context: LimitsContext, i: number) =>
  encodeCursor("contract", context.contractIds[i % context.contractIds.length] as string);

export const LIMITS_DOCUMENTS: LimitsDocument[] = [
  {
    name: "renewalSchedule, whole book, max page",
    role: "INTEGRATOR",
    knob: "months",
    min: 1,
    max: () => 120,
    build: (n, c) => ({
      query: `query($from: LocalDate!, $to: LocalDate!) { renewalSchedule(from: $from, to: $to, first: 5000) { ${EVENT} } }`,
      variables: { from: c.today, to: windowEnd(c.today, n) },
    }),
  },
  {
    name: "renewalSchedule, largest customer, 10 years",
    role: "INTEGRATOR",
    knob: "first",
    min: 1,
    max: () => 5000,
    build: (n, c) => ({
      query: `query($from: LocalDate!, $to: LocalDate!, $customerId: ID) { renewalSchedule(from: $from, to: $to, customerId: $customerId, first: ${n}) { ${EVENT} } }`,
      variables: { from: c.today, to: windowEnd(c.today, 120), customerId: c.largestCustomerId },
    }),
  },
  {
    name: "contracts(first: 500) + customer, offer, commitment",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n, c) => ({
      query: `{ ${aliased(n, "contracts", (i) => `(first: 500, after: "${cursor(c, i)}")`, `{ totalCount endCursor hasNextPage contracts { ${CONTRACT} } }`)} }`,
      variables: {},
    }),
  },
  {
    name: "customers(first: n) { contracts { commitment } }",
    role: "INTEGRATOR",
    knob: "first",
    min: 1,
    max: () => 200,
    build: (n) => ({
      query: `{ customers(first: ${n}) { ${CUSTOMER_FIELDS} contracts { ${CONTRACT_FIELDS} offer { code } ${COMMITMENT} } } }`,
      variables: {},
    }),
  },
  {
    name: "customers(first: 200, search) aliased",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n) => ({
      query: `{ ${aliased(n, "customers", (i) => `(first: 200, search: "${"aeiourstln"[i % 10]}")`, `{ ${CUSTOMER_FIELDS} }`)} }`,
      variables: {},
    }),
  },
  {
    name: "contract(id) + customer, offer, commitment aliased",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n, c) => ({
      query: `{ ${aliased(n, "contract", (i) => `(id: "${c.contractIds[i % c.contractIds.length]}")`, `{ ${CONTRACT} }`)} }`,
      variables: {},
    }),
  },
  {
    name: "commitmentPreview aliased",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n, c) => ({
      query: `{ ${aliased(
        n,
        "commitmentPreview",
        (i) =>
          `(input: { startDate: "${addMonths(c.today, -(i % 100))}", initialTermMonths: 36, renewalTermMonths: 1, noticeMonths: 1, monthlyAmountCents: 9900, customerCategory: OTHER, asOf: "${c.today}" })`,
        `{ ${COMMITMENT_FIELDS} }`,
      )} }`,
      variables: {},
    }),
  },
  {
    name: "portingRequests(first: 500) + contract aliased",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n) => ({
      query: `{ ${aliased(n, "portingRequests", () => "(first: 500)", `{ totalCount portingRequests { ${PORTING} contract { ${CONTRACT} } } }`)} }`,
      variables: {},
    }),
  },
  {
    name: "quotes(first: 200) + lines, contracts aliased",
    role: "INTEGRATOR",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n) => ({
      query: `{ ${aliased(
        n,
        "quotes",
        () => "(first: 200)",
        `{ id status quoteDate validUntil customer { ${CUSTOMER_FIELDS} } lines { id position quantity monthlyCents oneOffCents offer { code } } contracts { id status } }`,
      )} }`,
      variables: {},
    }),
  },
  {
    name: "deep: contracts > customer > quotes > customer > mandates > customer",
    role: "INTEGRATOR",
    knob: "first",
    min: 1,
    max: () => 500,
    build: (n) => ({
      query: `{ contracts(first: ${n}) { contracts { id customer { id quotes { id customer { id sepaMandates { id customer { id referentHistory { id name } } } } } } } } }`,
      variables: {},
    }),
  },
  {
    name: "billableItems, 366 days, limit 5000 aliased (FINANCE)",
    role: "FINANCE",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n, c) => ({
      query: `query($from: LocalDate!, $to: LocalDate!) { ${aliased(
        n,
        "billableItems",
        () => "(from: $from, to: $to, limit: 5000)",
        "{ totalCount totalAmountCents hasMore items { kind sourceId customerId customerName date minutes amountCents description } }",
      )} }`,
      // The longest period the service accepts (366 days).
      variables: { from: addDays(c.today, -365), to: c.today },
    }),
  },
  {
    name: "auditLog(first: 500) aliased (FINANCE)",
    role: "FINANCE",
    knob: "aliases",
    min: 1,
    max: (c) => c.maxAliases,
    build: (n) => ({
      query: `{ ${aliased(n, "auditLog", () => "(first: 500)", "{ id at actor action entity entityId before after }")} }`,
      variables: {},
    }),
  },
  {
    name: "__schema (full introspection) once",
    role: "INTEGRATOR",
    knob: "copies",
    min: 1,
    max: () => 1,
    build: () => ({ query: getIntrospectionQuery(), variables: {} }),
  },
];

export const LIMITS_REFUSALS: LimitsRefusal[] = [
  {
    name: "100 aliases of renewalSchedule, 10 years, first: 0",
    role: "INTEGRATOR",
    build: (c) => ({
      query: `query($from: LocalDate!, $to: LocalDate!) { ${aliased(100, "renewalSchedule", () => "(from: $from, to: $to, first: 0)", "{ totalCount }")} }`,
      variables: { from: c.today, to: windowEnd(c.today, 120) },
    }),
  },
  {
    name: "90 aliases of __schema",
    role: "INTEGRATOR",
    build: () => {
      // The full introspection query's selection under 90 aliases (its fragments once).
      const full = getIntrospectionQuery();
      const start = full.indexOf("__schema");
      const open = full.indexOf("{", start);
      let depth = 0;
      let end = open;
      for (; end < full.length; end++) {
        if (full[end] === "{") depth++;
        if (full[end] === "}" && --depth === 0) break;
      }
      const selection = full.slice(open, end + 1);
      const fragments = full.slice(full.indexOf("fragment "));
      return { query: `query { ${aliased(90, "__schema", () => "", selection)} }\n${fragments}`, variables: {} };
    },
  },
];
