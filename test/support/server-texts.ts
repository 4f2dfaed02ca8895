/**
 * Every message the server writes goes through `text(fr, en)` (domain/text.ts): this reads the
 * source of server/src and returns each such call built from literals, placeholders (`${…}`) read
 * as a neutral word `X`, both branches of a `? :` joined by " | ". The server's French check
 * (test/unit/french-messages.test.ts) and the pane's language check (test/addin/unit/language-check.test.ts)
 * both read them from here.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

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

export interface ServerText {
  where: string;
  fr: string;
  en: string;
}

export function serverTexts(): ServerText[] {
  const calls: ServerText[] = [];
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
