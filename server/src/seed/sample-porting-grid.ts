import type { PortingTariffRow } from "../domain/porting-price.js";

/** A sample porting tariff grid (the source publishes none), in force from the terms' date. */
export const SAMPLE_PORTING_GRID: { effectiveFrom: string; rows: PortingTariffRow[] } = {
  effectiveFrom: "2020-02-01",
  rows: (["INBOUND", "OUTBOUND"] as const).flatMap((direction) => {
    const outbound = direction === "OUTBOUND";
    return [
      {
        direction,
        numberKind: "GEOGRAPHIC" as const,
        unit: "PER_NUMBER" as const,
        blockSize: null,
        tierMode: "GRADUATED" as const,
        tiers: [
          { upTo: 10, unitPriceCents: outbound ? 1000 : 1500 },
          { upTo: 100, unitPriceCents: outbound ? 700 : 1000 },
          { upTo: null, unitPriceCents: outbound ? 400 : 500 },
        ],
        fixedFeeCents: outbound ? 0 : 2500,
        outsideHoursSurchargeCents: 9000,
      },
      {
        direction,
        numberKind: "NON_GEOGRAPHIC" as const,
        unit: "PER_BLOCK" as const,
        blockSize: 10,
        tierMode: "VOLUME" as const,
        tiers: [
          { upTo: 5, unitPriceCents: 6000 },
          { upTo: null, unitPriceCents: 4500 },
        ],
        fixedFeeCents: 2500,
        outsideHoursSurchargeCents: 9000,
      },
      {
        direction,
        numberKind: "SPECIAL" as const,
        unit: "PER_NUMBER" as const,
        blockSize: null,
        tierMode: "VOLUME" as const,
        tiers: [{ upTo: null, unitPriceCents: 4900 }],
        fixedFeeCents: 5000,
        outsideHoursSurchargeCents: null,
      },
      {
        direction,
        numberKind: "MOBILE" as const,
        unit: "PER_NUMBER" as const,
        blockSize: null,
        tierMode: "VOLUME" as const,
        tiers: [
          { upTo: 20, unitPriceCents: outbound ? 0 : 900 },
          { upTo: null, unitPriceCents: outbound ? 0 : 600 },
        ],
        fixedFeeCents: 0,
        outsideHoursSurchargeCents: 4500,
      },
    ];
  }),
};
