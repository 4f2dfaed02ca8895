/**
 * A contract's status (SPEC section 6, API `ContractStatus`): ACTIVE, then NOTICE_RECEIVED once a
 * termination notice is recorded, then ENDED. ENDED is also read, without any job, once the last
 * day of service (`endDate`) has passed. The one definition of the type and of that rule; where
 * SQL must filter on it (services/contract-status.sql.ts), a table test proves both agree.
 */

export const CONTRACT_STATUSES = ["ACTIVE", "NOTICE_RECEIVED", "ENDED"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Status as readers see it on `today`: ENDED once the last day of service has passed (no job needed). */
export function contractStatusOn(contract: { status: ContractStatus; endDate: string | null }, today: string): ContractStatus {
  return contract.endDate !== null && contract.endDate < today ? "ENDED" : contract.status;
}
