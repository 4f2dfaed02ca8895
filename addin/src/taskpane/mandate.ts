/**
 * Step 2: the customer's SEPA mandates (signing a quote needs an active one). The list shows the
 * IBAN as the server returns it (masked for sales staff); a new mandate is registered with the
 * server's checks (IBAN, BIC, RUM, date), whose refusals appear beside the fields.
 */
import { AttemptKeys } from "../api/idempotency.js";
import { SEPA_SCHEMES, type SepaMandate, type SepaScheme } from "../api/operations.js";
import { formatIsoForDisplay, todayInParis } from "../shared/dates.js";
import type { App } from "./app.js";
import { byId, data, el, option } from "./dom.js";
import { mandateStatusLabel, schemeLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { LocalProblems } from "./messages.js";
import { Feedback, type FieldProblem } from "./view.js";

export function setupMandateStep(app: App, journey: Journey): void {
  const t = app.t;
  const step = byId("step-mandate");
  const list = byId<HTMLUListElement>("mandate-list");
  const none = byId("mandate-none");
  const form = byId<HTMLDetailsElement>("new-mandate");
  const inputs = {
    iban: byId<HTMLInputElement>("mandate-iban"),
    bic: byId<HTMLInputElement>("mandate-bic"),
    reference: byId<HTMLInputElement>("mandate-reference"),
    signedOn: byId<HTMLInputElement>("mandate-signed-on"),
  };
  const scheme = byId<HTMLSelectElement>("mandate-scheme");
  const register = byId<HTMLButtonElement>("mandate-register");
  const feedback = new Feedback(byId("mandate-feedback"));
  const registrations = new AttemptKeys();

  for (const s of SEPA_SCHEMES) scheme.append(option(s, schemeLabel(t, s)));
  inputs.signedOn.value = todayInParis();

  function item(mandate: SepaMandate): HTMLLIElement {
    const li = el("li", `mandate status-${mandate.status.toLowerCase()}`);
    li.dataset.id = mandate.id;
    const head = el("div");
    head.append(
      data("span", mandate.reference, "ref"),
      document.createTextNode(" · "),
      el("span", "badge", mandateStatusLabel(t, mandate.status)),
    );
    const detail = el("div", "detail");
    detail.append(
      data("span", mandate.iban, "iban"),
      document.createTextNode(
        ` · ${mandate.scheme} · ${t("mandateSignedOn")} ${formatIsoForDisplay(mandate.signedOn, app.lang)}`,
      ),
    );
    li.append(head, detail);
    return li;
  }

  function render(): void {
    const customer = journey.customer;
    step.hidden = customer === null;
    if (!customer) return;
    list.replaceChildren(...customer.sepaMandates.map(item));
    none.hidden = customer.sepaMandates.length > 0;
    // No mandate yet: the form is the next thing to do, so it opens.
    form.open = customer.sepaMandates.length === 0;
  }
  let shownFor: string | null = null;
  journey.onCustomer(() => {
    // A new customer starts with a clean form; the same customer keeps what was typed.
    if (journey.customer?.id !== shownFor) {
      shownFor = journey.customer?.id ?? null;
      for (const input of [inputs.iban, inputs.bic, inputs.reference]) input.value = "";
      feedback.clear();
    }
    render();
  });

  register.addEventListener("click", () => {
    void app.act(
      register,
      feedback,
      async () => {
        const customer = journey.customer;
        if (!customer) return;
        const problems: FieldProblem[] = [];
        for (const [path, input] of Object.entries(inputs)) {
          if (!input.value.trim()) problems.push({ path, message: t("required") });
        }
        if (problems.length > 0) throw new LocalProblems(problems);
        const input = {
          customerId: customer.id,
          iban: inputs.iban.value.trim(),
          bic: inputs.bic.value.trim(),
          reference: inputs.reference.value.trim(),
          signedOn: inputs.signedOn.value,
          scheme: scheme.value as SepaScheme,
        };
        // A retry after a lost answer sends the same key: the mandate is registered once.
        const mandate = await registrations.attempt(input, (idempotencyKey) =>
          app.sales().registerMandate({ ...input, idempotencyKey }),
        );
        for (const input of [inputs.iban, inputs.bic, inputs.reference]) input.value = "";
        journey.mandateAdded(mandate);
        // The list above now holds it; the message stays under the button pressed.
        form.open = true;
        feedback.show("success", t("mandateRegistered", { reference: mandate.reference }));
      },
      { fields: form },
    );
  });
}
