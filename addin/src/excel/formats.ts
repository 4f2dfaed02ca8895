/** Number formats and small helpers shared by the sheet writers. */
import { isoToSerial } from "../shared/dates.js";
import { centsToEurosNumber } from "../shared/money.js";
import type { CellValue } from "./chunks.js";

/** Euros with grouping and two decimals; the cell holds a number, not text. */
export const EURO_FORMAT = "#,##0.00 €";
/** Real Excel dates (serial numbers) shown the French way. */
export const DATE_FORMAT = "dd/mm/yyyy";
export const INTEGER_FORMAT = "0";
export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";

/** A date cell: the Excel serial, or empty when there is no date. */
export function dateCell(iso: string | null | undefined): CellValue {
  return iso ? isoToSerial(iso) : "";
}

export function euroCell(cents: number | null | undefined): CellValue {
  return cents === null || cents === undefined ? "" : centsToEurosNumber(cents);
}

/**
 * Sets one number format on every cell of a range in one small request. Office.js copies a single
 * value to every cell of the range ("single input copy", like Ctrl+Enter), which costs a few bytes
 * where a 2-D array would repeat the format once per cell; the typings only describe the array.
 */
export function setUniformNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: unknown }).numberFormat = format;
}

/** Worksheet names: at most 31 characters, none of : \ / ? * [ ] */
export function safeSheetName(name: string): string {
  let out = "";
  for (const c of name) out += ":\\/?*[]".includes(c) ? "_" : c;
  return out.slice(0, 31).trim() || "Sheet";
}

/** Table names: letters, digits, underscores; starting with a letter. */
export function safeTableName(name: string): string {
  let out = "";
  for (const c of name) out += /[A-Za-z0-9_]/.test(c) ? c : "_";
  return /^[A-Za-z]/.test(out) ? out.slice(0, 250) : `T_${out}`.slice(0, 250);
}
