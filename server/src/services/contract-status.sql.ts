/**
 * `contractStatusOn` (domain/contract-status.ts) as SQL, for filters that must run in the database
 * (a page of contracts by status). The same rule, written once more only because SQL cannot call
 * TypeScript; `test/api/contract-status-sql.test.ts` checks, on both databases, that it gives the
 * TypeScript answer for every combination of stored status and end date.
 */
export function contractStatusSql(alias: string, todayParameter = "today"): string {
  return `(CASE WHEN ${alias}.endDate IS NOT NULL AND ${alias}.endDate < :${todayParameter} THEN 'ENDED' ELSE ${alias}.status END)`;
}
