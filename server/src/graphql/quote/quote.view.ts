import { initialTermEnd, noticeDeadline } from "../../domain/commitment.js";
import { lineTotals } from "../../domain/quote-totals.js";
import type { Quote, QuoteLine } from "../../entities/index.js";
import { quoteStatusOn, totalsOf } from "../../services/quote.service.js";
import type { OfferType } from "../catalogue/offer.type.js";
import type { QuoteLineType, QuoteType } from "./quote.type.js";

/** Initial term end and its notice deadline, from the line's start date or else the quote date. */
function commitmentDates(line: QuoteLine, quoteDate: string): { commitmentEnd: string | null; noticeDeadline: string | null } {
  const startDate = line.startDate ?? quoteDate;
  try {
    const terms = { ...line, startDate };
    return {
      commitmentEnd: initialTermEnd(terms),
      // Without tacit renewal there is no renewal to stop.
      noticeDeadline: line.renewalTermMonths === 0 ? null : noticeDeadline(terms, 0),
    };
  } catch {
    return { commitmentEnd: null, noticeDeadline: null }; // stored terms were validated; dates beyond 9999 only
  }
}

export function quoteLineView(line: QuoteLine, quoteDate: string): QuoteLineType {
  // The line's amounts as the totals count them (quote-totals.ts), never recomputed here.
  const { monthlyCents, oneOffCents } = lineTotals(line);
  return {
    id: line.id,
    position: line.position,
    offer: line.offer as unknown as OfferType,
    quantity: line.quantity,
    monthlyUnitPriceCents: line.monthlyUnitPriceCents,
    setupFeeCents: line.setupFeeCents,
    initialTermMonths: line.initialTermMonths,
    renewalTermMonths: line.renewalTermMonths,
    noticeMonths: line.noticeMonths,
    noticeDays: line.noticeDays,
    startDate: line.startDate,
    subsidisedDevice: line.subsidisedDevice,
    portingDirection: line.portingDirection,
    portingNumbers: line.portingNumbers.map((p) => p.number),
    portingRios: line.portingNumbers.map((p) => p.rio),
    portingOutsideHours: line.portingOutsideHours,
    portingCents: line.portingCents,
    monthlyCents,
    oneOffCents,
    ...commitmentDates(line, quoteDate),
  };
}

/** The API view of a stored quote (lines loaded with their offers) as of `today`. */
export function quoteView(quote: Quote, today: string): QuoteType {
  return {
    id: quote.id,
    status: quoteStatusOn(quote, today),
    version: quote.version,
    quoteDate: quote.quoteDate,
    validUntil: quote.validUntil,
    lines: (quote.lines ?? []).map((line) => quoteLineView(line, quote.quoteDate)),
    totals: totalsOf(quote),
    vatRateBasisPoints: quote.vatRateBasisPoints,
    signerName: quote.signerName,
    signedAt: quote.signedAt,
    createdAt: quote.createdAt,
    customerId: quote.customerId,
    termsVersionId: quote.termsVersionId,
    sepaMandateId: quote.sepaMandateId,
  };
}
