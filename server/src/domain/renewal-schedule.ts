import type { CustomerCategory } from "./catalogue.js";
import { type RenewalEvent, renewalReminderWindow, requiresRenewalReminder } from "./commitment.js";

// The status rule is the contract's own (contract-status.ts); re-exported for the schedule's users.
export { type ContractStatus, contractStatusOn } from "./contract-status.js";

/**
 * The rules of finance's renewal schedule that go beyond the calendar of one contract (SPEC
 * sections 3 and 4): where a contract's events stop, whether a period end renews, and the L215-1
 * reminder owed for it. Shared by the API's schedule and the benchmark's raw-SQL floor.
 */

/** Last day whose period ends a contract contributes to a window ending on `to`: its end date when earlier. */
export function lastScheduledDay(endDate: string | null, to: string): string {
  return endDate !== null && endDate < to ? endDate : to;
}

export interface ScheduledPeriodEnd {
  /** First day of the next period; null when the contract ends here (no renewal, or a notice ends it). */
  nextPeriodStart: string | null;
  /** An L215-1 renewal reminder is owed: CONSUMER or NON_PROFIT customer, and the contract renews here. */
  reminderRequired: boolean;
  /** When that reminder must be sent (3 to 1 months before the notice deadline); null when none is owed. */
  reminderWindow: { from: string; to: string } | null;
}

/**
 * What a period end means for the schedule. A contract with an end date (a notice, or no tacit
 * renewal) does not renew at or after it, so no reminder is owed there.
 */
export function scheduledPeriodEnd(
  contract: { endDate: string | null; customerCategory: CustomerCategory },
  event: RenewalEvent,
  reminderWindowOf: (noticeDeadline: string) => { from: string; to: string } = renewalReminderWindow,
): ScheduledPeriodEnd {
  const endsHere = contract.endDate !== null && event.periodEnd >= contract.endDate;
  const nextPeriodStart = endsHere ? null : event.nextPeriodStart;
  const reminderRequired = nextPeriodStart !== null && requiresRenewalReminder(contract.customerCategory);
  return { nextPeriodStart, reminderRequired, reminderWindow: reminderRequired ? reminderWindowOf(event.noticeDeadline) : null };
}
