import { describe, expect, it } from "vitest";
import { hostInfo, notify } from "../../../addin/src/office/helpers-adapter.js";
import {
  DICTIONARIES,
  detectLanguage,
  fieldLabel,
  quoteSheetLabels,
  renewalSheetLabels,
  translator,
} from "../../../addin/src/taskpane/i18n.js";

describe("i18n", () => {
  it("has the same keys, all non-empty, in French and English", () => {
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(Object.keys(DICTIONARIES.fr).sort());
    for (const dict of Object.values(DICTIONARIES))
      for (const [key, text] of Object.entries(dict)) expect(text, key).not.toBe("");
  });

  it("uses the same {parameters} in both languages", () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(DICTIONARIES.fr) as Array<keyof typeof DICTIONARIES.fr>) {
      expect(params(DICTIONARIES.en[key]), key).toEqual(params(DICTIONARIES.fr[key]));
    }
  });

  it("is French unless Office's display language is English", () => {
    expect(detectLanguage("fr-FR")).toBe("fr");
    expect(detectLanguage("en-US")).toBe("en");
    expect(detectLanguage("en-GB")).toBe("en");
    expect(detectLanguage("de-DE")).toBe("fr");
    expect(detectLanguage(null)).toBe("fr");
    expect(detectLanguage("fr-FR", "en")).toBe("en");
  });

  it("fills parameters and names server fields for people", () => {
    const t = translator("fr");
    expect(t("connectedAs", { name: "Alice", role: "SALES" })).toBe("Connecté : Alice (SALES)");
    expect(fieldLabel(t, "lines[2].monthlyUnitPriceCents")).toBe("Ligne 3 · Prix mensuel unitaire");
    expect(fieldLabel(translator("en"), "lines[0].portingNumbers[1]")).toBe("Line 1 · Numbers to port 2");
    expect(fieldLabel(t, "somethingNew")).toBe("somethingNew");
  });

  it("gives unique column headers to each table, in both languages", () => {
    for (const lang of ["fr", "en"] as const) {
      const t = translator(lang);
      const quote = Object.values(quoteSheetLabels(t).columns);
      const renewal = Object.values(renewalSheetLabels(t));
      expect(new Set(quote).size).toBe(quote.length);
      expect(new Set(renewal).size).toBe(renewal.length);
    }
  });
});

describe("office-js-helpers adapter", () => {
  it("never throws outside a browser: host unknown, notification skipped", async () => {
    await expect(hostInfo()).resolves.toMatchObject({});
    await expect(notify("message", "title")).resolves.toBeUndefined();
  });
});
