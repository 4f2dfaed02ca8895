import { GraphQLScalarType } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { parseLocalDate } from "../../domain/calendar.js";

const localDate = LocalDateResolver.toConfig();

/**
 * `LocalDate`: a calendar date `YYYY-MM-DD` with no time or time zone (RFC 3339 full-date);
 * impossible dates such as 2025-02-30 are rejected. Resolvers see it as the same string.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...localDate,
  // A renewal schedule page serialises tens of thousands of dates: the domain's integer parser gives
  // the same answer as graphql-scalars for every date of years 1900..9999 at a fraction of the cost
  // (no RegExp, no Date); anything else still goes through graphql-scalars.
  serialize: (value) => (parseLocalDate(value) >= 0 ? value : localDate.serialize(value)),
});

/** `DateTime`: an instant, serialised as an RFC 3339 UTC string (e.g. `2025-06-10T08:15:00.000Z`). */
export const DateTimeScalar = DateTimeResolver;
