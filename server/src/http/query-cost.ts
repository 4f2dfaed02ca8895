import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { type BookStatistics, EMPTY_BOOK } from "../services/book-statistics.js";

/** Arguments that say how many items a list (or the connection whose list it wraps) returns. */
const PAGE_SIZE_ARGUMENTS = ["first", "last", "limit"];

export type ArgumentValues = Record<string, unknown>;

/**
 * What one field costs beyond counting 1 per selected field (http/query-cost-model.ts gives these
 * for the API's fields, by schema coordinate `Type.field`).
 */
export interface FieldCost {
  /** Its page-size argument (`first`/`last`/`limit`): the value used when it is left out, and the largest the service accepts. */
  page?: { default: number; max: number };
  /** Items of this list when no page size applies, from the book (e.g. the largest customer's contracts). */
  items?: (book: BookStatistics) => number;
  /** Units per item of this list on top of its fields (e.g. a database row read). */
  perItem?: number;
  /** Units of work per call besides its items: rows scanned or counted, events computed. */
  work?: (args: ArgumentValues, book: BookStatistics) => number;
  /** Most calls one document may make (e.g. one renewal schedule, one `__schema`). */
  maxPerDocument?: number;
}

export interface CostOptions {
  /** Size assumed for a list whose size nothing else gives. */
  assumedListSize: number;
  /** Stop counting past this (the caller only needs to know that the limit is exceeded). */
  stopAbove: number;
  /** The book's sizes (default: empty). */
  book?: BookStatistics;
  /** Per-field costs by schema coordinate. */
  fields?: Readonly<Record<string, FieldCost>>;
}

export interface CostEstimate {
  cost: number;
  /** The first field called more often than its `maxPerDocument`, if any. */
  overused: { field: string; calls: number; max: number } | null;
}

/** Introspection's entry point: it answers the whole schema, so a document may ask for it once. */
const SCHEMA_FIELD: FieldCost = { maxPerDocument: 1 };

/**
 * Estimated cost of one operation, in units of roughly a microsecond of server work: every field
 * counts 1 (or its type-graphql `complexity`), times the size of each list around it, plus what
 * `fields` says a field reads or computes. A list's size is its `first`/`last`/`limit` argument
 * (or the default the field's cost or schema gives), or that of the nearest field above it (a
 * connection such as `renewalSchedule(first: 500) { events }`), or what the book says (`items`),
 * or else `assumedListSize`. `__typename` and introspection cost nothing, but a document may ask
 * for `__schema` only once.
 */
export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): CostEstimate {
  const book = options.book ?? EMPTY_BOOK;
  const costs = options.fields ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootType =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const calls = new Map<string, number>();
  let overused: CostEstimate["overused"] = null;
  const called = (coordinate: string, spec: FieldCost, times: number) => {
    if (spec.maxPerDocument === undefined) return;
    const count = (calls.get(coordinate) ?? 0) + times;
    calls.set(coordinate, count);
    if (count > spec.maxPerDocument && !overused) overused = { field: coordinate, calls: count, max: spec.maxPerDocument };
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    multiplier: number,
    pending: number | undefined,
    activeFragments: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (total > options.stopAbove) return total;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || activeFragments.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (!type || !isCompositeType(type)) continue;
        total += walk(fragment.selectionSet, type, multiplier, pending, new Set([...activeFragments, name]));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (!type || !isCompositeType(type)) continue;
        total += walk(selection.selectionSet, type, multiplier, pending, activeFragments);
        continue;
      }
      const name = selection.name.value;
      if (name === "__schema") called("__schema", SCHEMA_FIELD, multiplier);
      if (name.startsWith("__")) continue;
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[name];
      if (!field) continue;
      const coordinate = `${parentType.name}.${name}`;
      const spec = costs[coordinate] ?? {};
      called(coordinate, spec, multiplier);
      const args = field.args.length > 0 ? argumentsOf(field, selection, variables) : {};
      const ownCost = typeof field.extensions?.complexity === "number" ? field.extensions.complexity : 1;
      total += ownCost * multiplier;
      if (spec.work) total += spec.work(args, book) * multiplier;
      const named = getNamedType(field.type);
      const size = pageSize(field, args, spec);
      const isList = isListType(getNullableType(field.type));
      if (isList) {
        const itemCount = size ?? pending ?? (spec.items ? spec.items(book) : options.assumedListSize);
        total += (spec.perItem ?? 0) * itemCount * multiplier;
        if (selection.selectionSet && isCompositeType(named)) {
          total += walk(selection.selectionSet, named, multiplier * itemCount, undefined, activeFragments);
        }
      } else if (selection.selectionSet && isCompositeType(named)) {
        total += walk(selection.selectionSet, named, multiplier, size ?? pending, activeFragments);
      }
    }
    return total;
  };
  const cost = rootType ? walk(operation.selectionSet, rootType, 1, undefined, new Set()) : 0;
  return { cost: Math.ceil(cost), overused };
}

/** `estimateOperation`'s cost alone. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number {
  return estimateOperation(schema, document, operation, variables, options).cost;
}

/**
 * The field's arguments as the resolver will see them (literals, variables and defaults). An
 * argument GraphQL will refuse makes the field fail before any work: it counts as absent.
 */
function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown> | undefined,
): ArgumentValues {
  try {
    return getArgumentValues(field, node, variables ?? {});
  } catch {
    return {};
  }
}

/**
 * The page size a field asks for: its `first`/`last`/`limit` argument, else the default its cost
 * or the schema gives; at most the largest page the service accepts (it refuses more before any
 * work). Undefined when the field has no page-size argument.
 */
function pageSize(field: GraphQLField<unknown, unknown>, args: ArgumentValues, spec: FieldCost): number | undefined {
  for (const name of PAGE_SIZE_ARGUMENTS) {
    if (!field.args.some((a) => a.name === name)) continue;
    const given = args[name];
    let size: number | undefined =
      typeof given === "number" && Number.isFinite(given) ? Math.max(0, Math.floor(given)) : spec.page?.default;
    if (size === undefined) continue;
    if (spec.page) size = Math.min(size, spec.page.max);
    return size;
  }
  return undefined;
}
