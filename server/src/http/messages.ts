/**
 * The refusals the HTTP layer answers itself (before or beside GraphQL), in both languages; the
 * reader's language comes from the request's Accept-Language (domain/text.ts `languageOf`).
 */
import { shown, type Text, text } from "../domain/text.js";

export const MISSING_TOKEN: Text = text(
  "Jeton d'API manquant : envoyez l'en-tête Authorization: Bearer <jeton>.",
  "Missing API token: send Authorization: Bearer <token>",
);

export const TOKEN_WITHOUT_BEARER: Text = text(
  "L'en-tête Authorization doit commencer par « Bearer » suivi d'une espace puis du jeton : Authorization: Bearer <jeton>.",
  "The Authorization header must start with the word Bearer, a space, then the token: Authorization: Bearer <token>",
);

export const INVALID_TOKEN: Text = text("Jeton d'API invalide, révoqué ou expiré.", "Invalid, revoked or expired API token");

export const BILLING_EXPORT_FORBIDDEN: Text = text(
  "Le rôle de ce jeton ne permet pas d'exporter la facturation (FINANCE ou ADMIN uniquement).",
  "This token's role may not export billing (FINANCE or ADMIN only)",
);

export const TOKEN_IN_URL: Text = text(
  "Les jetons dans les adresses (URL) sont refusés car ils se retrouvent dans les journaux : envoyez l'en-tête Authorization: Bearer <jeton>, et considérez ce jeton comme exposé.",
  "Tokens in URLs are refused (they leak into logs): send Authorization: Bearer <token> instead, and consider this token exposed.",
);

export function bodyTooLarge(maxBytes: number): Text {
  return text(`Le corps de la requête dépasse ${maxBytes} octets.`, `Request body larger than ${maxBytes} bytes`);
}

export const INVALID_JSON: Text = text("Le corps de la requête n'est pas du JSON valide.", "Request body is not valid JSON");

export function tooManyRequests(retryAfterSeconds: number): Text {
  return text(
    `Trop de requêtes pour ce jeton : réessayez dans ${retryAfterSeconds} s.`,
    `Too many requests for this token; retry in ${retryAfterSeconds} s`,
  );
}

export function unknownRoute(method: string, path: string): Text {
  return text(
    `Aucune ressource à cette adresse (${method} ${shown(path)}) : l'API est à POST /graphql, le complément Excel à /addin/, l'état du service à /healthz.`,
    `Nothing here (${method} ${shown(path)}): the API is at POST /graphql, the add-in at /addin/, health at /healthz.`,
  );
}

export const ADDIN_NOT_BUILT: Text = text(
  "Le complément Excel n'est pas construit : lancez `npm run build:addin`.",
  "The add-in is not built: run `npm run build:addin`.",
);
