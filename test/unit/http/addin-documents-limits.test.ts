import "reflect-metadata";
import { type OperationDefinitionNode, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATIONS, portingBatchQuery } from "../../../addin/src/api/operations.js";
import { DEFAULT_PAGE_SIZE } from "../../../addin/src/api/schedule.js";
import { DEFAULT_MAX_PER_REQUEST } from "../../../addin/src/functions/porting-batch.js";
import { loadConfig } from "../../../server/src/config.js";
import { buildApiSchema } from "../../../server/src/graphql/schema.js";
import { graphqlLimits } from "../../../server/src/http/graphql-limits.js";
import { operationCost } from "../../../server/src/http/query-cost.js";

/** The add-in's own requests must pass the server's default limits, at the page and batch sizes it uses. */
describe("the add-in's documents under the default limits", async () => {
  const { graphqlLimits: limits } = loadConfig({});
  const schema = await buildApiSchema(null);
  const protections = graphqlLimits(limits, false);
  const documents = { ...OPERATIONS, PORTING_BATCH_FULL: portingBatchQuery(DEFAULT_MAX_PER_REQUEST) };

  for (const [name, source] of Object.entries(documents)) {
    it(name, () => {
      const document = parse(source, protections.parseOptions);
      expect(validate(schema, document, protections.validationRules).map((e) => e.message)).toEqual([]);
      const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
      const variables = { first: DEFAULT_PAGE_SIZE };
      const cost = operationCost(schema, document, operation, variables, {
        assumedListSize: limits.assumedListSize,
        stopAbove: Infinity,
      });
      expect(cost).toBeLessThanOrEqual(limits.maxCost);
    });
  }
});
