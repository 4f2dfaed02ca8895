/**
 * Database error helpers shared by services. A unique index is the last guard against races that
 * a pre-check cannot close (two requests checking at once); services map its violation to the
 * answer the pre-check would have given.
 */

/** True when `error` is a duplicate-key violation on either database (TypeORM wraps the driver's error). */
export function isUniqueViolation(error: unknown): boolean {
  const wrapped = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = wrapped?.driverError?.code ?? wrapped?.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** The largest GraphQL `Int` (32-bit signed): every amount the API returns must fit in it. */
export const MAX_GRAPHQL_INT = 2_147_483_647;
