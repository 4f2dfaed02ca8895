/** The quote between the server's shape and the sheet's: pure functions, tested without a DOM. */
import type { Quote, QuoteLineInput } from "../api/operations.js";
import { type QuoteSheetData, QuoteSheetError } from "../excel/quote-sheet.js";

export function quoteToSheetData(quote: Quote): QuoteSheetData {
  return {
    quoteId: quote.id,
    version: quote.version,
    status: quote.status,
    customerName: quote.customer.name,
    quoteDate: quote.quoteDate,
    validUntil: quote.validUntil,
    termsVersion: quote.termsVersion,
    totals: quote.totals,
    lines: [...quote.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        position: l.position,
        offerCode: l.offer.code,
        offerName: l.offer.name,
        quantity: l.quantity,
        monthlyUnitPriceCents: l.monthlyUnitPriceCents,
        setupFeeCents: l.setupFeeCents,
        monthlyCents: l.monthlyCents,
        portingCents: l.portingCents,
        initialTermMonths: l.initialTermMonths,
        renewalTermMonths: l.renewalTermMonths,
        startDate: l.startDate,
        commitmentEnd: l.commitmentEnd,
        noticeDeadline: l.noticeDeadline,
      })),
  };
}

/** The server's lines, with the quantities and unit prices edited in the sheet, by position. */
export function linesWithSheetEdits(
  quote: Quote,
  edits: Array<{ position: number; quantity: number; monthlyUnitPriceCents: number }>,
): QuoteLineInput[] {
  const byPosition = new Map(edits.map((e) => [e.position, e]));
  const lines = [...quote.lines].sort((a, b) => a.position - b.position);
  const missing = lines.filter((l) => !byPosition.has(l.position)).map((l) => l.position);
  const unknown = edits.filter((e) => !lines.some((l) => l.position === e.position)).map((e) => e.position);
  if (missing.length > 0 || unknown.length > 0) {
    throw new QuoteSheetError([
      ...missing.map((p) => ({
        row: p + 1,
        column: "position" as const,
        message: `line ${p + 1} of the quote is missing from the sheet`,
      })),
      ...unknown.map((p) => ({ row: p + 1, column: "position" as const, message: `line ${p + 1} is not a line of the quote` })),
    ]);
  }
  return lines.map((l) => {
    const edit = byPosition.get(l.position) as { quantity: number; monthlyUnitPriceCents: number };
    return {
      offerCode: l.offer.code,
      quantity: edit.quantity,
      monthlyUnitPriceCents: edit.monthlyUnitPriceCents,
      setupFeeCents: l.setupFeeCents,
      initialTermMonths: l.initialTermMonths,
      renewalTermMonths: l.renewalTermMonths,
      startDate: l.startDate,
      portingDirection: l.portingDirection,
      portingNumbers: l.portingNumbers,
    };
  });
}
