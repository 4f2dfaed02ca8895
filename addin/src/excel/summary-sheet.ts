/**
 * Finance's picture of the schedule: per month, how many contracts reach a notice deadline and the
 * monthly amount at stake (excl. VAT), as an Excel table and a column chart (months on the axis)
 * on a sheet beside the schedule, refreshed with it and found again by identity (the table's id in
 * the schedule's setting, the chart by name on that sheet). The figures are computed here from the
 * events, in cents, so they are exact.
 */
import type { RenewalEvent } from "../api/operations.js";
import { isoToSerial } from "../shared/dates.js";
import { EURO_FORMAT, euroCell, INTEGER_FORMAT, safeSheetName, safeTableName } from "./formats.js";
import {
  asText,
  type ColumnSpec,
  carriedUserCells,
  type LocatedTable,
  newTablePlan,
  planColumns,
  queueLocate,
  queueNewTable,
  queueRowsInPlace,
  uniqueSheetName,
  uniqueTableName,
} from "./table-writer.js";

export interface MonthlyNotice {
  /** "2026-03". */
  month: string;
  /** Contracts (not ended) with a notice deadline in the month. */
  contracts: number;
  /** Their monthly amounts, excl. VAT, in cents. */
  monthlyCents: number;
}

/** Every month from `from`'s to `to`'s (months without a deadline count 0), in order. */
export function summarizeByMonth(
  events: readonly Pick<RenewalEvent, "contractId" | "noticeDeadline" | "monthlyAmountCents" | "contractStatus">[],
  from: string,
  to: string,
): MonthlyNotice[] {
  const months: MonthlyNotice[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > endKey) break;
    months.push({ month: key, contracts: 0, monthlyCents: 0 });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  const byMonth = new Map(months.map((x) => [x.month, { notice: x, seen: new Set<string>() }]));
  for (const e of events) {
    if (e.contractStatus === "ENDED" || e.noticeDeadline < from || e.noticeDeadline > to) continue;
    const slot = byMonth.get(e.noticeDeadline.slice(0, 7));
    if (!slot || slot.seen.has(e.contractId)) continue;
    slot.seen.add(e.contractId);
    slot.notice.contracts++;
    slot.notice.monthlyCents += e.monthlyAmountCents;
  }
  return months;
}

export const SUMMARY_COLUMNS = ["month", "contracts", "monthlyAmount"] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
export const SUMMARY_CHART = "ContratsEcheancesParMois";
export const SUMMARY_TABLE = "ContratsEcheancesParMois";
/** Months as Excel shows them (the month's name in Excel's language). */
export const MONTH_FORMAT = "mmm yyyy";

export interface SummaryLabels {
  sheet: string;
  title: string;
  chartTitle: string;
  columns: Record<SummaryColumn, string>;
  others?: Array<Record<SummaryColumn, string>>;
}

/** What the schedule's setting records about the summary. */
export interface SummarySetting {
  summaryTableId?: string;
}

export function summaryColumnSpecs(labels: SummaryLabels): ColumnSpec<MonthlyNotice>[] {
  const formats: Record<SummaryColumn, string> = { month: MONTH_FORMAT, contracts: INTEGER_FORMAT, monthlyAmount: EURO_FORMAT };
  const cells: Record<SummaryColumn, (m: MonthlyNotice) => number> = {
    month: (m) => isoToSerial(`${m.month}-01`),
    contracts: (m) => m.contracts,
    monthlyAmount: (m) => euroCell(m.monthlyCents) as number,
  };
  return SUMMARY_COLUMNS.map((key) => ({
    key,
    header: labels.columns[key],
    aliases: (labels.others ?? []).map((o) => o[key]),
    format: formats[key],
    cell: cells[key],
  }));
}

export interface SummaryLookup {
  located: LocatedTable | null;
  chart: boolean;
  schedulePosition: number;
}

/** Queues the look-ups the summary needs (its table, its chart, the schedule sheet's position). */
export function queueSummaryLookup(
  context: Excel.RequestContext,
  summaryTableId: string | null,
  scheduleSheet: string,
): () => SummaryLookup {
  const readTable = summaryTableId ? queueLocate(context, summaryTableId, true) : null;
  const schedule = context.workbook.worksheets.getItem(scheduleSheet);
  schedule.load("position");
  const tableSheet = summaryTableId ? context.workbook.tables.getItem(summaryTableId).worksheet : null;
  const chart = tableSheet ? tableSheet.charts.getItemOrNullObject(SUMMARY_CHART) : null;
  return () => ({
    located: readTable?.() ?? null,
    chart: chart ? !chart.isNullObject : false,
    schedulePosition: schedule.position,
  });
}

/**
 * Queues the summary's write (no sync): rows replaced in place, or a new sheet right after the
 * schedule's with a title, the table and the chart. The function returned gives the setting's part
 * after the next sync.
 */
export function queueSummary(
  context: Excel.RequestContext,
  input: {
    summary: MonthlyNotice[];
    labels: SummaryLabels;
    lookup: SummaryLookup;
    taken: { sheets: string[]; tables: string[] };
  },
): () => SummarySetting {
  const { summary, labels, lookup } = input;
  const specs = summaryColumnSpecs(labels);
  const located = lookup.located;
  if (located) {
    const plan = planColumns(specs, located.headers);
    const monthCol = plan.index.get("month") as number;
    const carried = carriedUserCells(located, plan.userColumns, (v) => String(v[monthCol]));
    const count = queueRowsInPlace(context, located, {
      plan,
      rows: summary,
      carried: (m) => carried.get(String(isoToSerial(`${m.month}-01`))),
    });
    const ws = context.workbook.worksheets.getItem(located.sheet);
    const source = ws.getRangeByIndexes(located.top, located.left, 1 + count, located.cols);
    if (lookup.chart) ws.charts.getItem(SUMMARY_CHART).setData(source, "Columns");
    else addChart(ws, source, labels, located.top);
    return () => ({ summaryTableId: located.id });
  }
  const sheetName = uniqueSheetName(safeSheetName(labels.sheet), input.taken.sheets);
  const tableName = uniqueTableName(safeTableName(SUMMARY_TABLE), input.taken.tables);
  const ws = context.workbook.worksheets.add(sheetName);
  // Beside the schedule: right after its sheet.
  ws.position = lookup.schedulePosition + 1;
  ws.getRange("A1").values = [[asText(labels.title)]];
  ws.getRange("A1").format.font.bold = true;
  ws.getRange("A1").format.font.size = 14;
  const plan = newTablePlan(specs);
  const table = queueNewTable(ws, { row: 2, col: 0 }, plan, summary, tableName);
  addChart(ws, ws.getRangeByIndexes(2, 0, 1 + Math.max(summary.length, 1), specs.length), labels, 2);
  ws.getRangeByIndexes(2, 0, 1 + Math.max(summary.length, 1), specs.length).format.autofitColumns();
  return () => ({ summaryTableId: table.id });
}

/** Amounts as columns, the number of contracts as a line on the secondary axis, months along the bottom. */
function addChart(ws: Excel.Worksheet, source: Excel.Range, labels: SummaryLabels, top: number): void {
  const chart = ws.charts.add("ColumnClustered", source, "Columns");
  chart.name = SUMMARY_CHART;
  chart.title.text = labels.chartTitle;
  const contracts = chart.series.getItemAt(0);
  contracts.chartType = "Line";
  contracts.axisGroup = "Secondary";
  chart.setPosition(`E${top + 1}`, `P${top + 20}`);
}
