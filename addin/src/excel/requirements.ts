/**
 * The Excel API requirement sets the sheet writers use, checked when the pane starts with
 * `Office.context.requirements.isSetSupported`, so an older Excel says clearly what is missing
 * instead of failing halfway through a write. The manifest itself asks only for the shared runtime,
 * so that such an Excel still opens the pane and shows the message.
 *
 * ExcelApi 1.13 is the highest set used: Table.resize (1.13). Below it: settings and
 * getItemOrNullObject (1.4), suspendApiCalculationUntilNextSync and conditional formats (1.6),
 * Worksheet.getRangeByIndexes and Chart/Table ids (1.7), Range.formulasR1C1 (1.2), charts and
 * Range.insert/delete (1.1). Formatted dates from custom functions need 1.16 but are optional.
 */
import { type Text, text } from "../../../server/src/domain/text.js";

export const REQUIRED_SETS = [{ name: "ExcelApi", version: "1.13" }] as const;

interface OfficeLike {
  context?: {
    host?: unknown;
    diagnostics?: { host?: unknown };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
}

/**
 * The message to show when the Excel the pane runs in lacks a required set; null when it has them
 * all, or when the pane does not run in Excel (a browser: Excel.run is not there anyway).
 */
export function unsupportedExcel(office: OfficeLike | null | undefined): Text | null {
  const context = office?.context;
  const host = context?.host ?? context?.diagnostics?.host;
  if (String(host) !== "Excel" || typeof context?.requirements?.isSetSupported !== "function") return null;
  const missing = REQUIRED_SETS.filter((set) => {
    try {
      return !context.requirements?.isSetSupported(set.name, set.version);
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return null;
  const sets = missing.map((s) => `${s.name} ${s.version}`).join(", ");
  return text(
    `Cette version d'Excel ne prend pas en charge ${sets}, dont le complément a besoin pour écrire et actualiser ses tableaux sur place. Mettez Excel à jour (Microsoft 365, ou Excel 2021 et plus récent) ou utilisez Excel sur le web.`,
    `This version of Excel does not support ${sets}, which the add-in needs to write and refresh its tables in place. Update Excel (Microsoft 365, or Excel 2021 and later) or use Excel on the web.`,
  );
}
