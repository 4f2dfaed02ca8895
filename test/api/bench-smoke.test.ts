import { describe, expect, it } from "vitest";
import { LIMITS_DOCUMENTS, LIMITS_REFUSALS } from "../bench/limits-catalogue.js";
import { runBench } from "../bench/run-bench.js";
import { runLimits } from "../bench/run-limits.js";
import { createTestDatabase } from "../support/database.js";

/** The keys `npm run bench` promises on its last line (docs/performance.md). */
const KEYS = [
  "contracts",
  "rows",
  "graphqlMs",
  "rawSqlMs",
  "ratio",
  "previewsPerSecond",
  "previewsPerCpuSecond",
  "peakRssMb",
  "idleRssMb",
  "mixedP99Ms",
  "excelSyncs",
  "excelMaxPayloadMb",
  "excelTotalMb",
] as const;

describe(`npm run bench on a small dataset (${process.env.TEST_DB})`, () => {
  it("generates 2,000 contracts, runs every measurement once, and reports every figure", async () => {
    const database = await createTestDatabase();
    try {
      const result = await runBench({
        contracts: 2_000,
        customers: 200,
        reps: 1,
        databaseUrl: database.url,
        mixedSeconds: 0.5,
        previewMs: 100,
        excelRows: 1_000,
      });
      const line = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
      for (const key of KEYS) {
        expect(typeof line[key], key).toBe("number");
        expect(Number.isFinite(line[key]), key).toBe(true);
      }
      expect(line.contracts).toBe(2_000);
      expect(line.rows as number).toBeGreaterThan(0);
      // GraphQL and the raw-SQL floor computed the very same events, or the ratio means nothing.
      expect(line.sameEvents).toBe(true);
      // The add-in wrote the first 1,000 events of the pull, within Excel's request limit.
      expect(line.excelRows).toBe(Math.min(1_000, line.rows as number));
      expect(line.excelMaxPayloadMb as number).toBeLessThan(5);
    } finally {
      await database.drop();
    }
  }, 120_000);
});

describe(`npm run bench:limits on a small dataset (${process.env.TEST_DB})`, () => {
  it("sends each catalogue document at the largest size its cost allows (accepted), the next size up and the issue's documents (refused)", async () => {
    const database = await createTestDatabase();
    try {
      const result = await runLimits({ contracts: 400, customers: 60, reps: 1, databaseUrl: database.url });
      // Behaviour only: times on a shared machine are for `npm run bench:limits` to report.
      expect(result.documents.map((d) => d.name)).toEqual(LIMITS_DOCUMENTS.map((d) => d.name));
      for (const document of result.documents) {
        expect(document.error, document.name).toBeNull();
        expect(document.cost, document.name).toBeLessThanOrEqual(result.limits.maxCost);
        if (document.above) expect(document.above.refused, `${document.name}, ${document.knob} = ${document.above.n}`).toBe(true);
      }
      // The estimate stops right at the limit: somewhere the next size up is refused by the cost alone.
      expect(result.documents.some((d) => d.above !== null && d.above.cost > result.limits.maxCost)).toBe(true);
      expect(result.refusals.map((r) => [r.name, r.refused])).toEqual(LIMITS_REFUSALS.map((r) => [r.name, true]));
      expect(result.behaviourOk).toBe(true);
      expect(JSON.parse(JSON.stringify(result)).worstDocument).not.toBe("");
    } finally {
      await database.drop();
    }
  }, 180_000);
});
