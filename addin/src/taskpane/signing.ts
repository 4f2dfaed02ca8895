/**
 * Step 5: send the quote, have it signed (signer's name), or record the customer's refusal.
 * Signing sends the version on screen (`expectedVersion`), so the signature covers exactly what
 * was shown, and one idempotency key per attempt (AttemptKeys), so a double click or a retry after
 * a lost answer signs once. Once signed, the quote and its contracts go to the quote sheet.
 */
import { ApiError } from "../api/client.js";
import { AttemptKeys } from "../api/idempotency.js";
import type { Quote } from "../api/operations.js";
import { formatIsoForDisplay, todayInParis } from "../shared/dates.js";
import type { App } from "./app.js";
import { byId } from "./dom.js";
import { statusLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { LocalProblems, PaneMessage } from "./messages.js";
import { isOpen } from "./quote-model.js";
import { writeQuoteToSheet } from "./quote-sheet-writer.js";
import { Feedback, showIf } from "./view.js";

export function setupSigningStep(app: App, journey: Journey): void {
  const t = app.t;
  const step = byId("step-signing");
  const state = byId("signing-state");
  const controls = byId("signing-controls");
  const sendButton = byId<HTMLButtonElement>("quote-send");
  const signer = byId<HTMLInputElement>("signer-name");
  const signButton = byId<HTMLButtonElement>("quote-sign");
  const declineButton = byId<HTMLButtonElement>("quote-decline");
  const feedback = new Feedback(byId("signing-feedback"));
  const attempts = new AttemptKeys();

  function stateLine(quote: Quote): string {
    if (quote.status === "SIGNED" && quote.signerName) {
      // The day in Paris of the signing instant (the server stores UTC).
      const day = quote.signedAt ? formatIsoForDisplay(todayInParis(new Date(quote.signedAt)), app.lang) : "";
      return t("signedBy", { name: quote.signerName, date: day });
    }
    return isOpen(quote.status) ? "" : statusLabel(t, quote.status);
  }

  let shownId: string | null = null;
  journey.onQuote(() => {
    const quote = journey.editing ? journey.quote : null;
    step.hidden = quote === null;
    if (quote?.id !== shownId) {
      shownId = quote?.id ?? null;
      feedback.clear();
      signer.value = "";
      attempts.settle();
    }
    if (!quote) return;
    state.textContent = stateLine(quote);
    state.hidden = state.textContent === "";
    showIf(isOpen(quote.status), controls);
    showIf(quote.status === "DRAFT", sendButton);
  });

  /** After a CONFLICT the quote on screen is stale: show the server's current one. */
  async function reload(error: unknown): Promise<void> {
    const quote = journey.quote;
    if (quote && error instanceof ApiError && error.kind === "CONFLICT") journey.quoteChanged(await app.sales().quote(quote.id));
  }
  const conflict = (key: "errConflictSign" | "errConflictState") => (error: unknown) =>
    error instanceof ApiError && error.kind === "CONFLICT" ? { title: t(key), lines: [], fields: [] } : null;

  /** Send and decline: one call that moves the quote to another state, said under the buttons. */
  function onStateChange(
    button: HTMLButtonElement,
    change: (quoteId: string) => Promise<Quote>,
    done: "quoteSent" | "quoteDeclined",
  ) {
    button.addEventListener("click", () => {
      void app.act(
        button,
        feedback,
        async () => {
          const quote = journey.quote;
          if (!quote) return;
          const changed = await change(quote.id);
          journey.quoteChanged(changed);
          feedback.show("success", t(done, { id: changed.id }));
        },
        { onError: reload, explain: conflict("errConflictState") },
      );
    });
  }
  onStateChange(sendButton, (id) => app.sales().sendQuote(id), "quoteSent");
  onStateChange(declineButton, (id) => app.sales().declineQuote(id), "quoteDeclined");

  signButton.addEventListener("click", () => {
    void app.act(
      signButton,
      feedback,
      async () => {
        const quote = journey.quote;
        if (!quote) return;
        const signerName = signer.value.trim();
        if (!signerName) throw new LocalProblems([{ path: "signerName", message: t("signerRequired") }]);
        if (journey.unsaved) throw new PaneMessage(t("saveBeforeSigning"));
        if (!journey.customer?.sepaMandates.some((m) => m.status === "ACTIVE")) throw new PaneMessage(t("mandateBeforeSigning"));
        const payload = { quoteId: quote.id, signerName, expectedVersion: quote.version };
        const signed = await attempts.attempt(payload, (idempotencyKey) => app.sales().signQuote({ ...payload, idempotencyKey }));
        journey.quoteChanged(signed);
        const done = t("quoteSigned", { name: signerName, count: signed.contracts.length });
        try {
          const sheet = await writeQuoteToSheet(app, signed);
          feedback.show("success", done, [t("sheetWritten", { sheet })]);
        } catch (error) {
          feedback.show("success", done, [t("sheetNotWritten", { reason: app.explain(error).title })]);
        }
      },
      { fields: step, onError: reload, explain: conflict("errConflictSign") },
    );
  });
}
