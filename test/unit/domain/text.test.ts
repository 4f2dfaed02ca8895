import { describe, expect, it } from "vitest";
import { inLanguage, languageOf, text } from "../../../server/src/domain/text.js";

describe("languageOf (Accept-Language or Office display language → fr | en)", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["fr", "fr"],
    ["fr-FR", "fr"],
    ["FR-ca", "fr"],
    ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"],
    ["en-US", "en"],
    ["en-GB,fr;q=0.5", "en"],
    ["de-DE", "en"],
    ["de-DE,fr;q=0.8", "fr"],
    ["en;q=0.4,fr;q=0.6", "fr"],
    ["fr;q=0,en", "en"],
    ["*", "en"],
    ["fr;q=abc", "fr"], // a malformed quality is ignored,
    ["french", "en"],
  ])("%s → %s", (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });
});

describe("inLanguage", () => {
  it("picks the reader's language and passes plain strings through", () => {
    const message = text("Le devis est signé.", "The quote is signed.");
    expect(inLanguage(message, "fr")).toBe("Le devis est signé.");
    expect(inLanguage(message, "en")).toBe("The quote is signed.");
    expect(inLanguage("Cabinet Morel", "fr")).toBe("Cabinet Morel");
  });
});
