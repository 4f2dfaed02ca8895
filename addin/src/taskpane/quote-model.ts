/** The quote between the server's shape and the sheet's: pure functions, tested without a DOM. */
import type { Quote } from "../api/operations.js";
import { quoteSheetData } from "../excel/quote-review.js";
import type { QuoteSheetData } from "../excel/quote-sheet.js";

/** The sheet's data (see excel/quote-review.ts, which also reviews a sheet read back). */
export function quoteToSheetData(quote: Quote): QuoteSheetData {
  return quoteSheetData(quote);
}
