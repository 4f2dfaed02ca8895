import type { RequestHandler } from "express";
import { DomainValidationError } from "../domain/errors.js";
import type { Role } from "../entities/api-token.entity.js";
import { CAN } from "../graphql/common/roles.js";
import type { Services } from "../services/index.js";
import { sendGraphQLError } from "./auth.js";
import { billingCsv } from "./billing-csv.js";
import { rateLimit } from "./rate-limit.js";

const ALLOWED: readonly Role[] = ["ADMIN", ...CAN.exportBilling];
/** Query parameters that would carry a token in the URL (and so into proxy and server logs). */
const TOKEN_PARAMETERS = ["token", "access_token", "apiToken", "api_token", "bearer"];

/**
 * `GET /exports/billing.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&customerId=N]`: the billing export
 * (same items as GraphQL `billableItems`) as an Excel-friendly CSV download. Mounted after
 * `requireToken`, so the token comes in `Authorization: Bearer …` only (Power Query:
 * `Web.Contents(url, [Headers=[Authorization="Bearer …"]])`); a token in the URL is refused.
 * FINANCE and ADMIN only (403 otherwise), rate-limited per token like /graphql. Errors are
 * GraphQL-shaped JSON, like /graphql's.
 */
export function billingExportRoute(services: Services): RequestHandler[] {
  return [rateLimit(services.config.rateLimitPerMinute), exportCsv(services)];
}

function exportCsv(services: Services): RequestHandler {
  return async (req, res, next) => {
    const role = req.principal?.role;
    if (!role) return sendGraphQLError(res, 401, "UNAUTHENTICATED", "A valid API token is required");
    if (!ALLOWED.includes(role))
      return sendGraphQLError(res, 403, "FORBIDDEN", "This token's role may not export billing (FINANCE or ADMIN only)");
    const query = req.query as Record<string, unknown>;
    if (TOKEN_PARAMETERS.some((name) => name in query)) {
      return sendGraphQLError(
        res,
        400,
        "BAD_REQUEST",
        "Tokens in URLs are refused (they leak into logs): send Authorization: Bearer <token> instead, and consider this token exposed.",
      );
    }
    const from = single(query.from);
    const to = single(query.to);
    const customerId = single(query.customerId) || null;
    try {
      const missing = [
        ...(from === null ? [{ field: "from", message: "is required (YYYY-MM-DD)" }] : []),
        ...(to === null ? [{ field: "to", message: "is required (YYYY-MM-DD)" }] : []),
      ];
      if (missing.length > 0) throw new DomainValidationError(missing);
      const result = await services.maintenance.billing.billableItems({ from: from as string, to: to as string, customerId });
      const body = Buffer.from(billingCsv(result.items), "utf8");
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="facturation_${from}_${to}.csv"`);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.end(body);
    } catch (error) {
      if (error instanceof DomainValidationError) {
        return sendGraphQLError(res, 400, "BAD_USER_INPUT", error.message, { fields: error.fields });
      }
      next(error);
    }
  };
}

/** A query parameter given once, as text; null when absent (a repeated parameter counts as invalid). */
function single(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : "";
}
