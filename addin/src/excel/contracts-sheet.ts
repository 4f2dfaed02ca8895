/**
 * A signed quote's contracts, and their porting requests, on the quote's sheet: two Excel tables
 * under the quote's table, typed like it (euros as numbers, real dates), found again by the quote's
 * identity (their table ids join the quote's setting) and rewritten in place, the user's own
 * columns kept (by contract, and by contract and number). Columns are data: the porting columns
 * follow the API's PortingRequest (number, kind, direction, status, requested on, legal deadline,
 * planned on); a field the caller does not have is written empty.
 *
 * Requests: look up, locate the quote's table (and existing contract tables), write, record.
 */
import { type Text, text } from "../../../server/src/domain/text.js";
import { DATE_FORMAT, dateCell, EURO_FORMAT, euroCell, INTEGER_FORMAT, safeTableName, TEXT_FORMAT } from "./formats.js";
import { type QuoteSetting, quoteSettingKey } from "./quote-sheet.js";
import {
  asText,
  type CellInput,
  type ColumnSpec,
  carriedUserCells,
  lookUpWorkbook,
  newTablePlan,
  planColumns,
  queueLocate,
  queueNewTable,
  queueRowsInPlace,
  SheetStructureError,
  uniqueTableName,
} from "./table-writer.js";

export const CONTRACT_COLUMNS = [
  "contractId",
  "offerCode",
  "offerName",
  "quantity",
  "monthlyAmount",
  "startDate",
  "commitmentEnd",
  "noticeDeadline",
  "status",
] as const;
export type ContractColumn = (typeof CONTRACT_COLUMNS)[number];

export const PORTING_COLUMNS = [
  "contractId",
  "number",
  "kind",
  "direction",
  "status",
  "requestedOn",
  "legalDeadline",
  "plannedOn",
] as const;
export type PortingColumn = (typeof PORTING_COLUMNS)[number];

/** One contract; texts (status) already in the reader's language. */
export interface ContractSheetRow {
  contractId: string;
  offerCode: string;
  offerName: string;
  quantity: number;
  monthlyAmountCents: number;
  startDate: string;
  commitmentEnd: string;
  noticeDeadline: string | null;
  status: string;
}

/** One number to port; kind, direction and status already in the reader's language. */
export interface PortingSheetRow {
  contractId: string;
  number: string;
  kind: string;
  direction: string;
  status: string;
  requestedOn: string;
  legalDeadline: string;
  plannedOn: string | null;
}

export interface ContractsSheetLabels {
  contractsTitle: string;
  portingTitle: string;
  contractColumns: Record<ContractColumn, string>;
  portingColumns: Record<PortingColumn, string>;
  /** The same columns in the other language, to find tables a colleague wrote. */
  others?: Array<Pick<ContractsSheetLabels, "contractColumns" | "portingColumns">>;
}

export const CONTRACTS_TABLE_PREFIX = "Contrats_";
export const PORTING_TABLE_PREFIX = "Portabilites_";

/** What the quote's setting records about these tables. */
interface ContractsSetting extends QuoteSetting {
  contractsTableId?: string;
  portingTableId?: string;
}

function specs<R, C extends string>(
  columns: readonly C[],
  labels: Record<C, string>,
  others: Array<Record<C, string>>,
  format: Record<C, string>,
  cell: Record<C, (row: R) => CellInput>,
): ColumnSpec<R>[] {
  return columns.map((key) => ({
    key,
    header: labels[key],
    aliases: others.map((o) => o[key]),
    format: format[key],
    cell: cell[key],
  }));
}

export function contractColumnSpecs(labels: ContractsSheetLabels): ColumnSpec<ContractSheetRow>[] {
  return specs(
    CONTRACT_COLUMNS,
    labels.contractColumns,
    (labels.others ?? []).map((o) => o.contractColumns),
    {
      contractId: TEXT_FORMAT,
      offerCode: TEXT_FORMAT,
      offerName: TEXT_FORMAT,
      quantity: INTEGER_FORMAT,
      monthlyAmount: EURO_FORMAT,
      startDate: DATE_FORMAT,
      commitmentEnd: DATE_FORMAT,
      noticeDeadline: DATE_FORMAT,
      status: TEXT_FORMAT,
    },
    {
      contractId: (r) => asText(r.contractId),
      offerCode: (r) => asText(r.offerCode),
      offerName: (r) => asText(r.offerName),
      quantity: (r) => r.quantity,
      monthlyAmount: (r) => euroCell(r.monthlyAmountCents),
      startDate: (r) => dateCell(r.startDate),
      commitmentEnd: (r) => dateCell(r.commitmentEnd),
      noticeDeadline: (r) => dateCell(r.noticeDeadline),
      status: (r) => asText(r.status),
    },
  );
}

export function portingColumnSpecs(labels: ContractsSheetLabels): ColumnSpec<PortingSheetRow>[] {
  return specs(
    PORTING_COLUMNS,
    labels.portingColumns,
    (labels.others ?? []).map((o) => o.portingColumns),
    {
      contractId: TEXT_FORMAT,
      number: TEXT_FORMAT,
      kind: TEXT_FORMAT,
      direction: TEXT_FORMAT,
      status: TEXT_FORMAT,
      requestedOn: DATE_FORMAT,
      legalDeadline: DATE_FORMAT,
      plannedOn: DATE_FORMAT,
    },
    {
      contractId: (r) => asText(r.contractId),
      number: (r) => asText(r.number),
      kind: (r) => asText(r.kind),
      direction: (r) => asText(r.direction),
      status: (r) => asText(r.status),
      requestedOn: (r) => dateCell(r.requestedOn),
      legalDeadline: (r) => dateCell(r.legalDeadline),
      plannedOn: (r) => dateCell(r.plannedOn),
    },
  );
}

export interface WriteContractsResult {
  contractsTable: string;
  portingTable: string | null;
  syncs: number;
}

const noQuoteSheet = (quoteId: string): Text =>
  text(
    `Le devis ${quoteId} n'a pas de feuille dans ce classeur : écrivez d'abord le devis dans la feuille.`,
    `Quote ${quoteId} has no sheet in this workbook: write the quote to a sheet first.`,
  );

/**
 * Writes (or rewrites in place) the contracts, and the porting requests when there are any, under
 * the quote's table. `_sheetName` is not needed any more (the quote's table is found by identity);
 * it is kept so callers of the first version need no change.
 */
export async function writeContractsOnQuoteSheet(
  context: Excel.RequestContext,
  _sheetName: string | null,
  quoteId: string,
  contracts: ContractSheetRow[],
  porting: PortingSheetRow[],
  labels: ContractsSheetLabels,
): Promise<WriteContractsResult> {
  let syncs = 0;
  const key = quoteSettingKey(quoteId);
  const { names, setting } = await lookUpWorkbook<ContractsSetting>(context, key);
  syncs++;
  const exists = (id: string | undefined) => (id ? (names.tables.find((t) => t.id === id) ?? null) : null);
  const quoteTable = exists(setting?.tableId);
  if (!setting || !quoteTable) throw new SheetStructureError(noQuoteSheet(quoteId));
  const contractsFound = exists(setting.contractsTableId);
  const portingFound = exists(setting.portingTableId);

  // One request: where the quote's table is, and the contract tables as they are now.
  const readQuote = queueLocate(context, quoteTable.id, false);
  const readContracts = contractsFound ? queueLocate(context, contractsFound.id, true) : null;
  const readPorting = portingFound ? queueLocate(context, portingFound.id, true) : null;
  await context.sync();
  syncs++;
  const quote = readQuote();
  const contractsLocated = readContracts?.() ?? null;
  const portingLocated = readPorting?.() ?? null;
  const ws = context.workbook.worksheets.getItem(quote.sheet);
  const taken = [...names.tables.map((t) => t.name), ...names.definedNames];

  const contractSpecs = contractColumnSpecs(labels);
  const portingSpecs = portingColumnSpecs(labels);
  let contractsTable: Excel.Table | null = null;
  let portingTable: Excel.Table | null = null;
  let contractsName = contractsLocated?.name ?? "";
  let portingName = portingLocated?.name ?? null;

  // Blocks to create go under what is already there, in cells inserted so that nothing the user
  // put under the quote's table is overwritten: a blank row, a title, the table.
  let next = quote.top + 1 + quote.rows + 1;
  const width = Math.max(quote.cols, CONTRACT_COLUMNS.length, PORTING_COLUMNS.length);
  const createBlock = <R>(title: string, blockSpecs: ColumnSpec<R>[], rows: R[], name: string): Excel.Table => {
    const height = 1 + 1 + Math.max(rows.length, 1) + 1;
    ws.getRangeByIndexes(next, quote.left, height, width).insert("Down");
    ws.getRangeByIndexes(next, quote.left, 1, 1).values = [[asText(title)]];
    ws.getRangeByIndexes(next, quote.left, 1, 1).format.font.bold = true;
    const table = queueNewTable(ws, { row: next + 1, col: quote.left }, newTablePlan(blockSpecs), rows, name);
    next += height;
    return table;
  };

  if (contractsLocated) {
    const plan = planColumns(contractSpecs, contractsLocated.headers);
    const idCol = plan.index.get("contractId") as number;
    const carried = carriedUserCells(contractsLocated, plan.userColumns, (v) => (v[idCol] === "" ? null : String(v[idCol])));
    queueRowsInPlace(context, contractsLocated, { plan, rows: contracts, carried: (r) => carried.get(r.contractId) });
    next = contractsLocated.top + 1 + Math.max(contracts.length, 1) + 1;
  } else {
    contractsName = uniqueTableName(safeTableName(`${CONTRACTS_TABLE_PREFIX}${quoteId}`), taken);
    taken.push(contractsName);
    contractsTable = createBlock(labels.contractsTitle, contractSpecs, contracts, contractsName);
  }

  if (portingLocated) {
    const plan = planColumns(portingSpecs, portingLocated.headers);
    const idCol = plan.index.get("contractId") as number;
    const numberCol = plan.index.get("number") as number;
    const carried = carriedUserCells(portingLocated, plan.userColumns, (v) => `${v[idCol]}|${v[numberCol]}`);
    queueRowsInPlace(context, portingLocated, {
      plan,
      rows: porting,
      carried: (r) => carried.get(`${r.contractId}|${r.number}`),
    });
  } else if (porting.length > 0) {
    portingName = uniqueTableName(safeTableName(`${PORTING_TABLE_PREFIX}${quoteId}`), taken);
    portingTable = createBlock(labels.portingTitle, portingSpecs, porting, portingName);
  }
  await context.sync();
  syncs++;

  const record: ContractsSetting = {
    ...setting,
    contractsTableId: contractsTable ? contractsTable.id : contractsLocated?.id,
    portingTableId: portingTable ? portingTable.id : (portingLocated?.id ?? undefined),
  };
  if (contractsTable || portingTable) {
    context.workbook.settings.add(key, record);
    await context.sync();
    syncs++;
  }
  return { contractsTable: contractsName, portingTable: portingName, syncs };
}
