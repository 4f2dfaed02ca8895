/**
 * The check the browser tests make on every screen and sheet (test/addin/e2e/taskpane-language.ts)
 * must catch a message in the other language, every one of the server's messages included, and
 * must not cry wolf on the pane's own words or the server's.
 */
import { describe, expect, it } from "vitest";
import { DICTIONARIES } from "../../../addin/src/taskpane/i18n.js";
import { validateSiren } from "../../../server/src/domain/siren.js";
import { serverTexts } from "../../support/server-texts.js";
import { foreignReason, foreignTexts } from "../e2e/taskpane-language.js";

/** A dictionary entry as a screen shows it: parameters filled with neutral values. */
const filled = (text: string) => text.replace(/\{\w+\}/g, "12");

describe("language check of screens and sheets", () => {
  it("passes every entry of the dictionary in its own language", () => {
    expect(foreignTexts(Object.values(DICTIONARIES.fr).map(filled), "fr")).toEqual([]);
    expect(foreignTexts(Object.values(DICTIONARIES.en).map(filled), "en")).toEqual([]);
  });

  it("fails a French screen on English sentences, English server messages and raw codes", () => {
    for (const english of [
      filled(DICTIONARIES.en.quoteSigned),
      filled(DICTIONARIES.en.errBadInput),
      "36 months is too long for a protected customer without a waiver",
      "the customer has no valid SEPA mandate (SEPA direct debit is mandatory): register one, then sign.",
      '"FR7630006000011234567890188" fails the IBAN checksum; check for a mistyped character.',
      "Devis 12 · version 1 · DRAFT",
      "Connecté : Alice (SALES)",
    ]) {
      expect(foreignReason(english, "fr"), english).not.toBeNull();
    }
    const siren = validateSiren("732829321");
    expect(siren.ok).toBe(false);
    if (!siren.ok) {
      const message = siren.error.message as unknown;
      const english = typeof message === "string" ? message : (message as { en: string }).en;
      expect(foreignReason(english, "fr")).not.toBeNull();
    }
  });

  it("fails a screen of either language on every message of the server in the other one", () => {
    const texts = serverTexts();
    expect(texts.length).toBeGreaterThan(200);
    expect(texts.filter((m) => foreignReason(m.en, "fr") === null).map((m) => `${m.where}: ${m.en}`)).toEqual([]);
    expect(texts.filter((m) => foreignReason(m.fr, "en") === null).map((m) => `${m.where}: ${m.fr}`)).toEqual([]);
  });

  it("passes the server's messages in their own language, except those naming the API's own words", () => {
    // Some messages name an argument (\`from\`, "(from)") or enum values (INBOUND, FINANCE,
    // PER_NUMBER) for an integrator; the check flags those on purpose: the pane must not show them.
    const namesApi = (m: string) => /`\w+`|\(from\)|\b[A-Z]+_[A-Z_]+\b|\b(INBOUND|OUTBOUND|FINANCE|ADMIN)\b/.test(m);
    const texts = serverTexts();
    const flagged = (lang: "fr" | "en") =>
      texts
        .map((m) => ({ where: m.where, message: m[lang] }))
        .filter((m) => !namesApi(m.message) && foreignReason(m.message, lang) !== null)
        .map((m) => `${m.where}: ${m.message} ← ${foreignReason(m.message, lang)}`);
    expect(flagged("fr")).toEqual([]);
    expect(flagged("en")).toEqual([]);
    expect(texts.filter((m) => namesApi(m.fr)).length).toBeLessThan(15);
  });

  it("fails an English screen on French sentences and French words", () => {
    for (const french of [
      filled(DICTIONARIES.fr.quoteSigned),
      filled(DICTIONARIES.fr.errLocalCheck),
      "Le SIREN « 732829321 » n'est pas valide : sa clé de contrôle est fausse.",
      "Brouillon",
      "Statut : Signé",
    ]) {
      expect(foreignReason(french, "en"), french).not.toBeNull();
    }
  });
});
