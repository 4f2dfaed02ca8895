import type { RenewalEvent } from "../../addin/src/api/operations.js";
import type { RenewalPull } from "../../addin/src/excel/renewal-sheet.js";
import { writeRenewalSheet } from "../../addin/src/excel/renewal-sheet.js";
import { renewalSheetLabels, translator } from "../../addin/src/taskpane/i18n.js";
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from "../addin/fake-excel/index.js";

/** The Excel side of finance's pull (`npm run bench`): what the add-in sends to write the sheet. */
export interface ExcelSheetResult {
  rows: number;
  /** `context.sync()` calls, i.e. requests to Excel (each a round trip to Excel on the web). */
  syncs: number;
  /** The largest request, in MB (10^6 bytes): Excel on the web refuses one over 5 MB. */
  maxPayloadMb: number;
  totalMb: number;
  /** Wall time of the writer on the fake (not Excel's: only the requests and bytes carry over). */
  ms: number;
}

/**
 * Writes `events` (the schedule as the API returned it) into a new workbook of the project's
 * faithful Excel fake with the add-in's own writer, as the task pane does in French, and counts
 * the requests and their bytes the way Excel's 5 MB request limit counts them
 * (test/addin/fake-excel/payload.ts; api.ts cites the limit). A request over the limit fails the
 * run, as it would in Excel.
 */
export async function excelSheetBench(events: readonly RenewalEvent[], pull: RenewalPull): Promise<ExcelSheetResult> {
  const excel = new FakeExcel({ today: pull.from });
  const started = performance.now();
  const result = await excel.run((context) => writeRenewalSheet(context, events, renewalSheetLabels(translator("fr")), { pull }));
  const ms = performance.now() - started;
  const largest = excel.largestRequestBytes;
  if (largest > PAYLOAD_LIMIT_BYTES) throw new Error(`A request of ${largest} bytes passed Excel's limit`);
  return {
    rows: result.rowsWritten,
    syncs: excel.syncs,
    maxPayloadMb: Math.round(largest / 1e4) / 100,
    totalMb: Math.round(excel.requests.reduce((sum, r) => sum + r.bytes, 0) / 1e4) / 100,
    ms: Math.round(ms),
  };
}
