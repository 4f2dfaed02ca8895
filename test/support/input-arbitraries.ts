import fc from "fast-check";
import {
  type GraphQLField,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";

/** Strings that mean something to this API, so some generated inputs get past the first checks. */
const PLAUSIBLE_STRINGS = [
  "FR7630006000011234567890189",
  "FR76 3000 6000 0112 3456 7890 189",
  "DE89370400440532013000",
  "AGRIFRPP",
  "COBADEFFXXX",
  "732829320",
  "0145678901",
  "+33612345678",
  "0899123456",
  "3615",
  "RUM-2025-0001",
  "Jeanne Martin",
  "EMAIL",
  "PHONE",
  "ANY",
  "10:00",
  "idem-key-1",
];

const HUGE = "x".repeat(100_000);

/** Values of any JSON kind, for a field that expects something else. */
const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constant(HUGE),
  fc.constant(2 ** 31),
  fc.constant(-(2 ** 31) - 1),
);

const localDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function scalar(name: string, extraStrings: readonly string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case "Int":
      return fc.oneof(
        fc.integer({ min: -2, max: 40 }),
        fc.constantFrom(0, -1, 1, 12, 24, 36, 2_147_483_647, -2_147_483_648, 2 ** 31, 1.5),
        fc.integer(),
      );
    case "Float":
      return fc.oneof(fc.double(), fc.integer());
    case "Boolean":
      return fc.boolean();
    case "ID":
      return fc.oneof(
        fc.integer({ min: 1, max: 6 }).map(String),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("0", "-1", "abc", "1e3", " 1", "99999999999", "2147483648", ""),
        fc.string(),
      );
    case "LocalDate":
      return fc.oneof(
        localDate,
        fc.constantFrom("2025-02-30", "2025-13-01", "2024-02-29", "", "2025-1-1", "0000-00-00", "9999-12-31"),
      );
    case "DateTime":
    case "DateTimeISO":
      return fc.oneof(
        localDate.map((d) => `${d}T09:30:00.000Z`),
        localDate.map((d) => `${d}T23:59:59+02:00`),
        fc.constantFrom("2025-02-30T10:00:00Z", "yesterday", "", "2025-06-01"),
      );
    default:
      return fc.oneof(
        fc.constantFrom(...PLAUSIBLE_STRINGS, ...extraStrings),
        fc.string(),
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.constantFrom("", " ", HUGE, "'; DROP TABLE customer; --", "<script>alert(1)</script>", "\u0000", "🇫🇷📞"),
      );
  }
}

interface Options {
  /** Strings worth trying besides the built-in ones (e.g. the catalogue's offer codes). */
  extraStrings: readonly string[];
  /** Whether values of the wrong kind, missing required fields and unknown fields may appear. */
  dirty: boolean;
}

/**
 * Arbitrary JSON-ish values for a GraphQL input type. Clean values have the right shape (so calls
 * get past GraphQL to the resolvers and services, with any strings, numbers and dates); dirty ones
 * are sometimes wrong anywhere (nulls, other kinds, huge strings, 2^31, impossible dates, missing
 * required fields, unknown fields).
 */
export function inputArbitrary(type: GraphQLInputType, options: Options, depth = 0): fc.Arbitrary<unknown> {
  const typed = typedArbitrary(type, options, depth);
  if (!options.dirty) return typed;
  return fc.oneof({ weight: 12, arbitrary: typed }, { weight: 1, arbitrary: wildValue });
}

function typedArbitrary(type: GraphQLInputType, options: Options, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedArbitrary(type.ofType, options, depth);
  if (depth > 6) return fc.constant(null);
  if (isListType(type)) return fc.array(inputArbitrary(type.ofType, options, depth + 1), { maxLength: 4 });
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.value as string);
    return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constant("NOT_A_VALUE") });
  }
  if (isScalarType(type)) return scalar(type.name, options.extraStrings);
  if (isInputObjectType(type)) {
    const entries = Object.values(type.getFields()).map((field) => {
      const value = inputArbitrary(field.type, options, depth + 1).map((v) => [field.name, v] as const);
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required && !options.dirty) return value;
      return fc.oneof({ weight: required ? 19 : 3, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    });
    const unknownField = options.dirty
      ? fc.oneof({ weight: 19, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(["surprise", 1] as const) })
      : fc.constant(null);
    return fc.tuple(fc.tuple(...entries), unknownField).map(([pairs, extra]) => {
      const value: Record<string, unknown> = {};
      for (const pair of [...pairs, extra]) if (pair) value[pair[0]] = pair[1];
      return value;
    });
  }
  return wildValue;
}

/**
 * Variables for every argument of a field: two calls in three clean (well-typed, so they reach the
 * services), one in three dirty. Optional arguments are sometimes left out.
 */
export function argumentsArbitrary(field: GraphQLField<unknown, unknown>, extraStrings: readonly string[] = []) {
  const variablesArbitrary = (dirty: boolean) => {
    const entries = field.args.map((arg) => {
      const value = inputArbitrary(arg.type, { extraStrings, dirty }).map((v) => [arg.name, v] as const);
      if (!isNonNullType(arg.type)) return fc.option(value, { nil: null });
      return dirty ? fc.oneof({ weight: 19, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
    });
    return fc.tuple(...entries).map((pairs) => {
      const variables: Record<string, unknown> = {};
      for (const pair of pairs) if (pair) variables[pair[0]] = pair[1];
      return variables;
    });
  };
  return fc.oneof({ weight: 2, arbitrary: variablesArbitrary(false) }, { weight: 1, arbitrary: variablesArbitrary(true) });
}
