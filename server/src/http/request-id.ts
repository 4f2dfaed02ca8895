import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { type Language, languageOf } from "../domain/text.js";

interface RequestScope {
  requestId: string;
  /** From Accept-Language: the language of every message answered to this request. */
  language: Language;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served, wherever in its async work we are (e.g. error formatting). */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The reader's language of the request being served (English outside a request). */
export function currentLanguage(): Language {
  return requestScope.getStore()?.language ?? "en";
}

function scopeOf(req: Request): RequestScope {
  return { requestId: req.requestId, language: languageOf(req.get("accept-language")) };
}

/** Tags each request with an id (the caller's `X-Request-Id` when sane), echoed in the response. */
export function requestId(req: Request, res: Response, next: NextFunction) {
  const given = req.get("x-request-id");
  req.requestId = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader("X-Request-Id", req.requestId);
  requestScope.run(scopeOf(req), next);
}

/**
 * Re-enters the request's scope. Stream events (body parsing) and pooled database callbacks run
 * outside it, so this goes right before Apollo, whose error formatting reads the id and language.
 */
export function enterRequestScope(req: Request, _res: Response, next: NextFunction) {
  requestScope.run(scopeOf(req), next);
}
