import { GraphQLID, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { MAX_YEAR, MIN_YEAR, parseLocalDate } from "../../domain/calendar.js";
import { dateMessage } from "../../domain/commitment.js";
import { notAnIdMessage, parseIdentifier } from "../../domain/identifiers.js";
import { text } from "../../domain/text.js";
import { LocalizedInputError } from "./localized-error.js";

const localDate = LocalDateResolver.toConfig();

function parseDate(value: unknown, node?: ValueNode): string {
  if (typeof value === "string" && parseLocalDate(value) >= 0) return value;
  throw new LocalizedInputError(dateMessage(), node);
}

/**
 * `LocalDate`: a calendar date `YYYY-MM-DD` with no time or time zone (RFC 3339 full-date), of the
 * years the platform supports; impossible dates such as 2025-02-30, and years outside 1900..9999,
 * are BAD_USER_INPUT on the argument that carries them, in every operation. Resolvers see the
 * same string.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...localDate,
  description: `A calendar date YYYY-MM-DD (RFC 3339 full-date, no time or time zone), years ${MIN_YEAR} to ${MAX_YEAR}.`,
  parseValue: (value) => parseDate(value),
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : undefined, node),
  // A renewal schedule page serialises tens of thousands of dates: the domain's integer parser gives
  // the same answer as graphql-scalars for every date of years 1900..9999 at a fraction of the cost
  // (no RegExp, no Date); anything else (a computed date before 1900) still goes through graphql-scalars.
  serialize: (value) => (parseLocalDate(value) >= 0 ? value : localDate.serialize(value)),
});

const dateTime = DateTimeResolver.toConfig();
const notAnInstant = () =>
  text(
    "doit être une date et heure au format RFC 3339 avec son fuseau (par exemple 2025-03-10T09:00:00+01:00).",
    "must be a date-time in RFC 3339 form with its offset (e.g. 2025-03-10T09:00:00+01:00)",
  );

/**
 * `DateTime`: an instant in RFC 3339 with a time zone offset (`2025-03-10T09:00:00+01:00` or
 * `…Z`), serialised in UTC; graphql-scalars' rules, with refusals in the reader's language.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTime,
  parseValue: (value) => {
    try {
      return dateTime.parseValue?.(value);
    } catch {
      throw new LocalizedInputError(notAnInstant());
    }
  },
  parseLiteral: (node, variables) => {
    try {
      return dateTime.parseLiteral?.(node, variables);
    } catch {
      throw new LocalizedInputError(notAnInstant(), node);
    }
  },
});

function parseId(value: unknown, node?: ValueNode): number {
  const id = parseIdentifier(value);
  if (id === null) throw new LocalizedInputError(notAnIdMessage(value), node);
  return id;
}

/**
 * `ID`, parsed once, here, for every argument and input field of every operation
 * (domain/identifiers.ts): a record id from 1 to 2,147,483,647 sent as a string (`"12"`) or an
 * integer; `" 3"`, `"007"` or `"x"` are BAD_USER_INPUT on the field that carries them, with the
 * same message everywhere. Resolvers receive the number. Output ids are strings, as GraphQL's own
 * `ID`. (It replaces the built-in `ID` in the schema; clients see the standard `ID` type.)
 */
export const IdScalar = new GraphQLScalarType<number | null, string>({
  name: "ID",
  description: GraphQLID.description,
  serialize: (value) => GraphQLID.serialize(value),
  parseValue: (value) => parseId(value),
  parseLiteral: (node) => {
    if (node.kind === Kind.INT) return parseId(Number(node.value), node);
    return parseId(node.kind === Kind.STRING ? node.value : "value" in node ? node.value : node.kind, node);
  },
});
