/**
 * Puts a quote on its sheet in the pane's language: the quote (header, lines, totals) and, once
 * signed, its contracts and porting requests below. One Excel.run for all of it.
 */
import type { Contract, Quote } from "../api/operations.js";
import { type ContractSheetRow, type PortingSheetRow, writeContractsOnQuoteSheet } from "../excel/contracts-sheet.js";
import { writeQuoteSheet } from "../excel/quote-sheet.js";
import type { App } from "./app.js";
import {
  contractStatusLabel,
  contractsSheetLabels,
  directionLabel,
  numberKindLabel,
  portingStatusLabel,
  quoteSheetLabels,
  statusLabel,
  type Translate,
} from "./i18n.js";
import { quoteToSheetData } from "./quote-model.js";

/** The notice deadline that matters now: the next one to come, else the current period's. */
export function contractNoticeDeadline(contract: Contract): string {
  return contract.commitment.nextNoticeDeadline ?? contract.commitment.noticeDeadline;
}

export function contractRows(contracts: Contract[], t: Translate): ContractSheetRow[] {
  return contracts.map((c) => ({
    contractId: c.id,
    offerCode: c.offer.code,
    offerName: c.offer.name,
    quantity: c.quantity,
    monthlyAmountCents: c.monthlyAmountCents,
    startDate: c.startDate,
    commitmentEnd: c.commitment.initialTermEnd,
    noticeDeadline: contractNoticeDeadline(c),
    status: contractStatusLabel(t, c.status),
  }));
}

export function portingRows(contracts: Contract[], t: Translate): PortingSheetRow[] {
  return contracts.flatMap((c) =>
    c.portingRequests.map((p) => ({
      contractId: c.id,
      number: p.number,
      kind: numberKindLabel(t, p.kind),
      direction: directionLabel(t, p.direction),
      status: portingStatusLabel(t, p.status),
      requestedOn: p.requestedOn,
      legalDeadline: p.legalDeadline,
      plannedOn: p.plannedOn,
    })),
  );
}

/** Writes the quote (and its contracts once signed) to its sheet; returns the sheet's name. */
export async function writeQuoteToSheet(app: App, quote: Quote): Promise<string> {
  const t = app.t;
  return app.excel(async (context) => {
    const { sheetName } = await writeQuoteSheet(
      context,
      quoteToSheetData(quote, (s) => statusLabel(t, s)),
      quoteSheetLabels(t),
    );
    if (quote.contracts.length > 0) {
      await writeContractsOnQuoteSheet(
        context,
        sheetName,
        quote.id,
        contractRows(quote.contracts, t),
        portingRows(quote.contracts, t),
        contractsSheetLabels(t),
      );
    }
    return sheetName;
  });
}
