/**
 * Step 4: the quote open in the editor: its lines, saved by the server (which prices everything;
 * the totals shown are the server's), written to its sheet, and read back from the sheet with
 * the changes shown for confirmation before they are saved. SIGNED, DECLINED and EXPIRED quotes
 * open read-only.
 */
import { AttemptKeys } from "../api/idempotency.js";
import type { Offer, Quote } from "../api/operations.js";
import { describeChange, type QuoteSheetReview, reviewQuoteSheet } from "../excel/quote-review.js";
import { QuoteSheetError, readQuoteSheet } from "../excel/quote-sheet.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { formatCents } from "../shared/money.js";
import type { App } from "./app.js";
import { byId, el } from "./dom.js";
import { quoteSheetLabels, statusLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { LocalProblems, PaneMessage } from "./messages.js";
import { QuoteLinesForm } from "./quote-lines.js";
import { isReadOnly } from "./quote-model.js";
import { writeQuoteToSheet } from "./quote-sheet-writer.js";
import { Feedback, reveal, showIf } from "./view.js";

/** Office's editing language (text dates typed in cells follow it), or the browser's outside Office. */
function contentLocale(): string | null {
  try {
    const office = (globalThis as { Office?: typeof Office }).Office;
    return office?.context?.contentLanguage ?? office?.context?.displayLanguage ?? navigator.language ?? null;
  } catch {
    return null;
  }
}

export function setupQuoteEditor(app: App, journey: Journey): void {
  const t = app.t;
  const step = byId("step-editor");
  const title = byId("editor-title");
  const status = byId("editor-status");
  const readOnlyNote = byId("editor-read-only");
  const summary = byId("quote-summary");
  const addButton = byId<HTMLButtonElement>("add-line");
  const saveButton = byId<HTMLButtonElement>("quote-save");
  const creations = new AttemptKeys();
  const writeButton = byId<HTMLButtonElement>("quote-write");
  const readButton = byId<HTMLButtonElement>("quote-read");
  const feedback = new Feedback(byId("editor-feedback"));
  const diffBox = byId("sheet-diff");
  const diffList = byId<HTMLUListElement>("sheet-diff-list");
  const diffSave = byId<HTMLButtonElement>("sheet-diff-save");
  const diffCancel = byId<HTMLButtonElement>("sheet-diff-cancel");
  const diffFeedback = new Feedback(byId("sheet-diff-feedback"));
  const form = new QuoteLinesForm(t);
  form.onEdit = () => {
    journey.unsaved = true;
  };
  /** The sheet's edits waiting for confirmation. */
  let pendingReview: QuoteSheetReview | null = null;

  function renderSummary(quote: Quote | null): void {
    summary.hidden = quote === null;
    if (!quote) return;
    const table = document.createElement("table");
    const row = (label: string, cents: number) => {
      const tr = table.insertRow();
      tr.insertCell().textContent = label;
      const cell = tr.insertCell();
      cell.className = "amount";
      cell.textContent = formatCents(cents, app.lang);
    };
    const tt = quote.totals;
    row(t("oneOff"), tt.oneOffCents);
    row(t("monthly"), tt.monthlyCents);
    row(t("totalExclVat"), tt.oneOffCents + tt.monthlyCents);
    row(t("vat"), tt.vatCents);
    row(t("totalInclVat"), tt.totalInclVatCents);
    row(t("totalContractValue"), tt.totalContractValueCents);
    summary.replaceChildren(table);
  }

  function closeDiff(): void {
    pendingReview = null;
    diffBox.hidden = true;
    diffList.replaceChildren();
    diffFeedback.clear();
  }

  /** Renders the open quote: everything but the lines when only its state changed (sent, signed …). */
  function render(refillLines: boolean, offers: Offer[]): void {
    step.hidden = !journey.editing;
    if (!journey.editing || !journey.customer) return;
    const quote = journey.quote;
    const customer = journey.customer.name;
    title.textContent = quote ? t("editorTitle", { id: quote.id, customer }) : t("editorNew", { customer });
    status.textContent = quote
      ? t("editorStatus", {
          status: statusLabel(t, quote.status),
          version: quote.version,
          date: formatIsoForDisplay(quote.validUntil, app.lang),
        })
      : "";
    const readOnly = quote !== null && isReadOnly(quote.status);
    readOnlyNote.textContent = readOnly && quote ? t("readOnly", { status: statusLabel(t, quote.status) }) : "";
    readOnlyNote.hidden = !readOnly;
    if (refillLines) {
      if (quote) form.fill(offers, quote.lines);
      else {
        form.clear();
        form.add(offers);
      }
    }
    form.setReadOnly(readOnly);
    if (quote) form.showResults(quote.lines);
    showIf(!readOnly, addButton, saveButton, readButton);
    showIf(quote !== null, writeButton);
    renderSummary(quote);
  }

  let shown: { id: string | null; version: number | null } | null = null;
  journey.onQuote(() => {
    const quote = journey.quote;
    const key = { id: quote?.id ?? null, version: quote?.version ?? null };
    // New lines only when another quote or another version comes in; a status change keeps the form.
    const refill = !journey.editing || shown === null || shown.id !== key.id || shown.version !== key.version;
    if (!journey.editing) shown = null;
    else if (refill) {
      shown = key;
      feedback.clear();
      closeDiff();
    }
    // Synchronous once the catalogue is loaded, so the layout is settled before any feedback shows.
    if (app.state.offers) render(refill, app.state.offers);
    else
      app.offers().then(
        (offers) => render(refill, offers),
        (error: unknown) => {
          step.hidden = false;
          const explained = app.explain(error);
          feedback.show("error", explained.title, explained.lines);
        },
      );
  });

  addButton.addEventListener("click", () => {
    void app.act(addButton, feedback, async () => {
      form
        .add(await app.offers())
        .querySelector<HTMLSelectElement>("[name=offer]")
        ?.focus();
      journey.unsaved = true;
    });
  });

  saveButton.addEventListener("click", () => {
    void app.act(
      saveButton,
      feedback,
      async () => {
        const customer = journey.customer;
        if (!customer) throw new PaneMessage(t("chooseCustomer"));
        const { lines, problems } = form.read(await app.offers());
        if (problems.length > 0) throw new LocalProblems(problems);
        const current = journey.quote;
        const sales = app.sales();
        // An update names the version it replaces (a retry after it was saved is a CONFLICT, never a
        // second save); a creation sends one key per attempt, so a retry creates one quote.
        const saved = current
          ? await sales.updateQuote(current.id, current.version, lines)
          : await creations.attempt({ customerId: customer.id, lines }, (key) => sales.createQuote(customer.id, lines, key));
        journey.quoteChanged(saved);
        feedback.show("success", t("quoteSaved", { id: saved.id, version: saved.version }));
      },
      { fields: step },
    );
  });

  writeButton.addEventListener("click", () => {
    void app.act(writeButton, feedback, async () => {
      const quote = journey.quote;
      if (!quote) throw new PaneMessage(t("saveFirst"));
      const sheet = await writeQuoteToSheet(app, quote);
      feedback.show("success", t("quoteWritten", { sheet }));
    });
  });

  readButton.addEventListener("click", () => {
    void app.act(readButton, feedback, async () => {
      closeDiff();
      const quote = journey.quote;
      if (!quote) throw new PaneMessage(t("saveFirst"));
      const labels = quoteSheetLabels(t);
      const reading = await app.excel((context) => readQuoteSheet(context, labels, quote.id));
      // Against the server's quote as it is now: a sheet from an older version is refused here.
      const review = reviewQuoteSheet(reading, await app.sales().quote(quote.id), contentLocale());
      if (review.problems.length > 0) throw new QuoteSheetError(review.problems);
      if (review.changes.length === 0) {
        feedback.show("info", t("sheetNoChange"));
        return;
      }
      pendingReview = review;
      diffList.replaceChildren(...review.changes.map((c) => el("li", "", describeChange(c, app.lang, labels.columns[c.column]))));
      diffBox.hidden = false;
      reveal(diffBox);
    });
  });

  diffSave.addEventListener("click", () => {
    void app.act(diffSave, diffFeedback, async () => {
      const review = pendingReview;
      if (!review || review.quoteId !== journey.quote?.id) return;
      // The sheet's version, not the pane's: if someone saved meanwhile, CONFLICT says so.
      const updated = await app.sales().updateQuote(review.quoteId, review.version, review.lines);
      journey.quoteChanged(updated);
      await writeQuoteToSheet(app, updated);
      feedback.show("success", t("quoteReadBack", { version: updated.version }));
    });
  });

  diffCancel.addEventListener("click", () => {
    closeDiff();
    feedback.show("info", t("sheetChangesDropped"));
  });
}
