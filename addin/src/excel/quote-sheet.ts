/**
 * The quote sheet: a header block (customer, quote id, version, status, dates, terms), the totals
 * beside it (Excel's live formulas next to the server's figures) and an Excel table of the lines.
 *
 * - Found again by a stable, language-neutral identity: the setting `Contrats.Devis.<quote id>`
 *   holds the table's id (it survives renaming the table or its sheet, and a colleague whose Office
 *   speaks English finds the same table), with the version written (read back before saving).
 * - Updated in place: the table's rows are replaced where the table is, the user's own columns keep
 *   their values (carried by the line's id), and nothing outside the table is touched except the
 *   header block above it, and only while it is still ours.
 * - Line amounts, totals and VAT are formulas over the table (structured references), so an edited
 *   quantity recalculates at once; the server's figures stay beside them and remain the reference:
 *   a read-back sends the edited inputs and the server prices them again.
 *
 * Requests: 3 to write (look up; locate or write; write or record the new table's id) and 2 to
 * read back. Requires ExcelApi 1.13 (Table.resize).
 */
import { DEFAULT_VAT_RATE_BASIS_POINTS } from "../../../server/src/domain/quote-totals.js";
import { type Text, text } from "../../../server/src/domain/text.js";
import type { CellValue } from "./chunks.js";
import {
  DATE_FORMAT,
  dateCell,
  EURO_FORMAT,
  euroCell,
  GENERAL_FORMAT,
  INTEGER_FORMAT,
  safeSheetName,
  safeTableName,
  TEXT_FORMAT,
} from "./formats.js";
import {
  asText,
  type CellInput,
  type ColumnPlan,
  type ColumnSpec,
  carriedUserCells,
  columnLetter,
  locateTable,
  lookUpWorkbook,
  newTablePlan,
  planColumns,
  queueNewTable,
  queueRowsInPlace,
  SheetStructureError,
  thisRow,
  uniqueSheetName,
  uniqueTableName,
  wholeColumn,
} from "./table-writer.js";

/** Column order of a new quote table. The first thirteen keep the layout of earlier versions. */
export const QUOTE_COLUMNS = [
  "position",
  "offerCode",
  "offerName",
  "quantity",
  "monthlyUnitPrice",
  "setupFee",
  "monthlyTotal",
  "porting",
  "initialTermMonths",
  "renewalTermMonths",
  "startDate",
  "commitmentEnd",
  "noticeDeadline",
  "oneOffTotal",
  "contractValue",
  "portingDirection",
  "portingNumbers",
  "lineId",
] as const;
export type QuoteColumn = (typeof QUOTE_COLUMNS)[number];

/** The columns a salesperson may edit in the sheet and read back. */
export const EDITABLE_COLUMNS = [
  "quantity",
  "monthlyUnitPrice",
  "setupFee",
  "startDate",
  "initialTermMonths",
  "renewalTermMonths",
  "portingNumbers",
] as const satisfies readonly QuoteColumn[];
export type EditableColumn = (typeof EDITABLE_COLUMNS)[number];

export const QUOTE_SETTING_PREFIX = "Contrats.Devis.";
export const QUOTE_TABLE_PREFIX = "Devis_";
/** The header block: 7 rows, then a blank row, then the table's header row. */
export const HEADER_ROWS = 7;
export const TABLE_HEADER_ROW = HEADER_ROWS + 1;
/** The totals sit in the block's columns D:F (labels, Excel's formulas, the server's figures). */
const TOTALS_COL = 3;

export interface QuoteSheetLine {
  /** The line's id on the server: carries the user's own columns and maps edits back. */
  id: string;
  /** The server's position, from 0; the sheet's "N°" column shows it from 1. */
  position: number;
  offerCode: string;
  offerName: string;
  quantity: number;
  monthlyUnitPriceCents: number;
  setupFeeCents: number;
  monthlyCents: number;
  portingCents: number;
  initialTermMonths: number;
  renewalTermMonths: number;
  startDate: string | null;
  commitmentEnd: string | null;
  noticeDeadline: string | null;
  portingDirection: "INBOUND" | "OUTBOUND" | null;
  /** E.164 (+33…) as the server keeps them. */
  portingNumbers: string[];
}

export interface QuoteSheetData {
  quoteId: string;
  version: number;
  status: string;
  customerName: string;
  quoteDate: string;
  validUntil: string;
  termsVersion: { code: string; effectiveDate: string } | null;
  lines: QuoteSheetLine[];
  totals: {
    oneOffCents: number;
    monthlyCents: number;
    vatCents: number;
    totalInclVatCents: number;
    totalContractValueCents: number;
  };
}

export interface QuoteSheetLabels {
  sheetPrefix: string;
  title: string;
  quoteId: string;
  version: string;
  status: string;
  quoteDate: string;
  validUntil: string;
  terms: string;
  columns: Record<QuoteColumn, string>;
  /** The same labels in the other language: how a sheet written by a colleague is recognised. */
  others?: Array<Pick<QuoteSheetLabels, "title" | "columns">>;
  oneOff: string;
  monthly: string;
  totalExclVat: string;
  vat: string;
  totalInclVat: string;
  totalContractValue: string;
  /** Headers of the totals: Excel's live formulas, the server's figures (with the version). */
  totalsExcel: string;
  totalsServer: string;
  directions: { INBOUND: string; OUTBOUND: string };
}

/** What the workbook records about a quote's table. */
export interface QuoteSetting {
  quoteId: string;
  tableId: string;
  version: number;
  /** Where the header block was written (it is rewritten only while the table is still below it). */
  block?: { sheetId: string; top: number; left: number };
}

export function quoteSettingKey(quoteId: string): string {
  return `${QUOTE_SETTING_PREFIX}${quoteId}`;
}

export function quoteSheetName(labels: QuoteSheetLabels, quoteId: string): string {
  return safeSheetName(`${labels.sheetPrefix} ${quoteId}`);
}

export function quoteTableName(quoteId: string): string {
  return safeTableName(`${QUOTE_TABLE_PREFIX}${quoteId}`);
}

/** National display form of an E.164 French number: +33612345678 → 06 12 34 56 78. */
function displayNumber(e164: string): string {
  const digits = /^\+33(\d{9})$/.exec(e164)?.[1];
  return digits ? `0${digits}`.replace(/(\d{2})(?=\d)/g, "$1 ") : e164;
}

const FORMATS: Record<QuoteColumn, string> = {
  position: INTEGER_FORMAT,
  offerCode: TEXT_FORMAT,
  offerName: TEXT_FORMAT,
  quantity: INTEGER_FORMAT,
  monthlyUnitPrice: EURO_FORMAT,
  setupFee: EURO_FORMAT,
  monthlyTotal: EURO_FORMAT,
  porting: EURO_FORMAT,
  initialTermMonths: INTEGER_FORMAT,
  renewalTermMonths: INTEGER_FORMAT,
  startDate: DATE_FORMAT,
  commitmentEnd: DATE_FORMAT,
  noticeDeadline: DATE_FORMAT,
  oneOffTotal: EURO_FORMAT,
  contractValue: EURO_FORMAT,
  portingDirection: TEXT_FORMAT,
  portingNumbers: TEXT_FORMAT,
  lineId: TEXT_FORMAT,
};

/** The table's columns as data: header, aliases, format, and the cell (a value or a formula). */
export function quoteColumnSpecs(labels: QuoteSheetLabels): ColumnSpec<QuoteSheetLine>[] {
  const cells: Record<QuoteColumn, (l: QuoteSheetLine, n: (k: string) => string) => CellInput> = {
    position: (l) => l.position + 1,
    offerCode: (l) => asText(l.offerCode),
    offerName: (l) => asText(l.offerName),
    quantity: (l) => l.quantity,
    monthlyUnitPrice: (l) => euroCell(l.monthlyUnitPriceCents),
    setupFee: (l) => euroCell(l.setupFeeCents),
    monthlyTotal: (_, n) => `=${thisRow(n("quantity"))}*${thisRow(n("monthlyUnitPrice"))}`,
    porting: (l) => euroCell(l.portingCents),
    initialTermMonths: (l) => l.initialTermMonths,
    renewalTermMonths: (l) => l.renewalTermMonths,
    startDate: (l) => dateCell(l.startDate),
    commitmentEnd: (l) => dateCell(l.commitmentEnd),
    noticeDeadline: (l) => dateCell(l.noticeDeadline),
    oneOffTotal: (_, n) => `=${thisRow(n("quantity"))}*${thisRow(n("setupFee"))}+${thisRow(n("porting"))}`,
    contractValue: (_, n) => `=${thisRow(n("oneOffTotal"))}+${thisRow(n("monthlyTotal"))}*${thisRow(n("initialTermMonths"))}`,
    portingDirection: (l) => (l.portingDirection ? labels.directions[l.portingDirection] : ""),
    portingNumbers: (l) => l.portingNumbers.map(displayNumber).join(", "),
    lineId: (l) => asText(l.id),
  };
  return QUOTE_COLUMNS.map((key) => ({
    key,
    header: labels.columns[key],
    aliases: (labels.others ?? []).map((o) => o.columns[key]),
    format: FORMATS[key],
    cell: cells[key],
  }));
}

/** The header block and totals, 7 rows × 6 columns from the table's left edge, as formulas (A1). */
export function quoteBlockCells(
  data: QuoteSheetData,
  labels: QuoteSheetLabels,
  tableName: string,
  plan: ColumnPlan<QuoteSheetLine>,
  top: number,
  left: number,
): CellInput[][] {
  const t = data.totals;
  const col = (c: number) => columnLetter(left + c);
  // Row (1-based, as A1 wants) of block row i.
  const row = (i: number) => top + i + 1;
  const e = (i: number) => `${col(TOTALS_COL + 1)}${row(i)}`;
  const sum = (key: string) => `=SUM(${wholeColumn(tableName, plan.names(key))})`;
  const rate = DEFAULT_VAT_RATE_BASIS_POINTS / 10_000;
  const terms = data.termsVersion;
  const server = (cents: number) => euroCell(cents);
  return [
    [
      asText(labels.title),
      asText(data.customerName),
      "",
      "",
      asText(labels.totalsExcel),
      asText(`${labels.totalsServer} (v${data.version})`),
    ],
    [asText(labels.quoteId), asText(data.quoteId), "", asText(labels.oneOff), sum("oneOffTotal"), server(t.oneOffCents)],
    [asText(labels.version), data.version, "", asText(labels.monthly), sum("monthlyTotal"), server(t.monthlyCents)],
    [
      asText(labels.status),
      asText(data.status),
      "",
      asText(labels.totalExclVat),
      `=${e(1)}+${e(2)}`,
      server(t.oneOffCents + t.monthlyCents),
    ],
    [asText(labels.quoteDate), dateCell(data.quoteDate), "", asText(labels.vat), `=ROUND(${e(3)}*${rate},2)`, server(t.vatCents)],
    [
      asText(labels.validUntil),
      dateCell(data.validUntil),
      "",
      asText(labels.totalInclVat),
      `=${e(3)}+${e(4)}`,
      server(t.totalInclVatCents),
    ],
    [
      asText(labels.terms),
      terms ? asText(terms.code) : "",
      terms ? dateCell(terms.effectiveDate) : "",
      asText(labels.totalContractValue),
      sum("contractValue"),
      server(t.totalContractValueCents),
    ],
  ];
}

const BLOCK_FORMATS: string[][] = [
  [GENERAL_FORMAT, TEXT_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT],
  [GENERAL_FORMAT, TEXT_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
  [GENERAL_FORMAT, INTEGER_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
  [GENERAL_FORMAT, TEXT_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
  [GENERAL_FORMAT, DATE_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
  [GENERAL_FORMAT, DATE_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
  [GENERAL_FORMAT, TEXT_FORMAT, DATE_FORMAT, GENERAL_FORMAT, EURO_FORMAT, EURO_FORMAT],
];

function queueBlock(ws: Excel.Worksheet, cells: CellInput[][], top: number, left: number, fresh: boolean): void {
  const block = ws.getRangeByIndexes(top, left, HEADER_ROWS, 6);
  // Formats first: the quote id "42" must land in a text cell.
  block.numberFormat = BLOCK_FORMATS;
  block.formulas = cells;
  if (fresh) {
    const title = ws.getRangeByIndexes(top, left, 1, 1);
    title.format.font.bold = true;
    title.format.font.size = 14;
    ws.getRangeByIndexes(top, left + TOTALS_COL + 1, 1, 2).format.font.bold = true;
    ws.getRangeByIndexes(top + 1, left + TOTALS_COL, HEADER_ROWS - 1, 1).format.font.bold = true;
  }
}

export interface WriteQuoteResult {
  sheetName: string;
  tableName: string;
  /** Whether the table was created (false: an existing one was updated in place). */
  created: boolean;
  syncs: number;
}

/**
 * Writes or updates the quote's sheet. A table the user broke (one of our columns renamed or
 * deleted) is reported as a SheetStructureError naming the column, never rewritten blindly.
 */
export async function writeQuoteSheet(
  context: Excel.RequestContext,
  data: QuoteSheetData,
  labels: QuoteSheetLabels,
): Promise<WriteQuoteResult> {
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const key = quoteSettingKey(data.quoteId);
  const specs = quoteColumnSpecs(labels);
  const { names, setting } = await lookUpWorkbook<QuoteSetting>(context, key);
  syncs++;
  // By identity only: a table that merely has the expected name (a user's, or an earlier version's)
  // is left alone, and the new one takes a free name beside it.
  const found = names.tables.find((t) => t.id === setting?.tableId) ?? null;

  if (found) {
    const ws = context.workbook.worksheets.getItem(found.sheet);
    // The block's title where it was written, read with the table: rewritten only while still ours.
    const block = setting?.block;
    const title =
      block && found.sheetId === block.sheetId ? ws.getRangeByIndexes(block.top, block.left, 1, 1).load("values") : null;
    const located = await locateTable(context, found.id, true);
    syncs++;
    const top = located.top - TABLE_HEADER_ROW;
    const plan = planColumns(specs, located.headers);
    // The user's cells follow their line: by the line's id while it is the same version, and by
    // number and offer across a save (the server gives saved lines new ids, in the same order).
    const col = (k: QuoteColumn) => plan.index.get(k) as number;
    const place = (n: unknown, offer: unknown) => `${n}|${offer}`;
    const old = carriedUserCells(
      located,
      plan.userColumns,
      (v) => `${v[col("lineId")]}\u0000${place(v[col("position")], v[col("offerCode")])}`,
    );
    const byId = new Map([...old].map(([k, cells]) => [k.split("\u0000")[0] as string, { key: k, cells }]));
    const byPlace = new Map([...old].map(([k, cells]) => [k.split("\u0000")[1] as string, { key: k, cells }]));
    const claimed = new Set(data.lines.flatMap((l) => (byId.has(l.id) ? [byId.get(l.id)?.key] : [])));
    queueRowsInPlace(context, located, {
      plan,
      rows: data.lines,
      carried: (line) => {
        const mine = byId.get(line.id);
        if (mine) return mine.cells;
        const there = byPlace.get(place(line.position + 1, line.offerCode));
        return there && !claimed.has(there.key) ? there.cells : undefined;
      },
    });
    const titles = [labels.title, ...(labels.others ?? []).map((o) => o.title)];
    const blockIsOurs =
      block !== undefined &&
      title !== null &&
      block.top === top &&
      block.left === located.left &&
      titles.includes(String(title.values[0]?.[0] ?? ""));
    if (blockIsOurs)
      queueBlock(ws, quoteBlockCells(data, labels, located.name, plan, top, located.left), top, located.left, false);
    // What other writers recorded in the setting (the contracts' tables under this one) stays.
    context.workbook.settings.add(key, {
      ...setting,
      quoteId: data.quoteId,
      tableId: located.id,
      version: data.version,
      block: blockIsOurs ? block : undefined,
    } satisfies QuoteSetting);
    ws.activate();
    await sync();
    return { sheetName: located.sheet, tableName: located.name, created: false, syncs };
  }

  const sheetName = uniqueSheetName(quoteSheetName(labels, data.quoteId), names.sheets);
  const tableName = uniqueTableName(quoteTableName(data.quoteId), [...names.tables.map((t) => t.name), ...names.definedNames]);
  const ws = context.workbook.worksheets.add(sheetName);
  ws.load("id");
  const plan = newTablePlan(specs);
  const table = queueNewTable(ws, { row: TABLE_HEADER_ROW, col: 0 }, plan, data.lines, tableName);
  queueBlock(ws, quoteBlockCells(data, labels, tableName, plan, 0, 0), 0, 0, true);
  ws.freezePanes.freezeRows(TABLE_HEADER_ROW + 1);
  ws.getRangeByIndexes(0, 0, TABLE_HEADER_ROW + 1 + Math.max(data.lines.length, 1), QUOTE_COLUMNS.length).format.autofitColumns();
  ws.activate();
  await sync();
  context.workbook.settings.add(key, {
    quoteId: data.quoteId,
    tableId: table.id,
    version: data.version,
    block: { sheetId: ws.id, top: 0, left: 0 },
  } satisfies QuoteSetting);
  await sync();
  return { sheetName, tableName, created: true, syncs };
}

// ---------------------------------------------------------------------------------------------
// Reading the sheet back
// ---------------------------------------------------------------------------------------------

/** A problem in a cell of the table (row from 1, as people count lines), or with the sheet (row 0). */
export interface SheetProblem {
  row: number;
  column: QuoteColumn | "sheet";
  /** Why, in French and English. */
  message: Text;
}

export class QuoteSheetError extends Error {
  readonly problems: SheetProblem[];
  constructor(problems: SheetProblem[]) {
    super(problems.map((p) => `${p.column} (row ${p.row}): ${p.message.en}`).join("; "));
    this.name = "QuoteSheetError";
    this.problems = problems;
  }
}

/** One row of the table as read: the line's id and the raw cells of the editable columns. */
export interface QuoteSheetRow {
  /** 1-based row of the table's body. */
  row: number;
  lineId: string | null;
  cells: Record<EditableColumn, CellValue>;
}

export interface QuoteSheetReading {
  quoteId: string;
  /** The version the sheet was written from (its setting): a save with it detects concurrent edits. */
  version: number;
  sheetName: string;
  tableName: string;
  rows: QuoteSheetRow[];
}

const notAQuoteSheet = (): QuoteSheetError =>
  new QuoteSheetError([
    {
      row: 0,
      column: "sheet",
      message: text(
        "la feuille active ne contient pas de tableau de devis écrit par le complément",
        "the active sheet holds no quote table written by the add-in",
      ),
    },
  ]);

/**
 * Reads the quote's table back: `quoteId` when the pane knows it, otherwise the quote whose table
 * is on the active sheet. Two requests. Cells are returned raw; reviewQuoteSheet turns them into
 * the server's input, the changes and the problems.
 */
export async function readQuoteSheet(
  context: Excel.RequestContext,
  labels: QuoteSheetLabels,
  quoteId?: string,
): Promise<QuoteSheetReading> {
  const settings = context.workbook.settings.load("items/key,items/value");
  const active = context.workbook.worksheets.getActiveWorksheet().tables.load("items/id");
  await context.sync();
  const quotes = settings.items
    .filter((s) => s.key.startsWith(QUOTE_SETTING_PREFIX))
    .map((s) => s.value as QuoteSetting)
    .filter((s) => typeof s?.tableId === "string" && typeof s.version === "number");
  const activeIds = new Set(active.items.map((t) => t.id));
  const setting =
    quoteId !== undefined ? quotes.find((q) => q.quoteId === quoteId) : quotes.find((q) => activeIds.has(q.tableId));
  if (!setting) throw notAQuoteSheet();
  const table = context.workbook.tables.getItem(setting.tableId);
  table.load("name");
  table.worksheet.load("name");
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("values");
  try {
    await context.sync();
  } catch {
    throw notAQuoteSheet();
  }
  let plan: ColumnPlan<QuoteSheetLine>;
  try {
    plan = planColumns(quoteColumnSpecs(labels), (header.values[0] ?? []).map(String));
  } catch (error) {
    if (error instanceof SheetStructureError)
      throw new QuoteSheetError([{ row: 0, column: "sheet", message: error.messageText }]);
    throw error;
  }
  const at = (key: QuoteColumn) => plan.index.get(key) as number;
  const rows: QuoteSheetRow[] = [];
  body.values.forEach((values, i) => {
    const id = values[at("lineId")];
    const cells = Object.fromEntries(EDITABLE_COLUMNS.map((c) => [c, values[at(c)] as CellValue])) as Record<
      EditableColumn,
      CellValue
    >;
    const blank = id === "" && EDITABLE_COLUMNS.every((c) => cells[c] === "");
    if (!blank) rows.push({ row: i + 1, lineId: id === "" || id === null || id === undefined ? null : String(id), cells });
  });
  return { quoteId: setting.quoteId, version: setting.version, sheetName: table.worksheet.name, tableName: table.name, rows };
}
