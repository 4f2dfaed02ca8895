import type { Language } from "../domain/text.js";
import type { Principal } from "../services/token.service.js";

/** What every resolver receives: the caller, the request id (also sent back) and the reader's language. */
export interface GraphQLContext {
  requestId: string;
  principal: Principal;
  /** From `Accept-Language` (domain/text.ts `languageOf`): the language of every message answered. */
  language: Language;
}
