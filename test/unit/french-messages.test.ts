import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { englishWordsIn } from "../support/french.js";

/**
 * Every message the server writes goes through `text(fr, en)` (domain/text.ts). This reads the
 * source of server/src and checks each such call: a French text that equals its English one, or
 * that holds English words, fails (issue 11: "a French user never meets an English message").
 * Placeholders (`${…}`) are read as a neutral word; both branches of a `? :` are checked.
 */
const ROOT = path.resolve(import.meta.dirname, "../../server/src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The literal text of an expression (placeholders as `X`), or null when it is not built from literals. */
function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `X${s.literal.text}`).join("");
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === null && right === null ? null : `${left ?? "X"}${right ?? "X"}`;
  }
  if (ts.isConditionalExpression(node)) {
    const whenTrue = literalText(node.whenTrue);
    const whenFalse = literalText(node.whenFalse);
    return whenTrue === null && whenFalse === null ? null : `${whenTrue ?? "X"} | ${whenFalse ?? "X"}`;
  }
  return null;
}

interface Call {
  where: string;
  fr: string;
  en: string;
}

function textCalls(): Call[] {
  const calls: Call[] = [];
  for (const file of sourceFiles(ROOT)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "text" &&
        node.arguments.length === 2
      ) {
        const [fr, en] = node.arguments.map((a) => literalText(a as ts.Expression));
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        if (fr !== null && fr !== undefined && en !== null && en !== undefined) {
          calls.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, fr, en });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe("the server's messages in French", () => {
  const calls = textCalls();

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
