/**
 * Renewal schedule (finance): dates and filters → every renewal event, page by page, into one Excel
 * table, with finance's summary beside it. The pull (window and filters) is recorded with the
 * table, so **Actualiser** repeats exactly that pull, also after the workbook was closed and
 * reopened; **Charger** makes a new pull from the form. Progress and Cancel cover the download and
 * the chunked write; a cancelled or failed refresh leaves the previous rows as they were.
 */
import { ApiError } from "../api/client.js";
import { SERVICE_FAMILIES, type ServiceFamily } from "../api/operations.js";
import { fetchRenewalSchedule } from "../api/schedule.js";
import { type RenewalPull, readRenewalPull, writeRenewalSheet } from "../excel/renewal-sheet.js";
import { addDays, formatIsoForDisplay, isIsoDate, todayInParis } from "../shared/dates.js";
import type { App } from "./app.js";
import { byId, markInvalid, option, withBusy } from "./dom.js";
import { familyLabel, renewalSheetLabels } from "./i18n.js";

export function setupRenewals(app: App): void {
  const t = app.t;
  const from = byId<HTMLInputElement>("renewal-from");
  const to = byId<HTMLInputElement>("renewal-to");
  const familiesBox = byId("renewal-families");
  const customer = byId<HTMLSelectElement>("renewal-customer");
  const customerSearch = byId<HTMLInputElement>("renewal-customer-search");
  const load = byId<HTMLButtonElement>("renewal-load");
  const cancel = byId<HTMLButtonElement>("renewal-cancel");
  const progressBox = byId("renewal-progress-box");
  const progress = byId<HTMLProgressElement>("renewal-progress");
  const progressText = byId("renewal-progress-text");
  const panel = byId("panel-renewals");
  let controller: AbortController | null = null;
  let stored: RenewalPull | null = null;

  // Refresh repeats the pull recorded with the table (shown on the button).
  const refresh = document.createElement("button");
  refresh.type = "button";
  refresh.id = "renewal-refresh";
  refresh.hidden = true;
  load.after(refresh);

  const today = todayInParis();
  from.value = today;
  to.value = addDays(today, 365);
  for (const family of SERVICE_FAMILIES) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = "family";
    box.value = family;
    label.append(box, document.createTextNode(familyLabel(t, family)));
    familiesBox.append(label);
  }
  customer.replaceChildren(option("", t("allCustomers")));

  function showStored(pull: RenewalPull | null): void {
    stored = pull;
    refresh.hidden = pull === null;
    if (!pull) return;
    const filters =
      (pull.customerName ? t("pullCustomer", { name: pull.customerName }) : "") +
      (pull.families.length > 0 ? t("pullFamilies", { count: pull.families.length }) : "");
    refresh.textContent = t("refreshPull", {
      from: formatIsoForDisplay(pull.from, app.lang),
      to: formatIsoForDisplay(pull.to, app.lang),
      filters,
    });
  }

  /** The pull recorded in the workbook, if the pane runs in Excel and the workbook has one. */
  async function loadStored(): Promise<void> {
    try {
      showStored(await app.excel((context) => readRenewalPull(context)));
    } catch {
      showStored(null); // outside Excel, or no schedule yet
    }
  }
  void loadStored();

  const searchButton = byId<HTMLButtonElement>("renewal-customer-search-btn");
  const doSearch = () =>
    withBusy(searchButton, async () => {
      try {
        app.clearMessage();
        const found = await app.searchCustomers(customerSearch.value);
        customer.replaceChildren(option("", t("allCustomers")), ...found.map((c) => option(c.id, c.name)));
        if (found.length === 1) customer.value = found[0]?.id ?? "";
        if (found.length === 0) app.show(t("noCustomerFound"));
      } catch (error) {
        app.fail(error);
      }
    });
  searchButton.addEventListener("click", () => void doSearch());
  customerSearch.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void doSearch();
    }
  });

  function setProgress(done: number, total: number, text: string): void {
    progressBox.hidden = false;
    progress.max = Math.max(total, 1);
    progress.value = Math.min(done, progress.max);
    progressText.textContent = text;
  }

  cancel.addEventListener("click", () => controller?.abort());

  /** The pull the form describes, or null (and the fields marked) when the dates are missing. */
  function formPull(): RenewalPull | null {
    markInvalid(panel, []);
    if (!isIsoDate(from.value) || !isIsoDate(to.value)) {
      from.toggleAttribute("aria-invalid", !isIsoDate(from.value));
      to.toggleAttribute("aria-invalid", !isIsoDate(to.value));
      app.show(t("datesRequired"), "error");
      return null;
    }
    const families = [...familiesBox.querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value);
    const id = customer.value || null;
    return {
      from: from.value,
      to: to.value,
      families,
      customerId: id,
      customerName: id ? (customer.selectedOptions[0]?.textContent ?? null) : null,
    };
  }

  async function run(button: HTMLButtonElement, pull: RenewalPull): Promise<void> {
    await withBusy(button, async () => {
      app.clearMessage();
      controller = new AbortController();
      const signal = controller.signal;
      cancel.disabled = false;
      try {
        setProgress(0, 1, t("loading", { loaded: 0, total: "…" }));
        const events = await fetchRenewalSchedule(
          app.client(),
          { from: pull.from, to: pull.to, families: pull.families as ServiceFamily[], customerId: pull.customerId },
          { signal, onPage: (loaded, total) => setProgress(loaded, total, t("loading", { loaded, total })) },
        );
        setProgress(0, events.length, t("writing", { written: 0, total: events.length }));
        const result = await app.excel((context) =>
          writeRenewalSheet(context, events, renewalSheetLabels(t), {
            pull,
            signal,
            onProgress: (written, total) => setProgress(written, total, t("writing", { written, total })),
          }),
        );
        if (result.cancelled) app.show(t("scheduleCancelled"), "info");
        else {
          app.show(t("scheduleWritten", { count: result.rowsWritten, sheet: result.sheetName }), "success");
          showStored(pull);
        }
      } catch (error) {
        if (error instanceof ApiError && error.kind === "BAD_USER_INPUT") {
          for (const f of error.fields)
            (f.field === "from" ? from : f.field === "to" ? to : null)?.setAttribute("aria-invalid", "true");
        }
        app.fail(error);
      } finally {
        cancel.disabled = true;
        controller = null;
        progressBox.hidden = true;
      }
    });
  }

  load.addEventListener("click", () => {
    const pull = formPull();
    if (pull) void run(load, pull);
  });

  refresh.addEventListener("click", () => {
    if (!stored) return;
    // The form shows what is being repeated.
    from.value = stored.from;
    to.value = stored.to;
    for (const box of familiesBox.querySelectorAll<HTMLInputElement>("input")) box.checked = stored.families.includes(box.value);
    if (stored.customerId && ![...customer.options].some((o) => o.value === stored?.customerId)) {
      customer.append(option(stored.customerId, stored.customerName ?? stored.customerId));
    }
    customer.value = stored.customerId ?? "";
    void run(refresh, stored);
  });

  app.onConnected(() => void loadStored());
}
