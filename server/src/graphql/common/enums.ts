import { registerEnumType } from "type-graphql";
import { CUSTOMER_CATEGORIES, SERVICE_FAMILIES } from "../../domain/catalogue.js";
import { ROLES } from "../../entities/api-token.entity.js";

/** type-graphql wants an object of values; the domain keeps arrays of string literals. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const ServiceFamilyEnum = enumObject(SERVICE_FAMILIES);
registerEnumType(ServiceFamilyEnum, {
  name: "ServiceFamily",
  description: "Family of a catalogue service; the consumer-law rules depend on it (SPEC section 4).",
  valuesConfig: {
    BACKUP: { description: "EISecure backup outsourcing (terms set per quote line)." },
    IP_ACCESS_WIRED: { description: "IP access link over copper or fibre (36 + 12 months)." },
    IP_ACCESS_CELLULAR: { description: "IP access link over cellular (3 + 1 months)." },
    IP_TELEPHONY: { description: "IP telephony (24 + 12 months); number porting billed per grid." },
    MOBILE_FLEET: { description: "Mobile fleet (3 + 1 months)." },
    MAINTENANCE: { description: "Maintenance contract (terms per contract)." },
  },
});

export const CustomerCategoryEnum = enumObject(CUSTOMER_CATEGORIES);
registerEnumType(CustomerCategoryEnum, {
  name: "CustomerCategory",
  description:
    "Customer category. CONSUMER, MICRO, SMALL and NON_PROFIT are protected by L224-28 on electronic communications services; OTHER is not.",
  valuesConfig: {
    CONSUMER: { description: "A consumer (protection cannot be waived)." },
    MICRO: { description: "A micro-enterprise (protected unless it signed a waiver)." },
    SMALL: { description: "A small enterprise (protected unless it signed a waiver)." },
    NON_PROFIT: { description: "A non-profit association (protected unless it signed a waiver)." },
    OTHER: { description: "Any other business customer (not protected)." },
  },
});

export const RoleEnum = enumObject(ROLES);
registerEnumType(RoleEnum, {
  name: "Role",
  description: "What an API token may do. INTEGRATOR is read-only.",
});
