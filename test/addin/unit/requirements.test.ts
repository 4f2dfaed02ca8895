/** An Excel too old for the sheets says so when the pane starts, in the user's language. */
import { describe, expect, it } from "vitest";
import { unsupportedExcel } from "../../../addin/src/excel/requirements.js";

const excel = (supported: string[]) => ({
  context: {
    host: "Excel",
    requirements: { isSetSupported: (name: string, version?: string) => supported.includes(`${name} ${version}`) },
  },
});

describe("unsupportedExcel", () => {
  it("names the missing requirement set in French and English", () => {
    const message = unsupportedExcel(excel(["ExcelApi 1.12"]));
    expect(message?.fr).toBe(
      "Cette version d'Excel ne prend pas en charge ExcelApi 1.13, dont le complément a besoin pour écrire et actualiser ses tableaux sur place. Mettez Excel à jour (Microsoft 365, ou Excel 2021 et plus récent) ou utilisez Excel sur le web.",
    );
    expect(message?.en).toMatch(/^This version of Excel does not support ExcelApi 1.13, which the add-in needs/);
  });

  it("says nothing on a recent Excel, nor outside Excel (a browser, where Excel.run is not there anyway)", () => {
    expect(unsupportedExcel(excel(["ExcelApi 1.13"]))).toBeNull();
    expect(unsupportedExcel(undefined)).toBeNull();
    expect(unsupportedExcel({ context: { host: null, requirements: { isSetSupported: () => false } } })).toBeNull();
    // Office.js of some hosts reports the host in diagnostics only.
    expect(
      unsupportedExcel({ context: { diagnostics: { host: "Excel" }, requirements: { isSetSupported: () => false } } }),
    ).not.toBeNull();
  });
});
