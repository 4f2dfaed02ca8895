import { describe, expect, it } from "vitest";
import { englishWordsIn } from "../support/french.js";
import { serverTexts } from "../support/server-texts.js";

/**
 * Every message the server writes goes through `text(fr, en)` (domain/text.ts); each such call
 * (test/support/server-texts.ts) is checked: a French text that equals its English one, or that
 * holds English words, fails (issue 11: "a French user never meets an English message").
 */
describe("the server's messages in French", () => {
  const calls = serverTexts();

  it("finds the messages (about 240 calls, many of them templates used in several places)", () => {
    expect(calls.length).toBeGreaterThan(200);
  });

  it("never gives a French text equal to its English one", () => {
    expect(calls.filter((c) => c.fr.trim() === c.en.trim()).map((c) => c.where)).toEqual([]);
  });

  it("never puts English words in a French text", () => {
    const english = calls
      .map((c) => ({ where: c.where, words: englishWordsIn(c.fr) }))
      .filter((c) => c.words.length > 0)
      .map((c) => `${c.where}: ${c.words.join(", ")}`);
    expect(english).toEqual([]);
  });

  it("has a check that would catch an English message", () => {
    expect(englishWordsIn("The quote is signed.")).toEqual(["is"]);
    expect(englishWordsIn("must be at least 1")).toEqual(["must", "be"]);
    expect(englishWordsIn("Le devis est signé : « the » est cité, lines[0].quantity aussi.")).toEqual([]);
  });
});
