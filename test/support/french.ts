/**
 * A check that a French message contains no English: English function words that French never
 * uses, outside what a message legitimately quotes (« … », `…`, "…", field paths and argument
 * names). Used by the tests of every message the API answers in French (issue 11: "a test fails
 * when a French answer contains an English message").
 */
const ENGLISH_WORDS = [
  "the",
  "is",
  "are",
  "must",
  "cannot",
  "not",
  "with",
  "which",
  "when",
  "than",
  "only",
  "and",
  "of",
  "for",
  "this",
  "that",
  "be",
  "has",
  "have",
  "should",
  "was",
  "were",
  "would",
  "will",
  "already",
  "been",
  "its",
  "your",
  "you",
  "please",
  "required",
  "invalid",
  "expected",
];

const PATTERN = new RegExp(`\\b(${ENGLISH_WORDS.join("|")})\\b`, "g");

/** The English words found in a French message (empty when it reads as French). */
export function englishWordsIn(message: string): string[] {
  const unquoted = message
    .replace(/«[^»]*»/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/"[^"]*"/g, " ")
    // Field paths and argument names (`lines[0].quantity`, `noticeMonths`) are not prose.
    .replace(/\b[a-z]+(?:[A-Z][a-zA-Z]*)+\b/g, " ")
    .replace(/\b[a-zA-Z]+\[\d+\](?:\.[a-zA-Z]+(?:\[\d+\])?)*/g, " ");
  return [...unquoted.matchAll(PATTERN)].map((m) => m[1] as string);
}
