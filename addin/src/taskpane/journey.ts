/**
 * Where the salesperson is in the journey: which customer (with its mandates and quotes) and which
 * quote is open in the editor. The steps (customer, mandate, quote list, editor, signing,
 * contracts) each render from it and listen to it; none holds a copy of another's state.
 */
import type { CustomerFile, Quote, QuoteSummary, SepaMandate } from "../api/operations.js";

type Listener = () => void;

export class Journey {
  /** The customer chosen, with its mandates and quotes as last read or changed. */
  customer: CustomerFile | null = null;
  /** The editor is open: on `quote`, or on a new quote when `quote` is null. */
  editing = false;
  /** The quote open in the editor, as the server last returned it (null: a new quote, not saved yet). */
  quote: Quote | null = null;
  /** The editor holds changes not saved yet (signing covers the saved quote only). */
  unsaved = false;

  private readonly customerListeners: Listener[] = [];
  private readonly quoteListeners: Listener[] = [];

  onCustomer(listener: Listener): void {
    this.customerListeners.push(listener);
  }

  onQuote(listener: Listener): void {
    this.quoteListeners.push(listener);
  }

  /** Another customer (or none): its file, and the editor closed. */
  chooseCustomer(file: CustomerFile | null): void {
    this.customer = file;
    this.editing = false;
    this.quote = null;
    this.unsaved = false;
    this.emit(this.customerListeners);
    this.emit(this.quoteListeners);
  }

  /**
   * Opens the editor on a quote as the server just returned it, or on a new one (null). The list
   * follows the quote's state (opened, saved, sent, signed …, or expired since the list was read).
   */
  open(quote: Quote | null): void {
    this.editing = true;
    this.quote = quote;
    this.unsaved = false;
    if (quote && this.customer && this.customer.id === quote.customer.id) {
      this.customer = { ...this.customer, quotes: upsertSummary(this.customer.quotes, quote) };
      this.emit(this.customerListeners);
    }
    this.emit(this.quoteListeners);
  }

  /** The server returned a new state of the open quote (saved, sent, signed …). */
  quoteChanged(quote: Quote): void {
    this.open(quote);
  }

  mandateAdded(mandate: SepaMandate): void {
    if (!this.customer) return;
    this.customer = { ...this.customer, sepaMandates: [mandate, ...this.customer.sepaMandates] };
    this.emit(this.customerListeners);
  }

  private emit(listeners: Listener[]): void {
    for (const listener of listeners) listener();
  }
}

/** The customer's quote list with `quote` replaced or added first (newest first, as the server lists them). */
export function upsertSummary(list: QuoteSummary[], quote: Quote): QuoteSummary[] {
  const summary: QuoteSummary = {
    id: quote.id,
    status: quote.status,
    version: quote.version,
    quoteDate: quote.quoteDate,
    validUntil: quote.validUntil,
    totals: quote.totals,
  };
  return list.some((q) => q.id === quote.id) ? list.map((q) => (q.id === quote.id ? summary : q)) : [summary, ...list];
}
