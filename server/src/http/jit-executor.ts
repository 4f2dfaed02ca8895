import { setImmediate as nextTurn } from "node:timers/promises";
import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values.js";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type GatewayExecutor = Awaited<ReturnType<GatewayInterface["load"]>>["executor"];

/** An execution longer than this yields to other requests before its answer is serialized. */
const YIELD_AFTER_MS = 4;

/** Compiled queries kept, least recently used dropped first (a client sends a handful of documents). */
export const MAX_COMPILED_QUERIES = 200;

/**
 * Apollo Server runs queries through graphql-jit, which compiles each document once into plain
 * JavaScript (no per-field dispatch, plain result objects): a 5000-event schedule page costs about
 * half of graphql-js's time and garbage (docs/performance.md). Apollo's own pipeline is unchanged:
 * parsing, validation rules, query-cost limits and every plugin run before this executor, and its
 * errors go through the same formatError. Apollo takes a custom executor only through its gateway
 * interface, hence the one-schema "gateway" below.
 *
 * Mutations, and any query graphql-jit cannot compile, run on graphql-js as before (they are small;
 * a mutation's ordering and errors stay graphql-js's own). Variables are coerced by graphql-js
 * first, so a bad variable is refused with graphql-js's very message (and HTTP 400).
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new CompiledQueries(schema, MAX_COMPILED_QUERIES);
  const executor: GatewayExecutor = async (request) => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables ?? {};
    const query = operation.operation === "query" ? compiled.get(request.queryHash, document, operationName) : null;
    if (query === null) {
      return (await execute({
        schema,
        document,
        operationName,
        contextValue: context,
        variableValues: variables,
      })) as ExecutionResult;
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };
    const started = performance.now();
    const result = await query.query(undefined, context, variables);
    // Apollo turns the result into JSON as soon as this returns, in the same turn of the event
    // loop: after a long execution (a 5000-event schedule page), let the requests that waited run
    // first, so no one waits behind execution and JSON together.
    if (performance.now() - started > YIELD_AFTER_MS) await nextTurn();
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors are graphql-js errors in shape (message, locations, path, extensions,
 * originalError) but not built by graphql-js's constructor; make them real ones so formatError and
 * the plugins see exactly what graphql-js would give them.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) (converted as { locations?: unknown }).locations = error.locations;
  return converted;
}

type Data = Record<string, unknown>;
type Compiled = CompiledQuery<Data, Data>;

/** A bounded LRU of compiled documents, keyed by Apollo's hash of the query text and the operation name. */
class CompiledQueries {
  private readonly entries = new Map<string, Compiled | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly max: number,
  ) {}

  get(queryHash: string, document: DocumentNode, operationName: string | null | undefined): Compiled | null {
    const key = `${operationName ?? ""}\u0000${queryHash}`;
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
    } else {
      const result = compileQuery<Data, Data>(this.schema, document, operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      entry = isCompiledQuery(result) ? result : null;
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, entry);
    return entry;
  }
}
