import type { EntityManager } from "typeorm";
import {
  Contract,
  Customer,
  MaintenanceContract,
  Offer,
  PortingTariffGrid,
  PortingTariffRow,
  Referent,
  SepaMandate,
  TermsVersion,
} from "../entities/index.js";
import { CATALOGUE, SOURCE_TERMS_VERSION } from "./catalogue.js";
import { SAMPLE_PORTING_GRID } from "./sample-porting-grid.js";

/**
 * Seeds the catalogue of the source terms, a sample porting grid, and a few demo customers with
 * contracts, all marked `sample`. Idempotent: every step checks what is there by its natural key.
 */
export async function seedSampleData(manager: EntityManager, now = new Date()): Promise<void> {
  const termsVersion = await ensureTermsVersion(manager);
  await ensureCatalogue(manager, termsVersion.id);
  await ensureSamplePortingGrid(manager, now);
  await ensureDemoCustomers(manager, now);
}

async function ensureTermsVersion(manager: EntityManager): Promise<TermsVersion> {
  const existing = await manager.findOneBy(TermsVersion, { code: SOURCE_TERMS_VERSION.code });
  if (existing) return existing;
  return manager.save(manager.create(TermsVersion, { ...SOURCE_TERMS_VERSION, sample: false }));
}

async function ensureCatalogue(manager: EntityManager, termsVersionId: number): Promise<void> {
  const existing = new Set((await manager.find(Offer)).map((offer) => offer.code));
  for (const entry of CATALOGUE) {
    if (existing.has(entry.code)) continue;
    await manager.save(manager.create(Offer, { ...entry, sepaRequired: true, active: true, sample: true, termsVersionId }));
  }
}

async function ensureSamplePortingGrid(manager: EntityManager, now: Date): Promise<void> {
  if ((await manager.count(PortingTariffGrid)) > 0) return;
  const grid = await manager.save(
    manager.create(PortingTariffGrid, { effectiveFrom: SAMPLE_PORTING_GRID.effectiveFrom, sample: true, createdAt: now }),
  );
  await manager.save(SAMPLE_PORTING_GRID.rows.map((row) => manager.create(PortingTariffRow, { ...row, gridId: grid.id })));
}

interface DemoContract {
  offer: string;
  startDate: string;
  quantity: number;
  unitPriceCents: number;
  terms?: { initial: number; renewal: number; noticeMonths: number };
}

const DEMO_CUSTOMERS: {
  name: string;
  category: Customer["category"];
  siren: string | null;
  waiverSignedOn: string | null;
  contracts: DemoContract[];
}[] = [
  {
    name: "Boulangerie Martin (exemple)",
    category: "MICRO",
    siren: null,
    waiverSignedOn: null,
    contracts: [
      { offer: "IP-TELEPHONY", startDate: "2025-01-20", quantity: 1, unitPriceCents: 2000 },
      { offer: "MOBILE-FLEET", startDate: "2024-08-31", quantity: 1, unitPriceCents: 1200 },
    ],
  },
  {
    name: "Transports Lefebvre SA (exemple)",
    category: "OTHER",
    siren: "732829320",
    waiverSignedOn: null,
    contracts: [
      { offer: "IP-ACCESS-WIRED", startDate: "2025-03-10", quantity: 1, unitPriceCents: 5900 },
      { offer: "IP-TELEPHONY", startDate: "2024-11-30", quantity: 12, unitPriceCents: 1800 },
      {
        offer: "EISECURE-BACKUP",
        startDate: "2024-02-29",
        quantity: 1,
        unitPriceCents: 8900,
        terms: { initial: 12, renewal: 12, noticeMonths: 3 },
      },
      {
        offer: "MAINTENANCE",
        startDate: "2023-06-01",
        quantity: 1,
        unitPriceCents: 15000,
        terms: { initial: 12, renewal: 12, noticeMonths: 3 },
      },
    ],
  },
  {
    name: "Cabinet Durand Avocats (exemple)",
    category: "SMALL",
    siren: null,
    waiverSignedOn: "2024-01-15",
    contracts: [{ offer: "IP-ACCESS-WIRED", startDate: "2024-01-31", quantity: 2, unitPriceCents: 6900 }],
  },
  {
    name: "Association Sportive Lyon Est (exemple)",
    category: "NON_PROFIT",
    siren: null,
    waiverSignedOn: null,
    contracts: [
      { offer: "IP-ACCESS-CELLULAR", startDate: "2025-12-31", quantity: 1, unitPriceCents: 3500 },
      { offer: "IP-TELEPHONY", startDate: "2023-05-15", quantity: 3, unitPriceCents: 1900 },
    ],
  },
];

async function ensureDemoCustomers(manager: EntityManager, now: Date): Promise<void> {
  if ((await manager.countBy(Customer, { sample: true })) > 0) return;
  const offers = new Map((await manager.find(Offer)).map((offer) => [offer.code, offer]));
  let mandateNumber = 0;
  for (const demo of DEMO_CUSTOMERS) {
    const customer = await manager.save(
      manager.create(Customer, {
        name: demo.name,
        category: demo.category,
        siren: demo.siren,
        waiverSignedOn: demo.waiverSignedOn,
        sample: true,
        createdAt: now,
      }),
    );
    mandateNumber += 1;
    await manager.save(
      manager.create(SepaMandate, {
        customerId: customer.id,
        iban: "FR1420041010050500013M02606",
        bic: "PSSTFRPPPAR",
        reference: `EXEMPLE-RUM-${String(mandateNumber).padStart(4, "0")}`,
        referenceKey: `EXEMPLE-RUM-${String(mandateNumber).padStart(4, "0")}`,
        signedOn: "2023-01-02",
        scheme: demo.category === "OTHER" ? "B2B" : "CORE",
        lastUsedOn: null,
        revokedOn: null,
        createdAt: now,
      }),
    );
    for (const item of demo.contracts) {
      const offer = offers.get(item.offer);
      if (!offer) throw new Error(`Seed refers to unknown offer ${item.offer}`);
      const contract = await manager.save(
        manager.create(Contract, {
          customerId: customer.id,
          offerId: offer.id,
          quoteId: null,
          quoteLineId: null,
          quantity: item.quantity,
          monthlyAmountCents: item.quantity * item.unitPriceCents,
          startDate: item.startDate,
          initialTermMonths: item.terms?.initial ?? offer.initialTermMonths ?? 12,
          renewalTermMonths: item.terms?.renewal ?? offer.renewalTermMonths ?? 12,
          noticeMonths: item.terms?.noticeMonths ?? offer.noticeMonths,
          noticeDays: item.terms ? null : offer.noticeDays,
          subsidisedDevice: false,
          status: "ACTIVE",
          noticeReceivedOn: null,
          endDate: null,
          sample: true,
          createdAt: now,
        }),
      );
      if (offer.family === "MAINTENANCE") {
        await manager.save(
          manager.create(MaintenanceContract, {
            customerId: customer.id,
            contractId: contract.id,
            hourlyRateCents: 9000,
            procedure: {
              declarers: "LISTED",
              allowedDeclarers: ["Julie Lefebvre"],
              channels: ["PORTAL", "EMAIL", "PHONE"],
              requiredFields: ["description", "category"],
              supportHours: { days: [1, 2, 3, 4, 5], from: "08:30", to: "18:00" },
            },
            createdAt: now,
          }),
        );
        await manager.save(
          manager.create(Referent, {
            customerId: customer.id,
            name: "Marc Lefebvre",
            email: "marc.lefebvre@example.fr",
            phone: "+33472000000",
            activeFrom: now,
            activeUntil: null,
          }),
        );
      }
    }
  }
}
