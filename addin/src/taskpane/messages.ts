/**
 * Turns any failure into words a salesperson or an accountant can act on, in the pane's language:
 * a title ("Vérifiez ces valeurs :" for the pane's own checks, "Le serveur a refusé ces valeurs :"
 * for the server's), the lines under it, and the fields to mark beside their inputs.
 */

import { inLanguage } from "../../../server/src/domain/text.js";
import { ApiError, DEFAULT_TIMEOUT_MS } from "../api/client.js";
import { QuoteSheetError } from "../excel/quote-sheet.js";
import { MoneyFormatError } from "../shared/money.js";
import { fieldLabel, quoteSheetLabels, type Translate } from "./i18n.js";
import type { FieldProblem } from "./view.js";

export interface ErrorContext {
  serverUrl?: string;
  role?: string | null;
}

/** Problems the pane found itself, before asking the server: never titled as the server's refusal. */
export class LocalProblems extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    this.name = "LocalProblems";
  }
}

/** Something the pane cannot do here and says so (Excel missing, a step not ready). */
export class PaneMessage extends Error {}

export interface Explained {
  title: string;
  lines: string[];
  /** Field problems to show beside their inputs (paths relative to the mutation's input). */
  fields: FieldProblem[];
}

/** "label : message" in French typography, "label: message" in English. */
const colon = (t: Translate) => (t.lang === "fr" ? " : " : ": ");
const bullet = (t: Translate, p: FieldProblem) => `• ${fieldLabel(t, p.path)}${colon(t)}${p.message}`;

export function explainError(error: unknown, t: Translate, context: ErrorContext): Explained {
  const plain = (title: string): Explained => ({ title, lines: [], fields: [] });
  if (error instanceof LocalProblems) {
    return { title: t("errLocalCheck"), lines: error.problems.map((p) => bullet(t, p)), fields: error.problems };
  }
  if (error instanceof PaneMessage) return plain(error.message);
  if (error instanceof ApiError) {
    switch (error.kind) {
      case "UNAUTHENTICATED":
        return plain(t("errUnauthenticated"));
      case "FORBIDDEN":
        return plain(context.role ? t("errForbidden", { role: context.role }) : t("errForbiddenNoRole"));
      case "NETWORK":
        return plain(t("errNetwork", { url: context.serverUrl ?? "" }));
      case "TIMEOUT":
        return plain(t("errTimeout", { seconds: Math.round((error.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000) }));
      case "RATE_LIMITED":
        return plain(
          error.retryAfterSeconds !== null
            ? t("errRateLimited", { seconds: error.retryAfterSeconds })
            : t("errRateLimitedNoDelay"),
        );
      case "UNAVAILABLE":
        return plain(t("errUnavailable"));
      case "NOT_FOUND":
        return plain(t("errNotFound"));
      case "CONFLICT":
        return plain(t("errConflict"));
      case "ABORTED":
        return plain(t("errAborted"));
      case "BAD_USER_INPUT": {
        const fields = error.fields.map((f) => ({ path: f.field.replace(/^input\./, ""), message: f.message }));
        return {
          title: t("errBadInput"),
          lines: fields.length > 0 ? fields.map((f) => bullet(t, f)) : [`• ${error.message}`],
          fields,
        };
      }
      default:
        // Only the server's own words are shown: the client's notes ("unexpected response") are English.
        return plain(error.fromServer ? t("errServer", { message: error.message }) : t("errBadAnswer"));
    }
  }
  if (error instanceof QuoteSheetError) {
    const lines = error.problems.map((p) =>
      p.column === "sheet" || p.row === 0
        ? `• ${inLanguage(p.message, t.lang)}`
        : `• ${t("sheetRow", { row: p.row })} · ${quoteSheetLabels(t).columns[p.column]}${colon(t)}${inLanguage(p.message, t.lang)}`,
    );
    return { title: t("errSheet"), lines, fields: [] };
  }
  if (error instanceof MoneyFormatError) return plain(inLanguage(error.text, t.lang));
  // A fault of the pane itself: its details (English, technical) go to the console, not to the reader.
  return plain(t("errUnexpected"));
}

/** One string: the title and its lines (the renewal pane's single message box). */
export function describeError(error: unknown, t: Translate, context: ErrorContext): string {
  const { title, lines } = explainError(error, t, context);
  return [title, ...lines].join("\n");
}
