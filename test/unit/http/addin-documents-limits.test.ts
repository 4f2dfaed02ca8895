import "reflect-metadata";
import { type OperationDefinitionNode, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATIONS, portingBatchQuery } from "../../../addin/src/api/operations.js";
import { DEFAULT_PAGE_SIZE } from "../../../addin/src/api/schedule.js";
import { DEFAULT_MAX_PER_REQUEST } from "../../../addin/src/functions/porting-batch.js";
import { loadConfig } from "../../../server/src/config.js";
import { buildApiSchema } from "../../../server/src/graphql/schema.js";
import { graphqlLimits } from "../../../server/src/http/graphql-limits.js";
import { estimateOperation } from "../../../server/src/http/query-cost.js";
import { FIELD_COSTS } from "../../../server/src/http/query-cost-model.js";
import { type BookStatistics, EMPTY_BOOK } from "../../../server/src/services/book-statistics.js";

/** The book `npm run bench` generates (100,000 contracts), as BookStatisticsService reads it. */
const BENCH_BOOK: BookStatistics = {
  ...EMPTY_BOOK,
  contracts: 100_000,
  customers: 3_000,
  offers: 6,
  apiTokens: 20,
  portingTariffGrids: 3,
  contractsPerCustomer: 1_816,
  mandatesPerCustomer: 3,
  referentsPerCustomer: 5,
  quotesPerCustomer: 200,
  linesPerQuote: 100,
  renewalsPerYear: 312_147,
};

/**
 * The add-in's own requests must pass the server's default limits, at the page and batch sizes it
 * uses, on a book of 100,000 contracts (the renewal schedule over the pane's default window).
 */
describe("the add-in's documents under the default limits", async () => {
  const { graphqlLimits: limits } = loadConfig({});
  const schema = await buildApiSchema();
  const protections = graphqlLimits(limits, false);
  const documents = { ...OPERATIONS, PORTING_BATCH_FULL: portingBatchQuery(DEFAULT_MAX_PER_REQUEST) };

  for (const [name, source] of Object.entries(documents)) {
    it(name, () => {
      const document = parse(source, protections.parseOptions);
      expect(validate(schema, document, protections.validationRules).map((e) => e.message)).toEqual([]);
      const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
      const variables = { first: DEFAULT_PAGE_SIZE, from: "2026-01-15", to: "2027-01-15" };
      const estimate = estimateOperation(schema, document, operation, variables, {
        assumedListSize: limits.assumedListSize,
        stopAbove: Infinity,
        book: BENCH_BOOK,
        fields: FIELD_COSTS,
      });
      expect(estimate.overused).toBeNull();
      expect(estimate.cost).toBeLessThanOrEqual(limits.maxCost);
    });
  }
});
