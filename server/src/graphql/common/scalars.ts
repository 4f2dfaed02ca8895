import { LocalDateResolver } from "graphql-scalars";

/**
 * `LocalDate`: a calendar date `YYYY-MM-DD` with no time or time zone (RFC 3339 full-date);
 * impossible dates such as 2025-02-30 are rejected. Resolvers see it as the same string.
 */
export const LocalDateScalar = LocalDateResolver;
