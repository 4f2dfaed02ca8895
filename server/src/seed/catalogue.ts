import type { ServiceFamily } from "../domain/catalogue.js";

/** The terms version of the source page: "dernière version au 1er février 2020". */
export const SOURCE_TERMS_VERSION = {
  code: "CGV-2020-02-01",
  effectiveDate: "2020-02-01",
  title: "Conditions générales de vente et d'utilisation, version du 1er février 2020",
};

export interface CatalogueEntry {
  code: string;
  family: ServiceFamily;
  name: string;
  initialTermMonths: number | null;
  renewalTermMonths: number | null;
  noticeMonths: number | null;
  noticeDays: number | null;
  portingBilledPerGrid: boolean;
  /** Sample list prices: the source publishes none. */
  defaultMonthlyPriceCents: number | null;
  defaultSetupFeeCents: number | null;
}

/**
 * Every service of the source terms (SPEC section 2). Terms come from the source; notice periods
 * are a convention (3 months for 12-month renewals, 1 month for 1-month renewals); prices are
 * sample defaults. All services require SEPA direct debit.
 */
export const CATALOGUE: CatalogueEntry[] = [
  {
    code: "EISECURE-BACKUP",
    family: "BACKUP",
    name: "Externalisation de sauvegarde EISecure",
    initialTermMonths: null,
    renewalTermMonths: null,
    noticeMonths: null,
    noticeDays: null,
    portingBilledPerGrid: false,
    defaultMonthlyPriceCents: 4900,
    defaultSetupFeeCents: 15000,
  },
  {
    code: "IP-ACCESS-WIRED",
    family: "IP_ACCESS_WIRED",
    name: "Liaison accès IP (cuivre et fibre)",
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticeMonths: 3,
    noticeDays: null,
    portingBilledPerGrid: false,
    defaultMonthlyPriceCents: 5900,
    defaultSetupFeeCents: 25000,
  },
  {
    code: "IP-ACCESS-CELLULAR",
    family: "IP_ACCESS_CELLULAR",
    name: "Liaison accès IP (cellulaire)",
    initialTermMonths: 3,
    renewalTermMonths: 1,
    noticeMonths: 1,
    noticeDays: null,
    portingBilledPerGrid: false,
    defaultMonthlyPriceCents: 3500,
    defaultSetupFeeCents: 5000,
  },
  {
    code: "IP-TELEPHONY",
    family: "IP_TELEPHONY",
    name: "Téléphonie IP",
    initialTermMonths: 24,
    renewalTermMonths: 12,
    noticeMonths: 3,
    noticeDays: null,
    portingBilledPerGrid: true,
    defaultMonthlyPriceCents: 2000,
    defaultSetupFeeCents: 4900,
  },
  {
    code: "MOBILE-FLEET",
    family: "MOBILE_FLEET",
    name: "Flotte mobile",
    initialTermMonths: 3,
    renewalTermMonths: 1,
    noticeMonths: 1,
    noticeDays: null,
    portingBilledPerGrid: false,
    defaultMonthlyPriceCents: 1200,
    defaultSetupFeeCents: 0,
  },
  {
    code: "MAINTENANCE",
    family: "MAINTENANCE",
    name: "Contrat de maintenance",
    initialTermMonths: null,
    renewalTermMonths: null,
    noticeMonths: null,
    noticeDays: null,
    portingBilledPerGrid: false,
    defaultMonthlyPriceCents: 15000,
    defaultSetupFeeCents: 0,
  },
];
