/**
 * Renewal schedule (finance): dates and filters → every renewal event, page by page, into one
 * Excel table; "Refresh" rewrites the same table. Progress and Cancel cover both the download and
 * the chunked write.
 */
import { ApiError } from "../api/client.js";
import { SERVICE_FAMILIES, type ServiceFamily } from "../api/operations.js";
import { fetchRenewalSchedule } from "../api/schedule.js";
import { renewalRowCells, writeRenewalSheet } from "../excel/renewal-sheet.js";
import { addDays, isIsoDate, todayInParis } from "../shared/dates.js";
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

  load.addEventListener("click", () => {
    void withBusy(load, async () => {
      app.clearMessage();
      if (!isIsoDate(from.value) || !isIsoDate(to.value)) {
        markInvalid(panel, []);
        from.toggleAttribute("aria-invalid", !isIsoDate(from.value));
        to.toggleAttribute("aria-invalid", !isIsoDate(to.value));
        app.show(t("datesRequired"), "error");
        return;
      }
      markInvalid(panel, []);
      controller = new AbortController();
      const signal = controller.signal;
      cancel.disabled = false;
      try {
        const families = [...familiesBox.querySelectorAll<HTMLInputElement>("input:checked")].map(
          (b) => b.value as ServiceFamily,
        );
        setProgress(0, 1, t("loading", { loaded: 0, total: "…" }));
        const events = await fetchRenewalSchedule(
          app.client(),
          { from: from.value, to: to.value, families, customerId: customer.value || null },
          { signal, onPage: (loaded, total) => setProgress(loaded, total, t("loading", { loaded, total })) },
        );
        const rows = events.map((e) => renewalRowCells(e, (f) => familyLabel(t, f)));
        setProgress(0, rows.length, t("writing", { written: 0, total: rows.length }));
        const result = await app.excel((context) =>
          writeRenewalSheet(context, rows, renewalSheetLabels(t), {
            sheetName: t("renewalSheet"),
            signal,
            onProgress: (written, total) => setProgress(written, total, t("writing", { written, total })),
          }),
        );
        if (result.cancelled) app.show(t("scheduleCancelled"), "info");
        else {
          app.show(t("scheduleWritten", { count: result.rowsWritten, sheet: result.sheetName }), "success");
          load.textContent = t("refreshSchedule");
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
  });
}
