/**
 * Quote builder (sales): pick or create a customer, edit lines, save (the server prices
 * everything), write the quote sheet, read edited quantities and prices back from it.
 */
import { ApiError } from "../api/client.js";
import {
  CREATE_CUSTOMER,
  CREATE_QUOTE,
  type CreateCustomerResult,
  type CreateQuoteResult,
  CUSTOMER_CATEGORIES,
  type CustomerCategory,
  type CustomerSummary,
  type Offer,
  type PortingDirection,
  QUOTE,
  type Quote,
  type QuoteLineInput,
  type QuoteResult,
  UPDATE_QUOTE,
  type UpdateQuoteResult,
} from "../api/operations.js";
import { describeChange, type QuoteSheetReview, reviewQuoteSheet } from "../excel/quote-review.js";
import { QuoteSheetError, readQuoteSheet, writeQuoteSheet } from "../excel/quote-sheet.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { centsToInput, formatCents, MoneyFormatError, parseEurosToCents } from "../shared/money.js";
import type { App } from "./app.js";
import { byId, markInvalid, option, withBusy } from "./dom.js";
import { categoryLabel, fieldLabel, type MessageKey, quoteSheetLabels } from "./i18n.js";
import { quoteToSheetData } from "./quote-model.js";

/** Office's editing language (text dates in cells follow it), or the browser's outside Office. */
function officeLocale(): string | null {
  try {
    const office = (globalThis as { Office?: typeof Office }).Office;
    return office?.context?.contentLanguage ?? office?.context?.displayLanguage ?? navigator.language ?? null;
  } catch {
    return null;
  }
}

interface Problem {
  path: string;
  message: string;
}

/** The quote as the server last returned it (null: not saved yet). */
let current: Quote | null = null;

function parseWholeNumber(raw: string, min: number): number | null {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

function splitNumbers(raw: string): string[] {
  return raw
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter((n) => n !== "");
}

export async function setupQuote(app: App): Promise<void> {
  const t = app.t;
  const search = byId<HTMLInputElement>("customer-search");
  const select = byId<HTMLSelectElement>("customer-select");
  const linesBox = byId("lines");
  const template = byId<HTMLTemplateElement>("line-template");
  const summary = byId("quote-summary");
  const panel = byId("panel-quote");
  let customers: CustomerSummary[] = [];

  const categorySelect = byId<HTMLSelectElement>("new-customer-category");
  for (const c of CUSTOMER_CATEGORIES) categorySelect.append(option(c, categoryLabel(t, c)));
  categorySelect.value = "SMALL";

  function fillCustomers(list: CustomerSummary[], keep?: string, searched = true): void {
    customers = list;
    select.replaceChildren(
      option("", !searched ? t("customerPlaceholder") : list.length > 0 ? t("chooseCustomer") : t("noCustomerFound")),
    );
    for (const c of list) select.append(option(c.id, c.siren ? `${c.name} (${c.siren})` : c.name));
    if (keep && list.some((c) => c.id === keep)) select.value = keep;
  }
  fillCustomers([], undefined, false);

  // --- lines ------------------------------------------------------------------------------
  const lineElements = () => [...linesBox.querySelectorAll<HTMLFieldSetElement>(".quote-line")];
  const field = <T extends HTMLElement>(line: HTMLElement, name: string) => line.querySelector(`[name="${name}"]`) as T;

  function renumber(): void {
    lineElements().forEach((line, i) => {
      (line.querySelector(".line-title") as HTMLElement).textContent = t("line", { n: i + 1 });
    });
  }

  function applyOffer(line: HTMLElement, offers: Offer[], prefillTerms: boolean): void {
    const offer = offers.find((o) => o.code === field<HTMLSelectElement>(line, "offer").value);
    const initial = field<HTMLInputElement>(line, "initialTerm");
    const renewal = field<HTMLInputElement>(line, "renewalTerm");
    if (prefillTerms) {
      initial.value = offer?.initialTermMonths != null ? String(offer.initialTermMonths) : "";
      renewal.value = offer?.renewalTermMonths != null ? String(offer.renewalTermMonths) : "";
    }
    // BACKUP publishes no terms: they must be typed per line.
    const needsTerms = !!offer && (offer.initialTermMonths == null || offer.renewalTermMonths == null);
    initial.required = needsTerms;
    renewal.required = needsTerms;
    (line.querySelector(".term-hint") as HTMLElement).hidden = !needsTerms;
  }

  function addLine(offers: Offer[], prefill?: Quote["lines"][number]): HTMLElement {
    const line = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
    for (const el of line.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n as MessageKey);
    const offerSelect = field<HTMLSelectElement>(line, "offer");
    for (const o of offers) offerSelect.append(option(o.code, `${o.name} (${o.code})`));
    const direction = field<HTMLSelectElement>(line, "portingDirection");
    const numbersBox = line.querySelector(".porting-numbers") as HTMLElement;
    offerSelect.addEventListener("change", () => applyOffer(line, offers, true));
    direction.addEventListener("change", () => {
      numbersBox.hidden = direction.value === "";
    });
    line.querySelector(".remove-line")?.addEventListener("click", () => {
      line.remove();
      renumber();
    });
    linesBox.append(line);
    if (prefill) {
      offerSelect.value = prefill.offer.code;
      applyOffer(line, offers, false);
      field<HTMLInputElement>(line, "quantity").value = String(prefill.quantity);
      field<HTMLInputElement>(line, "unitPrice").value = centsToInput(prefill.monthlyUnitPriceCents, app.lang);
      field<HTMLInputElement>(line, "setupFee").value = centsToInput(prefill.setupFeeCents, app.lang);
      field<HTMLInputElement>(line, "initialTerm").value = String(prefill.initialTermMonths);
      field<HTMLInputElement>(line, "renewalTerm").value = String(prefill.renewalTermMonths);
      field<HTMLInputElement>(line, "startDate").value = prefill.startDate ?? "";
      direction.value = prefill.portingDirection ?? "";
      numbersBox.hidden = direction.value === "";
      field<HTMLTextAreaElement>(line, "portingNumbers").value = prefill.portingNumbers.join("\n");
    } else {
      applyOffer(line, offers, true);
    }
    renumber();
    return line;
  }

  /** The lines as QuoteLineInput, or the problems found before asking the server. */
  function readLines(offers: Offer[]): { lines: QuoteLineInput[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const lines: QuoteLineInput[] = [];
    lineElements().forEach((line, i) => {
      const at = (name: string) => `lines[${i}].${name}`;
      const offerCode = field<HTMLSelectElement>(line, "offer").value;
      const offer = offers.find((o) => o.code === offerCode);
      if (!offer) problems.push({ path: at("offerCode"), message: t("chooseOffer") });
      const quantity = parseWholeNumber(field<HTMLInputElement>(line, "quantity").value, 1);
      if (quantity === null) problems.push({ path: at("quantity"), message: t("mustBePositiveInt", { min: 1 }) });
      const money = (path: string, raw: string): number => {
        try {
          return parseEurosToCents(raw);
        } catch (error) {
          problems.push({ path: at(path), message: error instanceof MoneyFormatError ? error.message : String(error) });
          return 0;
        }
      };
      const unit = money("monthlyUnitPriceCents", field<HTMLInputElement>(line, "unitPrice").value);
      const setup = money("setupFeeCents", field<HTMLInputElement>(line, "setupFee").value || "0");
      const terms = (name: string, path: string, min: number): number | null => {
        const raw = field<HTMLInputElement>(line, name).value;
        const required = field<HTMLInputElement>(line, name).required;
        if (raw.trim() === "") {
          if (required) problems.push({ path: at(path), message: t("termRequired") });
          return null;
        }
        const n = parseWholeNumber(raw, min);
        if (n === null) problems.push({ path: at(path), message: t("mustBePositiveInt", { min }) });
        return n;
      };
      const initialTermMonths = terms("initialTerm", "initialTermMonths", 1);
      const renewalTermMonths = terms("renewalTerm", "renewalTermMonths", 0);
      const direction = field<HTMLSelectElement>(line, "portingDirection").value as PortingDirection | "";
      const numbers = direction ? splitNumbers(field<HTMLTextAreaElement>(line, "portingNumbers").value) : [];
      if (direction && numbers.length === 0)
        problems.push({ path: at("portingNumbers"), message: t("mustBePositiveInt", { min: 1 }) });
      lines.push({
        offerCode,
        quantity: quantity ?? 0,
        monthlyUnitPriceCents: unit,
        setupFeeCents: setup,
        initialTermMonths,
        renewalTermMonths,
        startDate: field<HTMLInputElement>(line, "startDate").value || null,
        portingDirection: direction || null,
        portingNumbers: direction ? numbers : [],
      });
    });
    if (lines.length === 0) problems.push({ path: "lines", message: t("noLines") });
    return { lines, problems };
  }

  function showProblems(problems: Problem[]): void {
    markInvalid(
      panel,
      problems.map((p) => p.path),
    );
    app.show([t("errBadInput"), ...problems.map((p) => `• ${fieldLabel(t, p.path)} : ${p.message}`)].join("\n"), "error");
  }

  function renderQuote(quote: Quote): void {
    current = quote;
    summary.hidden = false;
    const heading = document.createElement("p");
    heading.className = "quote-heading";
    heading.textContent = t("quoteSummary", { id: quote.id, version: quote.version, status: quote.status });
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
    summary.replaceChildren(heading, table);
    // Each line shows what the server computed for it.
    const sorted = [...quote.lines].sort((a, b) => a.position - b.position);
    lineElements().forEach((line, i) => {
      const l = sorted[i];
      const box = line.querySelector(".line-result") as HTMLElement;
      box.textContent = l
        ? `${t("monthly")} ${formatCents(l.monthlyCents, app.lang)} · ${t("commitmentEnd")} ${formatIsoForDisplay(l.commitmentEnd, app.lang)} · ${t("noticeDeadline")} ${formatIsoForDisplay(l.noticeDeadline, app.lang)}`
        : "";
    });
  }

  async function rebuildFrom(quote: Quote): Promise<void> {
    const offers = await app.offers();
    linesBox.replaceChildren();
    for (const l of [...quote.lines].sort((a, b) => a.position - b.position)) addLine(offers, l);
    if (!customers.some((c) => c.id === quote.customer.id)) fillCustomers([quote.customer, ...customers], quote.customer.id);
    select.value = quote.customer.id;
    renderQuote(quote);
  }

  // --- events -----------------------------------------------------------------------------
  const searchButton = byId<HTMLButtonElement>("customer-search-btn");
  const doSearch = () =>
    withBusy(searchButton, async () => {
      try {
        app.clearMessage();
        fillCustomers(await app.searchCustomers(search.value), select.value);
        if (customers.length === 1) select.value = customers[0]?.id ?? "";
        if (customers.length === 0) app.show(t("noCustomerFound"));
      } catch (error) {
        app.fail(error);
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
    // Another customer means another quote.
    if (current && current.customer.id !== select.value) {
      current = null;
      summary.hidden = true;
    }
  });

  const createButton = byId<HTMLButtonElement>("new-customer-create");
  createButton.addEventListener("click", () => {
    void withBusy(createButton, async () => {
      app.clearMessage();
      const name = byId<HTMLInputElement>("new-customer-name").value.trim();
      const siren = byId<HTMLInputElement>("new-customer-siren").value.replace(/\s+/g, "");
      const waiver = byId<HTMLInputElement>("new-customer-waiver").value;
      if (!name) {
        showProblems([{ path: "name", message: t("required") }]);
        return;
      }
      try {
        const { createCustomer } = await app.client().request<CreateCustomerResult>(CREATE_CUSTOMER, {
          input: {
            name,
            category: categorySelect.value as CustomerCategory,
            siren: siren || null,
            waiverSignedOn: waiver || null,
          },
        });
        fillCustomers([createCustomer, ...customers.filter((c) => c.id !== createCustomer.id)], createCustomer.id);
        select.value = createCustomer.id;
        select.dispatchEvent(new Event("change"));
        (byId("new-customer") as HTMLDetailsElement).open = false;
        markInvalid(panel, []);
        app.show(t("customerCreated", { name: createCustomer.name }), "success");
      } catch (error) {
        if (error instanceof ApiError)
          markInvalid(
            panel,
            error.fields.map((f) => f.field.replace(/^input\./, "")),
          );
        app.fail(error);
      }
    });
  });

  const addButton = byId<HTMLButtonElement>("add-line");
  addButton.addEventListener("click", () => {
    void withBusy(addButton, async () => {
      try {
        addLine(await app.offers());
      } catch (error) {
        app.fail(error);
      }
    });
  });

  const saveButton = byId<HTMLButtonElement>("quote-save");
  saveButton.addEventListener("click", () => {
    void withBusy(saveButton, async () => {
      app.clearMessage();
      try {
        const offers = await app.offers();
        const customerId = select.value;
        const { lines, problems } = readLines(offers);
        if (!customerId) problems.unshift({ path: "customerId", message: t("chooseCustomer") });
        if (problems.length > 0) {
          showProblems(problems);
          return;
        }
        markInvalid(panel, []);
        const quote = current
          ? (
              await app.client().request<UpdateQuoteResult>(UPDATE_QUOTE, {
                input: { quoteId: current.id, expectedVersion: current.version, lines },
              })
            ).updateQuote
          : (await app.client().request<CreateQuoteResult>(CREATE_QUOTE, { input: { customerId, lines } })).createQuote;
        renderQuote(quote);
        app.show(t("quoteSaved", { id: quote.id, version: quote.version }), "success");
      } catch (error) {
        if (error instanceof ApiError && error.kind === "BAD_USER_INPUT")
          markInvalid(
            panel,
            error.fields.map((f) => f.field.replace(/^input\./, "")),
          );
        app.fail(error);
      }
    });
  });

  const writeButton = byId<HTMLButtonElement>("quote-write");
  writeButton.addEventListener("click", () => {
    void withBusy(writeButton, async () => {
      app.clearMessage();
      if (!current) {
        app.show(t("saveFirst"), "error");
        return;
      }
      const quote = current;
      try {
        const result = await app.excel((context) => writeQuoteSheet(context, quoteToSheetData(quote), quoteSheetLabels(t)));
        app.show(t("quoteWritten", { sheet: result.sheetName }), "success");
      } catch (error) {
        app.fail(error);
      }
    });
  });

  // Read-back in two steps: what changed is shown first, saved only when confirmed.
  const readButton = byId<HTMLButtonElement>("quote-read");
  const confirmButton = document.createElement("button");
  confirmButton.type = "button";
  confirmButton.id = "quote-read-save";
  confirmButton.textContent = t("sheetChangesSave");
  confirmButton.hidden = true;
  readButton.after(confirmButton);
  let pending: QuoteSheetReview | null = null;

  readButton.addEventListener("click", () => {
    void withBusy(readButton, async () => {
      app.clearMessage();
      pending = null;
      confirmButton.hidden = true;
      try {
        const labels = quoteSheetLabels(t);
        const reading = await app.excel((context) => readQuoteSheet(context, labels));
        const { quote } = await app.client().request<QuoteResult>(QUOTE, { id: reading.quoteId });
        if (!quote)
          throw new ApiError("BAD_USER_INPUT", "quote not found", [{ field: "quoteId", message: `no quote ${reading.quoteId}` }]);
        const review = reviewQuoteSheet(reading, quote, officeLocale());
        if (review.problems.length > 0) throw new QuoteSheetError(review.problems);
        if (review.changes.length === 0) {
          app.show(t("sheetNoChange"), "info");
          return;
        }
        pending = review;
        confirmButton.hidden = false;
        app.show(
          [
            t("sheetChangesTitle"),
            ...review.changes.map((c) => `• ${describeChange(c, app.lang, labels.columns[c.column])}`),
          ].join("\n"),
          "info",
        );
      } catch (error) {
        app.fail(error);
      }
    });
  });

  confirmButton.addEventListener("click", () => {
    void withBusy(confirmButton, async () => {
      const review = pending;
      if (!review) return;
      try {
        // The sheet's version, not the server's: if someone saved meanwhile, CONFLICT says so.
        const { updateQuote } = await app.client().request<UpdateQuoteResult>(UPDATE_QUOTE, {
          input: { quoteId: review.quoteId, expectedVersion: review.version, lines: review.lines },
        });
        pending = null;
        confirmButton.hidden = true;
        await rebuildFrom(updateQuote);
        await app.excel((context) => writeQuoteSheet(context, quoteToSheetData(updateQuote), quoteSheetLabels(t)));
        app.show(t("quoteReadBack", { version: updateQuote.version }), "success");
      } catch (error) {
        app.fail(error);
      }
    });
  });

  app.onConnected(() => {
    current = null;
    summary.hidden = true;
    linesBox.replaceChildren();
    fillCustomers([], undefined, false);
  });
}
