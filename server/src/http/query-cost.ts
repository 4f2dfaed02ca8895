import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** Arguments that say how many items a list (or the connection whose list it wraps) returns. */
const PAGE_SIZE_ARGUMENTS = ["first", "last", "limit"];

export interface CostOptions {
  /** Size assumed for a list whose page size is not given. */
  assumedListSize: number;
  /** Stop counting past this (the caller only needs to know that the limit is exceeded). */
  stopAbove: number;
}

/**
 * Estimated cost of one operation: every field counts 1 (or its type-graphql `complexity`), times
 * the size of each list around it. A list's size is its `first`/`last`/`limit` argument (or that
 * argument's default in the schema), or that of the nearest field above it (a connection such as `renewalSchedule(first: 500) { events }`),
 * or else `assumedListSize`. Introspection and `__typename` are free: integrators may always
 * read the schema.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number {
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
  if (!rootType) return 0;

  const pageSize = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    let raw: unknown;
    if (value.kind === Kind.INT) raw = Number(value.value);
    else if (value.kind === Kind.VARIABLE) raw = variables?.[value.name.value];
    if (typeof raw !== "number" || !Number.isFinite(raw)) return undefined;
    return Math.max(0, Math.floor(raw));
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
      if (name.startsWith("__")) continue;
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[name];
      if (!field) continue;
      const ownCost = typeof field.extensions?.complexity === "number" ? field.extensions.complexity : 1;
      total += ownCost * multiplier;
      if (!selection.selectionSet) continue;
      const size = PAGE_SIZE_ARGUMENTS.map((arg) => {
        const given = pageSize(selection.arguments?.find((a) => a.name.value === arg)?.value);
        if (given !== undefined) return given;
        const fallback = field.args.find((a) => a.name === arg)?.defaultValue;
        return typeof fallback === "number" ? Math.max(0, fallback) : undefined;
      }).find((n) => n !== undefined);
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      if (isListType(getNullableType(field.type))) {
        const itemCount = size ?? pending ?? options.assumedListSize;
        total += walk(selection.selectionSet, named, multiplier * itemCount, undefined, activeFragments);
      } else {
        total += walk(selection.selectionSet, named, multiplier, size ?? pending, activeFragments);
      }
    }
    return total;
  };
  return walk(operation.selectionSet, rootType, 1, undefined, new Set());
}
