/** A signed quote's contracts and porting requests on its sheet, in place, by the quote's identity. */
import { describe, expect, it } from "vitest";
import {
  type ContractSheetRow,
  type PortingSheetRow,
  writeContractsOnQuoteSheet,
} from "../../../addin/src/excel/contracts-sheet.js";
import { quoteSheetData } from "../../../addin/src/excel/quote-review.js";
import { quoteSettingKey, writeQuoteSheet } from "../../../addin/src/excel/quote-sheet.js";
import { SheetStructureError } from "../../../addin/src/excel/table-writer.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";
import { contractsSheetLabels, quoteSheetLabels, translator } from "../../../addin/src/taskpane/i18n.js";
import { FakeExcel } from "../fake-excel/index.js";

const t = translator("fr");
const labels = contractsSheetLabels(t);

const quote = quoteSheetData({
  id: "7",
  status: "SIGNED",
  version: 2,
  quoteDate: "2026-01-10",
  validUntil: "2026-02-09",
  customer: { id: "1", name: "Martin", category: "OTHER", siren: null },
  termsVersion: null,
  signerName: "Jeanne Martin",
  signedAt: "2026-01-12T10:00:00Z",
  contracts: [],
  totals: { oneOffCents: 0, monthlyCents: 5900, vatCents: 1180, totalInclVatCents: 7080, totalContractValueCents: 212400 },
  lines: [
    {
      id: "L1",
      position: 0,
      quantity: 1,
      monthlyUnitPriceCents: 5900,
      setupFeeCents: 0,
      initialTermMonths: 36,
      renewalTermMonths: 12,
      noticeMonths: null,
      noticeDays: null,
      startDate: "2026-02-01",
      portingDirection: "INBOUND",
      portingNumbers: ["+33140000001"],
      subsidisedDevice: false,
      portingOutsideHours: false,
      portingRios: [null],
      portingCents: 0,
      monthlyCents: 5900,
      commitmentEnd: "2029-01-31",
      noticeDeadline: "2028-10-31",
      offer: { code: "IP-TELEPHONY", name: "Téléphonie IP", family: "IP_TELEPHONY" },
    },
  ],
});

const contract: ContractSheetRow = {
  contractId: "1001",
  offerCode: "IP-TELEPHONY",
  offerName: "Téléphonie IP",
  quantity: 1,
  monthlyAmountCents: 5900,
  startDate: "2026-02-01",
  commitmentEnd: "2029-01-31",
  noticeDeadline: "2028-10-31",
  status: "Actif",
};
const porting: PortingSheetRow = {
  contractId: "1001",
  number: "+33140000001",
  kind: "Géographique",
  direction: "Entrante",
  status: "Demandée",
  requestedOn: "2026-01-15",
  legalDeadline: "2026-01-26",
  plannedOn: null,
};

describe("writeContractsOnQuoteSheet", () => {
  it("puts the contracts and porting requests under the quote's table without overwriting what the user put there", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, quote, quoteSheetLabels(t)));
    excel.user.setCell("Devis 7", "A12", "Note de l'utilisateur");
    const result = await excel.run((ctx) => writeContractsOnQuoteSheet(ctx, null, "7", [contract], [porting], labels));
    expect(result).toEqual({ contractsTable: "Contrats_7", portingTable: "Portabilites_7", syncs: 4 });
    expect(excel.table("Contrats_7")).toMatchObject({ sheet: "Devis 7", address: "A13:I14" });
    expect(excel.value("Devis 7", "A12")).toBe("Contrats signés");
    expect(excel.tableRows("Contrats_7")).toEqual([
      {
        Contrat: "1001", // text, not the number 1001
        "Code offre": "IP-TELEPHONY",
        Offre: "Téléphonie IP",
        Quantité: 1,
        "Mensuel HT": 59,
        Début: isoToSerial("2026-02-01"),
        "Fin d'engagement": isoToSerial("2029-01-31"),
        "Date limite de préavis": isoToSerial("2028-10-31"),
        Statut: "Actif",
      },
    ]);
    expect(excel.tableRows("Portabilites_7")).toEqual([
      {
        Contrat: "1001",
        Numéro: "+33140000001",
        "Type de numéro": "Géographique",
        Sens: "Entrante",
        Statut: "Demandée",
        "Demandée le": isoToSerial("2026-01-15"),
        "Échéance légale": isoToSerial("2026-01-26"),
        "Prévue le": "",
      },
    ]);
    // The user's note moved down with the cells inserted for the new blocks.
    expect(excel.value("Devis 7", "A20")).toBe("Note de l'utilisateur");
    expect(excel.settings()[quoteSettingKey("7")]).toMatchObject({
      contractsTableId: excel.table("Contrats_7").id,
      portingTableId: excel.table("Portabilites_7").id,
    });
  });

  it("rewrites them in place on the next call, keeping the user's column, and creates nothing twice", async () => {
    const excel = new FakeExcel();
    await excel.run((ctx) => writeQuoteSheet(ctx, quote, quoteSheetLabels(t)));
    await excel.run((ctx) => writeContractsOnQuoteSheet(ctx, null, "7", [contract], [porting], labels));
    excel.user.addTableColumn("Portabilites_7", "Suivi", ["appeler l'opérateur"]);
    const scheduled = { ...porting, status: "Planifiée", plannedOn: "2026-01-20" };
    const second = { ...porting, number: "+33140000002" };
    const result = await excel.run((ctx) =>
      writeContractsOnQuoteSheet(ctx, null, "7", [{ ...contract, status: "Résiliation en cours" }], [second, scheduled], labels),
    );
    expect(result.syncs).toBe(3);
    expect(excel.tables().map((x) => x.name)).toEqual(["Devis_7", "Contrats_7", "Portabilites_7"]);
    expect(excel.tableRows("Contrats_7")[0]?.Statut).toBe("Résiliation en cours");
    expect(excel.tableRows("Portabilites_7").map((r) => [r.Numéro, r.Statut, r["Prévue le"], r.Suivi])).toEqual([
      ["+33140000002", "Demandée", "", ""],
      ["+33140000001", "Planifiée", isoToSerial("2026-01-20"), "appeler l'opérateur"],
    ]);
  });

  it("finds them again after the quote's own table was rewritten (the pane writes the quote, then its contracts)", async () => {
    const excel = new FakeExcel();
    for (let i = 0; i < 2; i++) {
      await excel.run(async (ctx) => {
        await writeQuoteSheet(ctx, quote, quoteSheetLabels(t));
        return writeContractsOnQuoteSheet(ctx, null, "7", [contract], [porting], labels);
      });
    }
    expect(excel.tables().map((x) => x.name)).toEqual(["Devis_7", "Contrats_7", "Portabilites_7"]);
    expect(excel.settings()[quoteSettingKey("7")]).toMatchObject({
      tableId: excel.table("Devis_7").id,
      contractsTableId: excel.table("Contrats_7").id,
      portingTableId: excel.table("Portabilites_7").id,
    });
  });

  it("says when the quote has no sheet in the workbook", async () => {
    const excel = new FakeExcel();
    const error = await excel
      .run((ctx) => writeContractsOnQuoteSheet(ctx, null, "7", [contract], [], labels))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetStructureError);
  });
});
