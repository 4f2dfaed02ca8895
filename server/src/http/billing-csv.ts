import { inLanguage, type Language } from "../domain/text.js";
import type { BillableItem } from "../services/billing-export.service.js";

/**
 * The billing export as CSV for Excel in France (docs/rules.md "Billing export"): UTF-8 with a BOM (so
 * Excel reads accents right), `;` separator (the French list separator), CRLF line ends, a header
 * row, French decimals without thousands separator (`1234,50`), dates `dd/mm/yyyy`. A field is
 * quoted when it holds `;`, `"`, a line break or edge spaces, with `"` doubled. Text that Excel
 * would run as a formula (starting with = + - @, tab or CR) is prefixed with `'` (CSV injection).
 */
export const CSV_HEADER = [
  "Type",
  "Date",
  "Client (id)",
  "Client",
  "Contrat de maintenance (id)",
  "Référence",
  "Libellé",
  "Minutes",
  "Taux horaire HT (€)",
  "Montant HT (€)",
  "Remarque",
] as const;

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** Cents as a French decimal: 12345 → `123,45`, 5 → `0,05`. */
export function frenchDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** `2025-03-10` → `10/03/2025`. */
export function frenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** A text cell: neutralised if Excel would read it as a formula, then quoted if needed. */
export function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(cells: string[]): string {
  return cells.join(";") + CRLF;
}

/** The CSV of `items`; notes in `language` (the request's Accept-Language; French by default for Excel in France). */
export function billingCsv(items: readonly BillableItem[], language: Language = "fr"): string {
  let out = BOM + row(CSV_HEADER.map(textCell));
  for (const item of items) {
    out += row([
      item.kind,
      frenchDate(item.date),
      String(item.customerId),
      textCell(item.customerName),
      item.maintenanceContractId === null ? "" : String(item.maintenanceContractId),
      String(item.sourceId),
      textCell(item.description),
      String(item.minutes),
      item.hourlyRateCents === null ? "" : frenchDecimal(item.hourlyRateCents),
      frenchDecimal(item.amountCents),
      textCell(item.note === null ? "" : inLanguage(item.note, language)),
    ]);
  }
  return out;
}
