/** The quote between the server's shape, the pane's and the sheet's: pure functions, tested without a DOM. */
import type { Quote, QuoteStatus } from "../api/operations.js";
import { quoteSheetData } from "../excel/quote-review.js";
import type { QuoteSheetData } from "../excel/quote-sheet.js";

/** Statuses after which a quote never changes: it opens read-only. */
export const FINAL_STATUSES: readonly QuoteStatus[] = ["SIGNED", "DECLINED", "EXPIRED"];

export function isReadOnly(status: QuoteStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** DRAFT and SENT quotes can be sent, signed or declined. */
export function isOpen(status: QuoteStatus): boolean {
  return status === "DRAFT" || status === "SENT";
}

/**
 * The sheet's data (see excel/quote-review.ts, which also reviews a sheet read back), with the
 * status in words (`statusWord`: the pane's language), never DRAFT.
 */
export function quoteToSheetData(quote: Quote, statusWord: (status: QuoteStatus) => string): QuoteSheetData {
  return { ...quoteSheetData(quote), status: statusWord(quote.status) };
}
