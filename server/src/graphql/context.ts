import type { Language } from "../domain/text.js";
import type { Principal } from "../services/token.service.js";
import type { Loaders } from "./loaders.js";

/** What every resolver receives: the caller, the request id (also sent back), the reader's language and the request's loaders. */
export interface GraphQLContext {
  requestId: string;
  principal: Principal;
  /** From `Accept-Language` (domain/text.ts `languageOf`): the language of every message answered. */
  language: Language;
  /** Built once per request (graphql/loaders.ts): batching and per-request caching of related rows. */
  loaders: Loaders;
}
