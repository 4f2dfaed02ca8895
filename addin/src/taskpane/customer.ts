/**
 * Step 1 of the sales journey: find the customer (search, pick) or create it. The SIREN is checked
 * before sending with the server's own rule (server/src/domain/siren.ts), so a typing mistake is
 * caught beside the field; the server checks it again.
 */

import { validateSiren } from "../../../server/src/domain/siren.js";
import { inLanguage, type Text } from "../../../server/src/domain/text.js";
import { AttemptKeys } from "../api/idempotency.js";
import { CUSTOMER_CATEGORIES, type CustomerCategory, type CustomerSummary } from "../api/operations.js";
import type { App } from "./app.js";
import { byId, option } from "./dom.js";
import { categoryLabel } from "./i18n.js";
import type { Journey } from "./journey.js";
import { LocalProblems } from "./messages.js";
import { Feedback, type FieldProblem, withBusy } from "./view.js";

export function setupCustomerStep(app: App, journey: Journey): void {
  const t = app.t;
  const search = byId<HTMLInputElement>("customer-search");
  const searchButton = byId<HTMLButtonElement>("customer-search-btn");
  const select = byId<HTMLSelectElement>("customer-select");
  const feedback = new Feedback(byId("customer-feedback"));
  const form = byId<HTMLDetailsElement>("new-customer");
  const name = byId<HTMLInputElement>("new-customer-name");
  const category = byId<HTMLSelectElement>("new-customer-category");
  const siren = byId<HTMLInputElement>("new-customer-siren");
  const waiver = byId<HTMLInputElement>("new-customer-waiver");
  const createButton = byId<HTMLButtonElement>("new-customer-create");
  const createFeedback = new Feedback(byId("new-customer-feedback"));
  let found: CustomerSummary[] = [];
  const creations = new AttemptKeys();

  for (const c of CUSTOMER_CATEGORIES) category.append(option(c, categoryLabel(t, c)));
  category.value = "SMALL";

  function fill(list: CustomerSummary[], placeholder: string, keep?: string): void {
    found = list;
    select.replaceChildren(option("", placeholder));
    for (const c of list) {
      const o = option(c.id, c.siren ? `${c.name} (${c.siren})` : c.name);
      o.setAttribute("translate", "no");
      select.append(o);
    }
    if (keep && list.some((c) => c.id === keep)) select.value = keep;
  }
  fill([], t("customerPlaceholder"));

  /** Loads the customer's mandates and quotes and moves the journey to it. */
  async function choose(id: string): Promise<void> {
    if (!id) {
      journey.chooseCustomer(null);
      return;
    }
    journey.chooseCustomer(await app.sales().customerFile(id));
  }

  const doSearch = () =>
    app.act(searchButton, feedback, async () => {
      const list = await app.sales().searchCustomers(search.value);
      fill(list, list.length > 0 ? t("chooseCustomer") : t("noCustomerFound"), select.value);
      if (list.length === 1) {
        select.value = list[0]?.id ?? "";
        await choose(select.value);
        feedback.show("success", t("customerChosen", { name: list[0]?.name ?? "" }));
      } else {
        feedback.show("info", list.length > 0 ? t("customersFound", { count: list.length }) : t("noCustomerFound"));
      }
    });
  searchButton.addEventListener("click", () => void doSearch());
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void doSearch();
    }
  });

  select.addEventListener("change", () => {
    // The list is the control: busy while the customer's file loads.
    void withBusy(searchButton, async () => {
      select.disabled = true;
      feedback.clear();
      try {
        await choose(select.value);
      } catch (error) {
        const explained = app.explain(error);
        feedback.show("error", explained.title, explained.lines);
      } finally {
        select.disabled = false;
      }
    });
  });

  /** The pane's own checks of a new customer, before any request. */
  function localProblems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!name.value.trim()) problems.push({ path: "name", message: t("required") });
    if (siren.value.trim() !== "") {
      const checked = validateSiren(siren.value);
      if (!checked.ok) problems.push({ path: "siren", message: inLanguage(checked.error.message as Text | string, t.lang) });
    }
    return problems;
  }

  createButton.addEventListener("click", () => {
    void app.act(
      createButton,
      createFeedback,
      async () => {
        const problems = localProblems();
        if (problems.length > 0) throw new LocalProblems(problems);
        const input = {
          name: name.value.trim(),
          category: category.value as CustomerCategory,
          siren: siren.value.replace(/\s+/g, "") || null,
          waiverSignedOn: waiver.value || null,
        };
        // A retry after a lost answer sends the same key: the customer is created once.
        const created = await creations.attempt(input, (idempotencyKey) =>
          app.sales().createCustomer({ ...input, idempotencyKey }),
        );
        fill([created, ...found.filter((c) => c.id !== created.id)], t("chooseCustomer"), created.id);
        journey.chooseCustomer({ ...created, sepaMandates: [], quotes: [] });
        for (const input of [name, siren, waiver]) input.value = "";
        // The form folds away: the result shows under the customer list, where the eye goes next.
        form.open = false;
        feedback.show("success", t("customerCreated", { name: created.name }));
      },
      { fields: form },
    );
  });

  app.onConnected(() => {
    fill([], t("customerPlaceholder"));
    feedback.clear();
    journey.chooseCustomer(null);
  });
}
