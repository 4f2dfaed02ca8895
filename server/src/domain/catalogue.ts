/**
 * The closed vocabularies of the catalogue (SPEC section 2 and API.md "Catalogue"). Offers, prices
 * and terms are data; only these enums are code, because rules (SPEC section 4) depend on them.
 * No Node-only imports: the add-in bundles this module too.
 */

export const CUSTOMER_CATEGORIES = ["CONSUMER", "MICRO", "SMALL", "NON_PROFIT", "OTHER"] as const;
export type CustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

export const SERVICE_FAMILIES = [
  "BACKUP",
  "IP_ACCESS_WIRED",
  "IP_ACCESS_CELLULAR",
  "IP_TELEPHONY",
  "MOBILE_FLEET",
  "MAINTENANCE",
] as const;
export type ServiceFamily = (typeof SERVICE_FAMILIES)[number];

/** Categories covered by L224-28 (consumers, and by extension micro/small enterprises and non-profits). */
export const PROTECTED_CATEGORIES: readonly CustomerCategory[] = ["CONSUMER", "MICRO", "SMALL", "NON_PROFIT"];

/** Protected categories whose protection a dated waiver lifts (a CONSUMER cannot waive it). */
export const WAIVABLE_CATEGORIES: readonly CustomerCategory[] = ["MICRO", "SMALL", "NON_PROFIT"];

export function isCustomerCategory(value: unknown): value is CustomerCategory {
  return (CUSTOMER_CATEGORIES as readonly unknown[]).includes(value);
}

export function isServiceFamily(value: unknown): value is ServiceFamily {
  return (SERVICE_FAMILIES as readonly unknown[]).includes(value);
}

/** Electronic communications services (Code des postes et des communications électroniques): the families L224-28 covers. */
export function isElectronicCommunications(family: ServiceFamily): boolean {
  return (
    family === "IP_ACCESS_WIRED" || family === "IP_ACCESS_CELLULAR" || family === "IP_TELEPHONY" || family === "MOBILE_FLEET"
  );
}
