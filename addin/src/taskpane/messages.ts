/** Turns any failure into one message a salesperson or an accountant can act on. */
import { ApiError } from "../api/client.js";
import { QuoteSheetError } from "../excel/quote-sheet.js";
import { MoneyFormatError } from "../shared/money.js";
import { fieldLabel, quoteSheetLabels, type Translate } from "./i18n.js";

export interface ErrorContext {
  serverUrl?: string;
  role?: string | null;
  /** The pane's language, for messages that come in both (sheet problems). */
  lang?: "fr" | "en";
}

export function describeError(error: unknown, t: Translate, context: ErrorContext): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case "UNAUTHENTICATED":
        return t("errUnauthenticated");
      case "FORBIDDEN":
        return context.role ? t("errForbidden", { role: context.role }) : t("errForbiddenNoRole");
      case "NETWORK":
        return t("errNetwork", { url: context.serverUrl ?? "" });
      case "CONFLICT":
        return t("errConflict");
      case "ABORTED":
        return t("errAborted");
      case "BAD_USER_INPUT": {
        const lines = error.fields.map((f) => `• ${fieldLabel(t, f.field)} : ${f.message}`);
        return [t("errBadInput"), ...(lines.length > 0 ? lines : [`• ${error.message}`])].join("\n");
      }
      default:
        return t("errServer", { message: error.message });
    }
  }
  if (error instanceof QuoteSheetError) {
    const lang = context.lang ?? "fr";
    const lines = error.problems.map((p) =>
      p.column === "sheet" || p.row === 0
        ? `• ${p.message[lang]}`
        : `• ${t("sheetRow", { row: p.row })} · ${quoteSheetLabels(t).columns[p.column]} : ${p.message[lang]}`,
    );
    return [t("errSheet"), ...lines].join("\n");
  }
  if (error instanceof MoneyFormatError) return error.message;
  return t("errUnexpected", { message: error instanceof Error ? error.message : String(error) });
}
