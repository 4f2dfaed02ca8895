/**
 * Step 3: the customer's quotes (number, status, date, totals), newest first; open one, or start a
 * new one at any time.
 */
import type { QuoteSummary } from "../api/operations.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { formatCents } from "../shared/money.js";
import type { App } from "./app.js";
import { byId, el } from "./dom.js";
import { statusLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { Feedback, revealTop } from "./view.js";

export function setupQuoteListStep(app: App, journey: Journey): void {
  const t = app.t;
  const step = byId("step-quotes");
  const list = byId<HTMLUListElement>("quote-list");
  const empty = byId("quote-list-empty");
  const newButton = byId<HTMLButtonElement>("quote-new");
  const feedback = new Feedback(byId("quote-list-feedback"));

  function item(summary: QuoteSummary): HTMLLIElement {
    const li = el("li", `quote status-${summary.status.toLowerCase()}`);
    li.dataset.id = summary.id;
    li.classList.toggle("current", journey.quote?.id === summary.id);
    const text = el("div", "text");
    text.append(
      el(
        "div",
        "",
        t("quoteListItem", {
          id: summary.id,
          status: statusLabel(t, summary.status),
          date: formatIsoForDisplay(summary.quoteDate, app.lang),
        }),
      ),
      el(
        "div",
        "detail",
        t("quoteListTotals", {
          monthly: formatCents(summary.totals.monthlyCents, app.lang),
          total: formatCents(summary.totals.totalInclVatCents, app.lang),
        }),
      ),
    );
    const open = el("button", "open", t("openQuote"));
    open.type = "button";
    open.addEventListener("click", () => {
      void app.act(open, feedback, async () => {
        journey.open(await app.sales().quote(summary.id));
        revealTop(byId("step-editor"));
      });
    });
    li.append(text, open);
    return li;
  }

  function render(): void {
    const customer = journey.customer;
    step.hidden = customer === null;
    if (!customer) return;
    list.replaceChildren(...customer.quotes.map(item));
    empty.hidden = customer.quotes.length > 0;
  }
  journey.onCustomer(() => {
    feedback.clear();
    render();
  });
  journey.onQuote(() => {
    for (const li of list.querySelectorAll<HTMLElement>("li"))
      li.classList.toggle("current", li.dataset.id === journey.quote?.id);
  });

  newButton.addEventListener("click", () => {
    feedback.clear();
    journey.open(null);
    revealTop(byId("step-editor"));
  });
}
