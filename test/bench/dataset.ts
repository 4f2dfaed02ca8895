import {
  addDays,
  addMonths,
  compareLocalDates,
  daysInMonth,
  fromEpochDay,
  toEpochDay,
} from "../../server/src/domain/calendar.js";
import type { CustomerCategory, ServiceFamily } from "../../server/src/domain/catalogue.js";
import {
  type ContractTerms,
  isProtected,
  PROTECTED_MAX_INITIAL_TERM_MONTHS,
  renewalEvents,
  renewalReminderWindow,
  requiresRenewalReminder,
  terminationEffect,
} from "../../server/src/domain/commitment.js";
import { seededRandom } from "./options.js";
import type { RawDb } from "./raw-db.js";

/**
 * A realistic book of contracts for the benchmark, written with multi-row INSERTs in one
 * transaction per table (never the ORM row by row): customers of every category (some with an
 * L224-28 waiver), contracts of every family started over the last ten years (month ends and
 * Feb 29 included), the catalogue's terms plus custom BACKUP/MAINTENANCE terms, notice in months
 * or days, some terminated (end date set, some already ENDED), and L215-1 reminders recorded for
 * part of the CONSUMER/NON_PROFIT periods around today.
 */
export interface DatasetOptions {
  contracts: number;
  customers: number;
  /** "Today" of the dataset: start dates, statuses and reminders are placed around it. */
  today: string;
  seed?: number;
}

export interface DatasetSummary {
  customers: number;
  contracts: number;
  reminders: number;
  byFamily: Record<string, number>;
  ms: number;
}

interface OfferRow {
  id: number;
  code: string;
  family: ServiceFamily;
  initialTermMonths: number | null;
  renewalTermMonths: number | null;
  noticeMonths: number | null;
  noticeDays: number | null;
  defaultMonthlyPriceCents: number | null;
}

/** Share of each family in the book (mobile and cellular renew monthly: 12 events a year each). */
const FAMILY_WEIGHTS: [ServiceFamily, number][] = [
  ["IP_ACCESS_WIRED", 25],
  ["IP_TELEPHONY", 25],
  ["BACKUP", 15],
  ["MOBILE_FLEET", 12],
  ["MAINTENANCE", 10],
  ["IP_ACCESS_CELLULAR", 8],
];
const CATEGORY_WEIGHTS: [CustomerCategory, number][] = [
  ["OTHER", 40],
  ["SMALL", 20],
  ["MICRO", 20],
  ["NON_PROFIT", 10],
  ["CONSUMER", 10],
];
const CUSTOMER_COLUMNS = ["id", "name", "category", "siren", "waiverSignedOn", "sample", "createdAt", "version"];
const CONTRACT_COLUMNS = [
  "id",
  "customerId",
  "offerId",
  "quoteId",
  "quoteLineId",
  "quantity",
  "monthlyAmountCents",
  "startDate",
  "initialTermMonths",
  "renewalTermMonths",
  "noticeMonths",
  "noticeDays",
  "subsidisedDevice",
  "status",
  "noticeReceivedOn",
  "endDate",
  "sample",
  "createdAt",
  "version",
];
const REMINDER_COLUMNS = ["contractId", "periodIndex", "sentOn", "recordedAt"];

function weighted<T>(random: () => number, weights: [T, number][]): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return (weights[weights.length - 1] as [T, number])[0];
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** A start date: uniform over ten years, with extra month ends and Feb 29 (the EDATE edge cases). */
function startDate(random: () => number, firstDay: number, lastDay: number): string {
  const uniform = fromEpochDay(firstDay + Math.floor(random() * (lastDay - firstDay + 1)));
  const r = random();
  if (r < 0.01) return pick(random, ["2016-02-29", "2020-02-29", "2024-02-29"]);
  if (r < 0.1) {
    const [y, m] = uniform.split("-").map(Number) as [number, number];
    return `${y}-${String(m).padStart(2, "0")}-${daysInMonth(y, m)}`;
  }
  return uniform;
}

function customTerms(random: () => number): Pick<ContractTerms, "initialTermMonths" | "renewalTermMonths"> {
  return {
    initialTermMonths: pick(random, [12, 12, 24, 36]),
    renewalTermMonths: pick(random, [12, 12, 12, 6, 0]),
  };
}

export async function generateDataset(db: RawDb, options: DatasetOptions): Promise<DatasetSummary> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 20_200_201);
  const today = options.today;
  const createdAt = `${today} 08:00:00`;
  const offers = await db.all<OfferRow>(
    "SELECT id, code, family, initialTermMonths, renewalTermMonths, noticeMonths, noticeDays, defaultMonthlyPriceCents FROM offer",
  );
  const offerByFamily = new Map(offers.map((o) => [o.family, o]));
  for (const [family] of FAMILY_WEIGHTS) {
    if (!offerByFamily.has(family)) throw new Error(`The catalogue has no ${family} offer: was the database seeded?`);
  }
  const [maxes] = await db.all<{ customerMax: number | null; contractMax: number | null }>(
    "SELECT (SELECT MAX(id) FROM customer) AS customerMax, (SELECT MAX(id) FROM contract) AS contractMax",
  );

  // Customers.
  const firstCustomerId = Number(maxes?.customerMax ?? 0) + 1;
  const customerRows: unknown[][] = [];
  const customerInfo: { category: CustomerCategory; waiver: boolean }[] = [];
  for (let i = 0; i < options.customers; i++) {
    const category = weighted(random, CATEGORY_WEIGHTS);
    const waiver = category !== "CONSUMER" && category !== "OTHER" && random() < 0.3;
    const waiverSignedOn = waiver ? addDays(today, -Math.floor(random() * 3000)) : null;
    const siren = category === "CONSUMER" ? null : String(100_000_000 + Math.floor(random() * 899_999_999));
    customerRows.push([
      firstCustomerId + i,
      `Bench customer ${i + 1} (${category})`,
      category,
      siren,
      waiverSignedOn,
      0,
      createdAt,
      1,
    ]);
    customerInfo.push({ category, waiver });
  }

  // Contracts, and the reminders recorded for some of their periods.
  const firstContractId = Number(maxes?.contractMax ?? 0) + 1;
  const firstDay = toEpochDay(addMonths(today, -120));
  const lastDay = toEpochDay(addMonths(today, 3));
  const reminderFrom = addMonths(today, -24);
  const reminderTo = addMonths(today, 15);
  const contractRows: unknown[][] = [];
  const reminderRows: unknown[][] = [];
  const byFamily: Record<string, number> = {};
  for (let i = 0; i < options.contracts; i++) {
    const id = firstContractId + i;
    // Skewed towards the first customers: a few large accounts, many small ones.
    const customerIndex = Math.floor(options.customers * random() ** 2);
    const customer = customerInfo[customerIndex] as { category: CustomerCategory; waiver: boolean };
    const family = weighted(random, FAMILY_WEIGHTS);
    const offer = offerByFamily.get(family) as OfferRow;
    byFamily[family] = (byFamily[family] ?? 0) + 1;

    const start = startDate(random, firstDay, lastDay);
    const catalogueTerms = offer.initialTermMonths !== null && offer.renewalTermMonths !== null;
    let { initialTermMonths, renewalTermMonths } = catalogueTerms
      ? { initialTermMonths: offer.initialTermMonths as number, renewalTermMonths: offer.renewalTermMonths as number }
      : customTerms(random);
    // L224-28: a protected customer without waiver is never committed for more than 24 months.
    if (initialTermMonths > PROTECTED_MAX_INITIAL_TERM_MONTHS && isProtected(customer.category, family, customer.waiver)) {
      initialTermMonths = PROTECTED_MAX_INITIAL_TERM_MONTHS;
    }
    let noticeMonths: number | null = catalogueTerms ? offer.noticeMonths : pick(random, [1, 2, 3]);
    let noticeDays: number | null = catalogueTerms ? offer.noticeDays : null;
    if (random() < 0.15) {
      noticeMonths = null;
      noticeDays = pick(random, [15, 30, 60, 90]);
    }
    if (renewalTermMonths === 1 && noticeDays !== null) noticeDays = Math.min(noticeDays, 15);
    const terms: ContractTerms = { startDate: start, initialTermMonths, renewalTermMonths, noticeMonths, noticeDays };

    const quantity =
      family === "MOBILE_FLEET" ? 1 + Math.floor(random() * 40) : family === "IP_TELEPHONY" ? 1 + Math.floor(random() * 12) : 1;
    const unitPrice = Math.round((offer.defaultMonthlyPriceCents ?? 5000) * (0.8 + random() * 0.5));
    const subsidisedDevice = family === "MOBILE_FLEET" && random() < 0.25 ? 1 : 0;

    // About 7% received a termination notice since they started; those whose last day passed are ENDED.
    let status = "ACTIVE";
    let noticeReceivedOn: string | null = null;
    let endDate: string | null = null;
    if (compareLocalDates(start, today) < 0 && random() < 0.07) {
      const span = toEpochDay(today) - toEpochDay(start);
      noticeReceivedOn = addDays(start, Math.floor(random() * span));
      endDate = terminationEffect(terms, noticeReceivedOn);
      status = compareLocalDates(endDate, today) < 0 ? "ENDED" : "NOTICE_RECEIVED";
    }
    contractRows.push([
      id,
      firstCustomerId + customerIndex,
      offer.id,
      null,
      null,
      quantity,
      quantity * unitPrice,
      start,
      initialTermMonths,
      renewalTermMonths,
      noticeMonths,
      noticeDays,
      subsidisedDevice,
      status,
      noticeReceivedOn,
      endDate,
      0,
      createdAt,
      1,
    ]);

    if (renewalTermMonths > 0 && requiresRenewalReminder(customer.category) && status !== "ENDED") {
      for (const event of renewalEvents(terms, reminderFrom, reminderTo)) {
        const window = renewalReminderWindow(event.noticeDeadline);
        if (compareLocalDates(window.from, today) > 0 || random() < 0.3) continue;
        const latest = compareLocalDates(window.to, today) < 0 ? window.to : today;
        const spread = Math.max(0, toEpochDay(latest) - toEpochDay(window.from));
        const sentOn = addDays(window.from, Math.floor(random() * (spread + 1)));
        reminderRows.push([id, event.periodIndex, sentOn, `${sentOn} 09:00:00`]);
      }
    }
  }

  await db.insertMany("customer", CUSTOMER_COLUMNS, customerRows);
  await db.insertMany("contract", CONTRACT_COLUMNS, contractRows);
  await db.insertMany("renewal_reminder", REMINDER_COLUMNS, reminderRows);
  return {
    customers: customerRows.length,
    contracts: contractRows.length,
    reminders: reminderRows.length,
    byFamily,
    ms: performance.now() - started,
  };
}
