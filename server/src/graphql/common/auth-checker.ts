import type { AuthChecker } from "type-graphql";
import type { Role } from "../../entities/api-token.entity.js";
import type { GraphQLContext } from "../context.js";

/**
 * Role check for `@Authorized(...roles)`. ADMIN may do everything; an empty role list means
 * "any authenticated token". Authentication itself happens before GraphQL runs (no token, no request).
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  const role = context.principal?.role;
  if (!role) return false;
  if (roles.length === 0 || role === "ADMIN") return true;
  return roles.includes(role);
};
