import type { NextFunction, Request, Response } from "express";
import { withDatabaseTimeout } from "../db/unavailable.js";
import { languageOf, type Text } from "../domain/text.js";
import type { Principal, TokenService } from "../services/token.service.js";
import { INVALID_TOKEN, MISSING_TOKEN, TOKEN_WITHOUT_BEARER } from "./messages.js";

/** How long a token look-up may wait for the database before the request gets 503. */
const TOKEN_LOOKUP_TIMEOUT_MS = 5000;

declare module "express-serve-static-core" {
  interface Request {
    requestId: string;
    principal?: Principal;
  }
}

/**
 * A GraphQL-shaped error body, so clients parse every refusal the same way; the message in the
 * request's language (Accept-Language), the code the same in every language.
 */
export function sendGraphQLError(
  res: Response,
  status: number,
  code: string,
  message: Text,
  extra: Record<string, unknown> = {},
) {
  const language = languageOf(res.req.get("accept-language"));
  res
    .status(status)
    .json({ errors: [{ message: message[language], extensions: { code, requestId: res.req.requestId, ...extra } }] });
}

/**
 * Every request under it needs `Authorization: Bearer <token>` of a live token; otherwise 401
 * UNAUTHENTICATED before any GraphQL work (introspection included), saying how to send it when
 * the header is there without the `Bearer` word. A database outage here is passed on to the app's
 * error handler (503 DATABASE_UNAVAILABLE).
 */
export function requireToken(tokens: TokenService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="contracts"');
      return sendGraphQLError(res, 401, "UNAUTHENTICATED", header.trim() === "" ? MISSING_TOKEN : TOKEN_WITHOUT_BEARER);
    }
    try {
      const principal = await withDatabaseTimeout(
        tokens.authenticate(match[1] as string),
        TOKEN_LOOKUP_TIMEOUT_MS,
        "token look-up",
      );
      if (!principal) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="contracts", error="invalid_token"');
        return sendGraphQLError(res, 401, "UNAUTHENTICATED", INVALID_TOKEN);
      }
      req.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}
