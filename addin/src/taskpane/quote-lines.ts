/**
 * The quote's lines as a form: one fieldset per line (offer, quantity, prices, terms, start date,
 * porting), filled from a saved quote or from the offer's terms, read back as QuoteLineInput with
 * the pane's own checks (whole numbers, euro amounts, terms the offer does not publish).
 */

import { inLanguage } from "../../../server/src/domain/text.js";
import type { Offer, PortingDirection, QuoteLine, QuoteLineInput } from "../api/operations.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { centsToInput, formatCents, MoneyFormatError, parseEurosToCents } from "../shared/money.js";
import { byId, option, translateTree } from "./dom.js";
import type { Translate } from "./i18n.js";
import type { FieldProblem } from "./view.js";

function parseWholeNumber(raw: string, min: number): number | null {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/**
 * The numbers to port, one per line (or separated by commas), each optionally followed by
 * `; RIO` (required by the server for mobile numbers ported in): numbers and RIOs in the same order.
 */
export function parsePortingEntries(raw: string): { numbers: string[]; rios: Array<string | null> } {
  const numbers: string[] = [];
  const rios: Array<string | null> = [];
  for (const entry of raw.split(/[\n,]+/)) {
    const [number = "", rio = ""] = entry.split(";").map((part) => part.trim());
    if (number === "") continue;
    numbers.push(number);
    rios.push(rio === "" ? null : rio);
  }
  return { numbers, rios };
}

/** The textarea's text for saved numbers and RIOs. */
export function formatPortingEntries(numbers: string[], rios: Array<string | null>): string {
  return numbers.map((n, i) => (rios[i] ? `${n} ; ${rios[i]}` : n)).join("\n");
}

export class QuoteLinesForm {
  private readonly box = byId("lines");
  private readonly template = byId<HTMLTemplateElement>("line-template");
  /** Called on any edit of a line (the editor tracks unsaved changes). */
  onEdit: () => void = () => undefined;

  constructor(private readonly t: Translate) {}

  elements(): HTMLFieldSetElement[] {
    return [...this.box.querySelectorAll<HTMLFieldSetElement>(".quote-line")];
  }

  private field<T extends HTMLElement>(line: HTMLElement, name: string): T {
    return line.querySelector(`[name="${name}"]`) as T;
  }

  clear(): void {
    this.box.replaceChildren();
  }

  private renumber(): void {
    this.elements().forEach((line, i) => {
      (line.querySelector(".line-title") as HTMLElement).textContent = this.t("line", { n: i + 1 });
    });
  }

  private applyOffer(line: HTMLElement, offers: Offer[], prefillTerms: boolean): void {
    const offer = offers.find((o) => o.code === this.field<HTMLSelectElement>(line, "offer").value);
    const initial = this.field<HTMLInputElement>(line, "initialTerm");
    const renewal = this.field<HTMLInputElement>(line, "renewalTerm");
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

  /** Adds a line, empty (terms from the offer) or filled from a saved one. */
  add(offers: Offer[], prefill?: QuoteLine): HTMLElement {
    const t = this.t;
    const line = (this.template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
    translateTree(line, t);
    const offerSelect = this.field<HTMLSelectElement>(line, "offer");
    offerSelect.append(option("", t("chooseOffer")));
    for (const o of offers) {
      const item = option(o.code, `${o.name} (${o.code})`);
      item.setAttribute("translate", "no");
      offerSelect.append(item);
    }
    const direction = this.field<HTMLSelectElement>(line, "portingDirection");
    const numbersBox = line.querySelector(".porting-numbers") as HTMLElement;
    offerSelect.addEventListener("change", () => this.applyOffer(line, offers, true));
    direction.addEventListener("change", () => {
      numbersBox.hidden = direction.value === "";
    });
    line.addEventListener("input", () => this.onEdit());
    line.addEventListener("change", () => this.onEdit());
    line.querySelector(".remove-line")?.addEventListener("click", () => {
      line.remove();
      this.renumber();
      this.onEdit();
    });
    this.box.append(line);
    if (prefill) {
      const lang = t.lang;
      offerSelect.value = prefill.offer.code;
      this.applyOffer(line, offers, false);
      this.field<HTMLInputElement>(line, "quantity").value = String(prefill.quantity);
      this.field<HTMLInputElement>(line, "unitPrice").value = centsToInput(prefill.monthlyUnitPriceCents, lang);
      this.field<HTMLInputElement>(line, "setupFee").value = centsToInput(prefill.setupFeeCents, lang);
      this.field<HTMLInputElement>(line, "initialTerm").value = String(prefill.initialTermMonths);
      this.field<HTMLInputElement>(line, "renewalTerm").value = String(prefill.renewalTermMonths);
      this.field<HTMLInputElement>(line, "startDate").value = prefill.startDate ?? "";
      direction.value = prefill.portingDirection ?? "";
      numbersBox.hidden = direction.value === "";
      this.field<HTMLTextAreaElement>(line, "portingNumbers").value = formatPortingEntries(
        prefill.portingNumbers,
        prefill.portingRios,
      );
    } else {
      this.applyOffer(line, offers, true);
    }
    this.renumber();
    return line;
  }

  /** Fills the form from a saved quote's lines, in their order. */
  fill(offers: Offer[], lines: QuoteLine[]): void {
    this.clear();
    for (const l of [...lines].sort((a, b) => a.position - b.position)) this.add(offers, l);
  }

  /** A read-only quote: every input disabled, nothing to add or remove. */
  setReadOnly(readOnly: boolean): void {
    for (const input of this.box.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      "input, select, textarea",
    )) {
      input.disabled = readOnly;
    }
    for (const button of this.box.querySelectorAll<HTMLElement>(".remove-line")) button.hidden = readOnly;
  }

  /** Under each line, what the server computed for it (monthly, commitment end, notice deadline). */
  showResults(lines: QuoteLine[]): void {
    const t = this.t;
    const sorted = [...lines].sort((a, b) => a.position - b.position);
    this.elements().forEach((line, i) => {
      const l = sorted[i];
      const box = line.querySelector(".line-result") as HTMLElement;
      box.textContent = l
        ? `${t("monthly")} ${formatCents(l.monthlyCents, t.lang)} · ${t("commitmentEnd")} ${formatIsoForDisplay(l.commitmentEnd, t.lang)} · ${t("noticeDeadline")} ${formatIsoForDisplay(l.noticeDeadline, t.lang)}`
        : "";
    });
  }

  /** The lines as QuoteLineInput, or the problems found before asking the server. */
  read(offers: Offer[]): { lines: QuoteLineInput[]; problems: FieldProblem[] } {
    const t = this.t;
    const problems: FieldProblem[] = [];
    const lines: QuoteLineInput[] = [];
    this.elements().forEach((line, i) => {
      const at = (name: string) => `lines[${i}].${name}`;
      const offerCode = this.field<HTMLSelectElement>(line, "offer").value;
      if (!offers.some((o) => o.code === offerCode)) problems.push({ path: at("offerCode"), message: t("chooseOffer") });
      const quantity = parseWholeNumber(this.field<HTMLInputElement>(line, "quantity").value, 1);
      if (quantity === null) problems.push({ path: at("quantity"), message: t("mustBePositiveInt", { min: 1 }) });
      const money = (path: string, raw: string): number => {
        try {
          return parseEurosToCents(raw);
        } catch (error) {
          if (!(error instanceof MoneyFormatError)) throw error;
          problems.push({ path: at(path), message: inLanguage(error.text, t.lang) });
          return 0;
        }
      };
      const unit = money("monthlyUnitPriceCents", this.field<HTMLInputElement>(line, "unitPrice").value);
      const setup = money("setupFeeCents", this.field<HTMLInputElement>(line, "setupFee").value || "0");
      const terms = (name: string, path: string, min: number): number | null => {
        const input = this.field<HTMLInputElement>(line, name);
        if (input.value.trim() === "") {
          if (input.required) problems.push({ path: at(path), message: t("termRequired") });
          return null;
        }
        const n = parseWholeNumber(input.value, min);
        if (n === null) problems.push({ path: at(path), message: t("mustBePositiveInt", { min }) });
        return n;
      };
      const initialTermMonths = terms("initialTerm", "initialTermMonths", 1);
      const renewalTermMonths = terms("renewalTerm", "renewalTermMonths", 0);
      const direction = this.field<HTMLSelectElement>(line, "portingDirection").value as PortingDirection | "";
      const porting = parsePortingEntries(direction ? this.field<HTMLTextAreaElement>(line, "portingNumbers").value : "");
      if (direction && porting.numbers.length === 0) problems.push({ path: at("portingNumbers"), message: t("required") });
      lines.push({
        offerCode,
        quantity: quantity ?? 0,
        monthlyUnitPriceCents: unit,
        setupFeeCents: setup,
        initialTermMonths,
        renewalTermMonths,
        startDate: this.field<HTMLInputElement>(line, "startDate").value || null,
        portingDirection: direction || null,
        portingNumbers: porting.numbers,
        portingRios: porting.rios.some((r) => r !== null) ? porting.rios : null,
      });
    });
    if (lines.length === 0) problems.push({ path: "lines", message: t("noLines") });
    return { lines, problems };
  }
}
