import type { RequestHandler } from "express";
import { DomainValidationError, describeFields, type FieldError } from "../domain/errors.js";
import { notAnIdMessage, parseIdentifier } from "../domain/identifiers.js";
import { languageOf, text } from "../domain/text.js";
import type { Role } from "../entities/api-token.entity.js";
import { TOKEN_REQUIRED } from "../graphql/common/format-error.js";
import { CAN } from "../graphql/common/roles.js";
import type { Services } from "../services/index.js";
import { sendGraphQLError } from "./auth.js";
import { billingCsv } from "./billing-csv.js";
import { BILLING_EXPORT_FORBIDDEN, TOKEN_IN_URL } from "./messages.js";

const ALLOWED: readonly Role[] = ["ADMIN", ...CAN.exportBilling];
/** Query parameters that would carry a token in the URL (and so into proxy and server logs). */
const TOKEN_PARAMETERS = ["token", "access_token", "apiToken", "api_token", "bearer"];

/**
 * `GET /exports/billing.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&customerId=N]`: the billing export
 * (same items as GraphQL `billableItems`) as an Excel-friendly CSV download. Mounted after
 * `requireToken`, so the token comes in `Authorization: Bearer …` only (Power Query:
 * `Web.Contents(url, [Headers=[Authorization="Bearer …"]])`); a token in the URL is refused.
 * FINANCE and ADMIN only (403 otherwise), rate-limited per token like /graphql (by the same
 * limiter, mounted before it in http/app.ts). Errors are GraphQL-shaped JSON, like /graphql's.
 */
export function billingExportRoute(services: Services): RequestHandler[] {
  return [exportCsv(services)];
}

function exportCsv(services: Services): RequestHandler {
  return async (req, res, next) => {
    const role = req.principal?.role;
    if (!role) return sendGraphQLError(res, 401, "UNAUTHENTICATED", TOKEN_REQUIRED);
    if (!ALLOWED.includes(role)) return sendGraphQLError(res, 403, "FORBIDDEN", BILLING_EXPORT_FORBIDDEN);
    const query = req.query as Record<string, unknown>;
    if (TOKEN_PARAMETERS.some((name) => name in query)) {
      return sendGraphQLError(res, 400, "BAD_REQUEST", TOKEN_IN_URL);
    }
    const from = single(query.from);
    const to = single(query.to);
    const customerText = single(query.customerId);
    const language = languageOf(req.get("accept-language"));
    try {
      const required = text("est obligatoire (AAAA-MM-JJ).", "is required (YYYY-MM-DD)");
      // The same id rule and message as GraphQL's ID (domain/identifiers.ts).
      const customerId = customerText === null ? null : parseIdentifier(customerText);
      const missing: FieldError[] = [
        ...(from === null ? [{ field: "from", message: required }] : []),
        ...(to === null ? [{ field: "to", message: required }] : []),
        ...(customerText !== null && customerId === null ? [{ field: "customerId", message: notAnIdMessage(customerText) }] : []),
      ];
      if (missing.length > 0) throw new DomainValidationError(missing);
      const result = await services.maintenance.billing.billableItems({ from: from as string, to: to as string, customerId });
      const body = Buffer.from(billingCsv(result.items, language), "utf8");
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="facturation_${from}_${to}.csv"`);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.end(body);
    } catch (error) {
      if (error instanceof DomainValidationError) {
        const fields = error.fields.map((f) => ({ field: f.field, message: f.message[language] }));
        return sendGraphQLError(
          res,
          400,
          "BAD_USER_INPUT",
          text(describeFields(error.fields, "fr"), describeFields(error.fields, "en")),
          {
            fields,
          },
        );
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
