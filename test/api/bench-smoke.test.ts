import { describe, expect, it } from "vitest";
import { runBench } from "../bench/run-bench.js";
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
        mixedSeconds: 1,
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
