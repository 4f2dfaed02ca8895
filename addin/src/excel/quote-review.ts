/**
 * Between the server's quote and its sheet: the data a sheet is written from (quoteSheetData), and
 * the review of a sheet read back (reviewQuoteSheet): the server's lines with every edited column
 * applied, what changed (to show before saving), and every cell that cannot be read, by row and
 * column. Nothing is dropped: a cell that does not parse is a problem, a deleted or added row is a
 * problem, and a review with problems must not be saved. Pure functions, tested without Excel.
 */
import { tryParseFrenchNumber } from "../../../server/src/domain/phone-number.js";
import { text } from "../../../server/src/domain/text.js";
import type { Quote, QuoteLineInput } from "../api/operations.js";
import { formatIsoForDisplay } from "../shared/dates.js";
import { formatCents } from "../shared/money.js";
import { parseDateInput, parseMoneyInput, parsePhoneNumbers, parseWholeNumberInput } from "./cell-input.js";
import type { EditableColumn, QuoteSheetData, QuoteSheetReading, SheetProblem } from "./quote-sheet.js";

/** The sheet's data from the server's quote: lines by position, amounts in cents, dates ISO. */
export function quoteSheetData(quote: Quote): QuoteSheetData {
  return {
    quoteId: quote.id,
    version: quote.version,
    status: quote.status,
    customerName: quote.customer.name,
    quoteDate: quote.quoteDate,
    validUntil: quote.validUntil,
    termsVersion: quote.termsVersion,
    totals: quote.totals,
    lines: [...quote.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: l.id,
        position: l.position,
        offerCode: l.offer.code,
        offerName: l.offer.name,
        quantity: l.quantity,
        monthlyUnitPriceCents: l.monthlyUnitPriceCents,
        setupFeeCents: l.setupFeeCents,
        monthlyCents: l.monthlyCents,
        portingCents: l.portingCents,
        initialTermMonths: l.initialTermMonths,
        renewalTermMonths: l.renewalTermMonths,
        startDate: l.startDate,
        commitmentEnd: l.commitmentEnd,
        noticeDeadline: l.noticeDeadline,
        portingDirection: l.portingDirection,
        portingNumbers: l.portingNumbers,
      })),
  };
}

/** One edited cell: the value the server has, the value the sheet has. */
export interface QuoteSheetChange {
  lineId: string;
  /** The line's number as people count (position + 1). */
  line: number;
  /** Row of the table's body (from 1). */
  row: number;
  column: EditableColumn;
  before: number | string | string[] | null;
  after: number | string | string[] | null;
}

export interface QuoteSheetReview {
  quoteId: string;
  /** The version the sheet was written from: save with it as expectedVersion. */
  version: number;
  /** Every line of the quote, as the server has it, with the sheet's edits applied. */
  lines: QuoteLineInput[];
  changes: QuoteSheetChange[];
  problems: SheetProblem[];
}

/** Fields a line input carries over from the server's line when the sheet does not show them. */
type ServerLine = Quote["lines"][number] & {
  subsidisedDevice?: boolean;
  portingOutsideHours?: boolean;
  portingRios?: (string | null)[];
};

function e164(n: string): string {
  const parsed = tryParseFrenchNumber(n);
  return parsed.ok ? parsed.number.e164 : n;
}

const sameNumbers = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => e164(n) === e164(b[i] as string));

/**
 * Reviews a sheet read back against the server's quote. `locale` is Office's (text dates such as
 * 31/03/2024 are read in its order).
 */
export function reviewQuoteSheet(reading: QuoteSheetReading, quote: Quote, locale?: string | null): QuoteSheetReview {
  const problems: SheetProblem[] = [];
  const changes: QuoteSheetChange[] = [];
  const lines = [...quote.lines].sort((a, b) => a.position - b.position) as ServerLine[];
  if (reading.version !== quote.version) {
    // Saved elsewhere since the sheet was written: its edits would be applied to another version.
    problems.push({
      row: 0,
      column: "sheet",
      message: text(
        `le devis a été modifié entre-temps (version ${quote.version} sur le serveur, version ${reading.version} dans la feuille) : réécrivez la feuille depuis le serveur, puis refaites vos modifications`,
        `the quote was changed meanwhile (version ${quote.version} on the server, version ${reading.version} in the sheet): write the sheet again from the server, then redo your edits`,
      ),
    });
    return { quoteId: reading.quoteId, version: reading.version, lines: [], changes, problems };
  }
  const rowsById = new Map<string, QuoteSheetReading["rows"][number]>();
  for (const row of reading.rows) {
    if (row.lineId === null || !lines.some((l) => l.id === row.lineId)) {
      problems.push({
        row: row.row,
        column: "lineId",
        message: text(
          "ligne ajoutée dans la feuille : ajoutez les lignes depuis le volet (cette ligne n'a pas de référence du devis)",
          "line added in the sheet: add lines from the pane (this row has no reference of the quote)",
        ),
      });
    } else if (rowsById.has(row.lineId)) {
      problems.push({
        row: row.row,
        column: "lineId",
        message: text("ligne en double dans la feuille", "line repeated in the sheet"),
      });
    } else rowsById.set(row.lineId, row);
  }

  const inputs: QuoteLineInput[] = lines.map((l) => {
    const base: QuoteLineInput & Record<string, unknown> = {
      offerCode: l.offer.code,
      quantity: l.quantity,
      monthlyUnitPriceCents: l.monthlyUnitPriceCents,
      setupFeeCents: l.setupFeeCents,
      initialTermMonths: l.initialTermMonths,
      renewalTermMonths: l.renewalTermMonths,
      startDate: l.startDate,
      portingDirection: l.portingDirection,
      portingNumbers: l.portingNumbers,
    };
    // What the sheet does not show is kept as the server has it.
    if (l.noticeMonths !== null && l.noticeMonths !== undefined) base.noticeMonths = l.noticeMonths;
    if (l.noticeDays !== null && l.noticeDays !== undefined) base.noticeDays = l.noticeDays;
    if (l.subsidisedDevice !== undefined) base.subsidisedDevice = l.subsidisedDevice;
    if (l.portingOutsideHours !== undefined) base.portingOutsideHours = l.portingOutsideHours;
    if (l.portingRios !== undefined) base.portingRios = l.portingRios;

    const row = rowsById.get(l.id);
    if (!row) {
      problems.push({
        row: 0,
        column: "lineId",
        message: text(
          `la ligne ${l.position + 1} du devis (${l.offer.code}) manque dans la feuille : supprimez-la depuis le volet`,
          `line ${l.position + 1} of the quote (${l.offer.code}) is missing from the sheet: remove it from the pane`,
        ),
      });
      return base;
    }
    const change = (column: EditableColumn, before: QuoteSheetChange["before"], after: QuoteSheetChange["after"]) =>
      changes.push({ lineId: l.id, line: l.position + 1, row: row.row, column, before, after });
    const problem = (column: EditableColumn, message: SheetProblem["message"]) =>
      problems.push({ row: row.row, column, message });

    const quantity = parseWholeNumberInput(row.cells.quantity, 1);
    if (!quantity.ok) problem("quantity", quantity.message);
    else if (quantity.value !== l.quantity) {
      change("quantity", l.quantity, quantity.value);
      base.quantity = quantity.value;
    }
    for (const [column, field] of [
      ["monthlyUnitPrice", "monthlyUnitPriceCents"],
      ["setupFee", "setupFeeCents"],
    ] as const) {
      const cents = parseMoneyInput(row.cells[column]);
      if (!cents.ok) problem(column, cents.message);
      else if (cents.value !== l[field]) {
        change(column, l[field], cents.value);
        base[field] = cents.value;
      }
    }
    for (const [column, min] of [
      ["initialTermMonths", 1],
      ["renewalTermMonths", 0],
    ] as const) {
      const months = parseWholeNumberInput(row.cells[column], min);
      if (!months.ok) problem(column, months.message);
      else if (months.value !== l[column]) {
        change(column, l[column], months.value);
        base[column] = months.value;
      }
    }
    const start = row.cells.startDate;
    if (start === "") {
      if (l.startDate !== null) {
        change("startDate", l.startDate, null);
        base.startDate = null;
      }
    } else {
      const date = parseDateInput(start, locale);
      if (!date.ok) problem("startDate", date.message);
      else if (date.value !== l.startDate) {
        change("startDate", l.startDate, date.value);
        base.startDate = date.value;
      }
    }
    const numbers = parsePhoneNumbers(row.cells.portingNumbers);
    if (!numbers.ok) problem("portingNumbers", numbers.message);
    else if (!sameNumbers(numbers.value, l.portingNumbers)) {
      if (numbers.value.length > 0 && !l.portingDirection) {
        problem(
          "portingNumbers",
          text(
            "choisissez d'abord le sens de la portabilité de cette ligne dans le volet",
            "choose this line's porting direction in the pane first",
          ),
        );
      } else {
        change("portingNumbers", l.portingNumbers, numbers.value);
        base.portingNumbers = numbers.value;
        // A RIO belongs to its number: kept for the numbers that stay, none for new ones.
        if (l.portingRios) {
          const rioOf = new Map(l.portingNumbers.map((n, i) => [e164(n), l.portingRios?.[i] ?? null]));
          base.portingRios = numbers.value.map((n) => rioOf.get(n) ?? null);
        }
        if (numbers.value.length === 0) base.portingDirection = null;
      }
    }
    return base;
  });
  problems.sort((a, b) => a.row - b.row);
  return { quoteId: reading.quoteId, version: reading.version, lines: inputs, changes, problems };
}

/** A change as a reader sees it: "Ligne 2 · Quantité : 5 → 7". */
export function describeChange(change: QuoteSheetChange, lang: "fr" | "en", columnLabel: string): string {
  const show = (v: QuoteSheetChange["before"]): string => {
    if (v === null || v === "") return lang === "fr" ? "(vide)" : "(empty)";
    if (Array.isArray(v)) return v.length === 0 ? (lang === "fr" ? "(aucun)" : "(none)") : v.join(", ");
    if (change.column === "monthlyUnitPrice" || change.column === "setupFee") return formatCents(v as number, lang);
    if (change.column === "startDate") return formatIsoForDisplay(String(v), lang);
    return String(v);
  };
  return `${lang === "fr" ? "Ligne" : "Line"} ${change.line} · ${columnLabel} : ${show(change.before)} → ${show(change.after)}`;
}
