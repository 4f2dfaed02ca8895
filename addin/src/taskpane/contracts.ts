/**
 * Step 6: what signing created: one contract per line with its commitment end and the notice
 * deadline to watch, and the porting requests with their legal deadlines; written to the quote
 * sheet with the quote.
 */
import type { Contract, PortingRequest } from "../api/operations.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { formatCents } from "../shared/money.js";
import type { App } from "./app.js";
import { byId, data, el } from "./dom.js";
import { contractStatusLabel, directionLabel, numberKindLabel, portingStatusLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { contractNoticeDeadline, writeQuoteToSheet } from "./quote-sheet-writer.js";
import { Feedback } from "./view.js";

export function setupContractsStep(app: App, journey: Journey): void {
  const t = app.t;
  const step = byId("step-contracts");
  const list = byId<HTMLUListElement>("contract-list");
  const writeButton = byId<HTMLButtonElement>("contracts-write");
  const feedback = new Feedback(byId("contracts-feedback"));
  const date = (iso: string | null) => formatIsoForDisplay(iso, app.lang);

  function porting(request: PortingRequest): HTMLLIElement {
    return el(
      "li",
      "porting",
      t("portingSummary", {
        number: request.number,
        kind: numberKindLabel(t, request.kind),
        direction: directionLabel(t, request.direction),
        status: portingStatusLabel(t, request.status),
        deadline: date(request.legalDeadline),
      }),
    );
  }

  function item(contract: Contract): HTMLLIElement {
    const li = el("li", "contract");
    li.dataset.id = contract.id;
    const head = el("div");
    head.append(
      data("span", contract.offer.name, "offer"),
      document.createTextNode(
        ` ${t("contractSummary", { quantity: contract.quantity, monthly: formatCents(contract.monthlyAmountCents, app.lang) })} · `,
      ),
      el("span", "badge", contractStatusLabel(t, contract.status)),
    );
    const dates = el(
      "div",
      "detail",
      t("contractDates", {
        start: date(contract.startDate),
        end: date(contract.commitment.initialTermEnd),
        deadline: date(contractNoticeDeadline(contract)),
      }),
    );
    li.append(head, dates);
    const requests = contract.portingRequests;
    if (requests.length > 0) {
      const sub = el("ul", "porting-list");
      sub.append(...requests.map(porting));
      li.append(sub);
    }
    return li;
  }

  journey.onQuote(() => {
    const quote = journey.editing ? journey.quote : null;
    const contracts = quote?.status === "SIGNED" ? quote.contracts : [];
    step.hidden = contracts.length === 0;
    list.replaceChildren(...contracts.map(item));
    if (contracts.length === 0) feedback.clear();
  });

  writeButton.addEventListener("click", () => {
    void app.act(writeButton, feedback, async () => {
      const quote = journey.quote;
      if (!quote) return;
      const sheet = await writeQuoteToSheet(app, quote);
      feedback.show("success", t("contractsWritten", { sheet }));
    });
  });
}
