/**
 * The custom functions read what finance types (labels in either language, text dates in the
 * user's locale, amounts with too many decimals, phone numbers that lost their 0) and give dates
 * as dates where Excel can show them so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ArgumentError, dateValue } from "../../../addin/src/functions/arguments.js";
import { finEngagement, finPeriode, fraisResiliation, numbersArg } from "../../../addin/src/functions/functions.js";
import { LocalCustomFunctionError } from "../../../addin/src/functions/runtime.js";
import { isoToSerial } from "../../../addin/src/shared/dates.js";

const g = globalThis as { Office?: unknown };
function office(context: { displayLanguage?: string; contentLanguage?: string; sets?: string[] }): void {
  g.Office = {
    context: {
      displayLanguage: context.displayLanguage,
      contentLanguage: context.contentLanguage,
      requirements: { isSetSupported: (name: string, version?: string) => (context.sets ?? []).includes(`${name} ${version}`) },
    },
  };
}
afterEach(() => {
  delete g.Office;
});

function failure(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return `${(error as LocalCustomFunctionError).code} ${(error as Error).message}`;
  }
  return "ok";
}

// SPEC's worked example: MICRO customer, IP telephony, 24 + 12 months from 2025-01-20, 20.00 € a month.
const fee = (categorie: string, famille: string, mensuel: number | string = 20) =>
  fraisResiliation("2025-01-20", 24, 12, mensuel as number, "2025-06-10", categorie, famille);

describe("categories and families", () => {
  it("accepts the API's codes and the French and English labels, in any case, with or without accents and hyphens", () => {
    const expected = fee("MICRO", "IP_TELEPHONY");
    expect(expected).toBe(140);
    for (const [categorie, famille] of [
      ["Microentreprise", "Téléphonie IP"],
      ["micro-entreprise", "telephonie ip"],
      ["Micro-enterprise", "IP telephony"],
      ["micro", "ip_telephony"],
    ]) {
      expect(fee(categorie as string, famille as string), `${categorie} / ${famille}`).toBe(expected);
    }
    // Not protected: the standard fee on every remaining cycle.
    expect(fee("Autre entreprise", "Téléphonie IP")).toBe(fee("OTHER", "IP_TELEPHONY"));
  });

  it("names the parameter and lists the choices in the user's language when a label is unknown", () => {
    expect(failure(() => fee("Start-up", "Téléphonie IP"))).toMatch(
      /^#VALUE! categorie : « Start-up » n'est pas reconnu : Particulier, Microentreprise, Petite entreprise, Association, Autre entreprise/,
    );
    office({ displayLanguage: "en-GB" });
    expect(failure(() => fee("Start-up", "IP telephony"))).toMatch(
      /^#VALUE! categorie: "Start-up" is not recognised: Consumer, Micro-enterprise/,
    );
  });
});

describe("dates", () => {
  it("reads text dates in the user's locale: 31/03/2024 in French, 03/31/2024 in US English; ISO always", () => {
    office({ contentLanguage: "fr-FR", displayLanguage: "fr-FR" });
    expect(finEngagement("31/03/2024", 12)).toBe(isoToSerial("2025-03-30"));
    expect(finEngagement("2024-03-31", 12)).toBe(isoToSerial("2025-03-30"));
    office({ contentLanguage: "en-US", displayLanguage: "en-US" });
    expect(finEngagement("03/31/2024", 12)).toBe(isoToSerial("2025-03-30"));
    expect(failure(() => finEngagement("31/03/2024", 12))).toBe(
      '#VALUE! debut: "31/03/2024" is not a date: write MM/DD/YYYY or YYYY-MM-DD',
    );
    office({ contentLanguage: "en-GB", displayLanguage: "en-GB" });
    expect(finEngagement("31/03/2024", 12)).toBe(isoToSerial("2025-03-30"));
  });

  it("returns dates as dates where the host can format them (ExcelApi 1.19 or 1.16), a serial elsewhere", () => {
    const serial = isoToSerial("2028-03-09");
    expect(dateValue(serial)).toBe(serial);
    office({ contentLanguage: "fr-FR", sets: ["ExcelApi 1.16", "ExcelApi 1.19"] });
    expect(finEngagement("2025-03-10", 36)).toEqual({ type: "Double", basicValue: serial, numberFormat: "dd/mm/yyyy" });
    office({ contentLanguage: "en-US", sets: ["ExcelApi 1.16"] });
    expect(finEngagement("2025-03-10", 36)).toEqual({ type: "FormattedNumber", basicValue: serial, numberFormat: "mm/dd/yyyy" });
    // Such a result, used as another function's argument, arrives as the same object: it is read.
    office({ contentLanguage: "fr-FR", sets: ["ExcelApi 1.19"] });
    const start = { type: "Double", basicValue: isoToSerial("2025-03-10"), numberFormat: "dd/mm/yyyy" };
    expect(finPeriode(start as unknown as number, 36, 12, "2025-06-01")).toEqual({
      type: "Double",
      basicValue: serial,
      numberFormat: "dd/mm/yyyy",
    });
  });
});

describe("amounts and numbers", () => {
  it("rounds amounts with more than two decimals half up to the cent", () => {
    // 7 cycles to month 12 at 20.004 € → 20.00 €; at 20.005 € → 20.01 €.
    expect(fee("MICRO", "IP_TELEPHONY", 20.004)).toBe(140);
    expect(fee("MICRO", "IP_TELEPHONY", 20.005)).toBe(140.07);
    expect(fee("MICRO", "IP_TELEPHONY", "20,005")).toBe(140.07);
    expect(failure(() => fee("MICRO", "IP_TELEPHONY", -1))).toMatch(/^#VALUE! mensuelHT : le montant ne peut pas être négatif/);
  });

  it("gives phone numbers typed as numbers their leading 0 back", () => {
    expect(numbersArg([[612345678], ["0140000001, 0140000002"], [""], [140000003]])).toEqual([
      "0612345678",
      "0140000001",
      "0140000002",
      "0140000003",
    ]);
    const error = (() => {
      try {
        numbersArg([[""]]);
      } catch (e) {
        return e as ArgumentError;
      }
    })();
    expect(error).toBeInstanceOf(ArgumentError);
    expect(error?.text.fr).toBe("numeros : au moins un numéro de téléphone est attendu");
  });
});
