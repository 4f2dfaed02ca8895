import { addDays, addMonths } from "../../server/src/domain/calendar.js";
import { CUSTOMER_CATEGORIES, SERVICE_FAMILIES } from "../../server/src/domain/catalogue.js";
import { type CommitmentQuery, computeCommitment, validateCommitmentQuery } from "../../server/src/domain/commitment.js";
import { seededRandom } from "./options.js";

const TERMS: [number, number][] = [
  [36, 12],
  [24, 12],
  [3, 1],
  [12, 12],
  [12, 0],
  [24, 6],
  [1, 1],
];

/**
 * `commitmentPreview` inputs as integrators send them: every family and category, catalogue and
 * custom terms, notice in months or days or none, waivers, subsidised devices, start dates on
 * month ends and Feb 29, asOf before, inside and long after the initial term. Only valid inputs
 * are kept (a refused one measures the error path, not the engine).
 */
export function previewInputs(count: number, today: string, seed = 42): CommitmentQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const inputs: CommitmentQuery[] = [];
  while (inputs.length < count) {
    const [initialTermMonths, renewalTermMonths] = pick(TERMS);
    const r = random();
    const startDate =
      r < 0.05
        ? pick(["2020-02-29", "2024-02-29", "2024-01-31", "2023-08-31"])
        : addDays(today, -Math.floor(random() * 3650) + 90);
    const notice = random();
    const query: CommitmentQuery = {
      startDate,
      initialTermMonths,
      renewalTermMonths,
      noticeMonths: notice < 0.6 ? pick([1, 2, 3]) : null,
      noticeDays: notice >= 0.6 && notice < 0.9 ? pick([15, 30, 60, 90]) : null,
      asOf: addMonths(startDate, Math.floor(random() * 80) - 2),
      monthlyAmountCents: Math.floor(random() * 500_000),
      customerCategory: pick(CUSTOMER_CATEGORIES),
      serviceFamily: random() < 0.1 ? null : pick(SERVICE_FAMILIES),
      waiverSigned: random() < 0.3,
      subsidisedDevice: random() < 0.2,
    };
    if (validateCommitmentQuery(query).length === 0) inputs.push(query);
  }
  return inputs;
}

/**
 * Evaluations per second of `computeCommitment` (validation included, as `commitmentPreview`
 * does it) over the inputs, in a loop of about `ms` milliseconds.
 */
export function previewsPerSecond(inputs: CommitmentQuery[], ms: number): number {
  return previewRates(inputs, ms).perSecond;
}

/**
 * The same loop, also per second of this process's CPU time: on a machine shared with other work
 * the wall-clock rate falls with the load, the CPU rate much less.
 */
export function previewRates(inputs: CommitmentQuery[], ms: number): { perSecond: number; perCpuSecond: number } {
  let calls = 0;
  let sink = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) sink += computeCommitment(input).earlyTerminationFeeCents;
    calls += inputs.length;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  const used = process.cpuUsage(cpu);
  if (sink < 0) throw new Error("unreachable: fees are never negative");
  return { perSecond: (calls * 1000) / elapsed, perCpuSecond: (calls * 1e6) / Math.max(1, used.user + used.system) };
}
