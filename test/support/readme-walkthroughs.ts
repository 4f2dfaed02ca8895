/**
 * Reads the README's walkthroughs as a person copying them into a shell would run them, so that
 * test/api/readme-walkthroughs.test.ts can send every request to a real server.
 *
 * The rules (the README's "Walkthroughs" section says the same in one paragraph):
 * - The walkthroughs are the README's `## Walkthroughs` section, up to the next `## ` heading; each
 *   `### ` heading starts a walkthrough. Every fenced block there is `sh`, `json` or `powerquery`.
 * - An `sh` block holds, one per line (a quoted string may span lines), only:
 *   `export NAME=value …` (the set-up: the test gives API and TOKEN its own values),
 *   `curl [-s] [-H header]… [--json body] URL [| tee FILE]` (a request; `tee` keeps its answer), and
 *   `NAME=$(jq -r PATH FILE)` (keeps a value of the answer kept in FILE, PATH like `.data.x[0].id`).
 *   Words follow the shell: '…' is literal, "…" and bare words expand $NAME; adjacent parts join.
 *   Anything else is an error, so a README edit cannot silently drop a request.
 * - A `json` block right after an `sh` block is (part of) the answer to that block's last request:
 *   every key it shows must be in the answer with that value, arrays element by element.
 * - A request fails when its HTTP status is not 2xx or its answer has `errors`, unless the `json`
 *   block after it shows those errors.
 * - A `powerquery` block's `Web.Contents(…, [RelativePath = "…", Query = [k = "v", …]])` is fetched
 *   from the server with $TOKEN, and the columns it types must be in the CSV's header.
 */

export type Word = { kind: "literal"; text: string } | { kind: "variable"; name: string };

export type Step =
  | { kind: "export"; assignments: { name: string; value: Word[] }[]; line: number }
  | { kind: "curl"; headers: [Word[], Word[]][]; json?: Word[]; url: Word[]; tee?: string; line: number; source: string }
  | { kind: "capture"; name: string; path: string; file: string; line: number }
  | { kind: "expect"; answer: unknown; line: number }
  | { kind: "powerquery"; relativePath: string; query: Record<string, string>; columns: string[]; line: number };

export interface Walkthrough {
  title: string;
  steps: Step[];
  /** How many times `curl` appears in the walkthrough's text, to check that none was skipped. */
  curlMentions: number;
}

export class ReadmeFormatError extends Error {}

function fail(line: number, message: string): never {
  throw new ReadmeFormatError(`README.md line ${line}: ${message}`);
}

/** The walkthroughs of the README, each a list of steps; throws ReadmeFormatError on anything it cannot read. */
export function parseWalkthroughs(readme: string): { setup: Step[]; walkthroughs: Walkthrough[] } {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.trim() === "## Walkthroughs");
  if (start < 0) fail(1, "no '## Walkthroughs' section");
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = lines.length;

  const setup: Step[] = [];
  const walkthroughs: Walkthrough[] = [];
  let current: Walkthrough | undefined;
  let previousFence: string | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("### ")) {
      current = { title: line.slice(4).trim(), steps: [], curlMentions: 0 };
      walkthroughs.push(current);
      previousFence = undefined;
      continue;
    }
    if (current) current.curlMentions += line.match(/\bcurl\b/g)?.length ?? 0;
    const fence = line.match(/^```(\S*)\s*$/);
    if (!fence) {
      if (line.trim() !== "") previousFence = undefined;
      continue;
    }
    const language = fence[1] ?? "";
    const close = lines.findIndex((l, j) => j > i && l.trim() === "```");
    if (close < 0 || close >= end) fail(i + 1, "unclosed code block");
    const body = lines.slice(i + 1, close).join("\n");
    if (current) current.curlMentions += body.match(/\bcurl\b/g)?.length ?? 0;
    const target = current ? current.steps : setup;
    if (language === "sh") target.push(...parseShell(body, i + 2));
    else if (language === "json") {
      if (previousFence !== "sh") fail(i + 1, "a json block must follow an sh block (it shows that block's last answer)");
      try {
        target.push({ kind: "expect", answer: JSON.parse(body), line: i + 1 });
      } catch (error) {
        fail(i + 1, `json block is not JSON: ${(error as Error).message}`);
      }
    } else if (language === "powerquery") target.push(parsePowerQuery(body, i + 2));
    else fail(i + 1, `code block '${language}' in the walkthroughs: only sh, json and powerquery are run`);
    previousFence = language;
    i = close;
  }
  if (walkthroughs.length === 0) fail(start + 1, "no '### ' walkthrough in the Walkthroughs section");
  return { setup, walkthroughs };
}

type Token = { kind: "word"; parts: Word[]; line: number } | { kind: "pipe" | "newline" | "open" | "close"; line: number };

/** A small shell tokenizer: quotes, $NAME, `|`, `$(`, `)`, comments, newlines. */
function tokenize(text: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  let parts: Word[] | undefined;
  const push = (w: Word) => {
    parts ??= [];
    const last = parts.at(-1);
    if (w.kind === "literal" && last?.kind === "literal") last.text += w.text;
    else parts.push(w);
  };
  const endWord = () => {
    if (parts) tokens.push({ kind: "word", parts, line });
    parts = undefined;
  };
  const variable = (): Word => {
    // at "$": $NAME or ${NAME}
    const m = text.slice(i).match(/^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/);
    if (!m) fail(line, `'$' not followed by a variable name: ${text.slice(i, i + 20)}`);
    i += m[0].length;
    return { kind: "variable", name: (m[1] ?? m[2]) as string };
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\n") {
      endWord();
      tokens.push({ kind: "newline", line });
      line += 1;
      i += 1;
    } else if (c === " " || c === "\t") {
      endWord();
      i += 1;
    } else if (c === "#" && !parts) {
      while (i < text.length && text[i] !== "\n") i += 1;
    } else if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      line += 1;
    } else if (c === "|") {
      endWord();
      tokens.push({ kind: "pipe", line });
      i += 1;
    } else if (c === "$" && text[i + 1] === "(") {
      endWord();
      tokens.push({ kind: "open", line });
      i += 2;
    } else if (c === ")") {
      endWord();
      tokens.push({ kind: "close", line });
      i += 1;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) fail(line, "unclosed single quote");
      const literal = text.slice(i + 1, close);
      push({ kind: "literal", text: literal });
      line += literal.split("\n").length - 1;
      i = close + 1;
    } else if (c === '"') {
      i += 1;
      parts ??= [];
      while (text[i] !== '"') {
        if (i >= text.length) fail(line, "unclosed double quote");
        if (text[i] === "$") push(variable());
        else if (text[i] === "\\" && /["\\$`]/.test(text[i + 1] ?? "")) {
          push({ kind: "literal", text: text[i + 1] as string });
          i += 2;
        } else if (text[i] === "`") fail(line, "backquotes are not supported");
        else {
          if (text[i] === "\n") line += 1;
          push({ kind: "literal", text: text[i] as string });
          i += 1;
        }
      }
      i += 1;
    } else if (c === "$") push(variable());
    else if (/[;&<>`(]/.test(c)) fail(line, `'${c}' is not supported in a walkthrough command`);
    else {
      push({ kind: "literal", text: c });
      i += 1;
    }
  }
  endWord();
  return tokens;
}

const literalOf = (parts: Word[]): string | undefined =>
  parts.every((p) => p.kind === "literal") ? parts.map((p) => (p as { text: string }).text).join("") : undefined;

function parseShell(text: string, firstLine: number): Step[] {
  const tokens = tokenize(text, firstLine);
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "newline") commands.push([]);
    else commands.at(-1)?.push(token);
  }
  const steps: Step[] = [];
  for (const command of commands.filter((c) => c.length > 0)) {
    const line = command[0]?.line ?? firstLine;
    const words = command.map((t) => (t.kind === "word" ? t.parts : t.kind));
    const first = words[0];
    if (Array.isArray(first) && literalOf(first) === "export") {
      const assignments = words.slice(1).map((w) => {
        const head = Array.isArray(w) ? w[0] : undefined;
        const m = head?.kind === "literal" ? head.text.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s) : null;
        if (!Array.isArray(w) || !m) fail(line, "export takes NAME=value words only");
        return { name: m[1] as string, value: [{ kind: "literal", text: m[2] as string } as Word, ...w.slice(1)] };
      });
      steps.push({ kind: "export", assignments, line });
      continue;
    }
    // NAME=$(jq -r PATH FILE)
    const assignment = Array.isArray(first) && first.length === 1 ? literalOf(first)?.match(/^([A-Za-z_][A-Za-z0-9_]*)=$/) : null;
    if (assignment) {
      const inner = words.slice(1);
      const texts = inner.slice(1, -1).map((w) => (Array.isArray(w) ? literalOf(w) : undefined));
      if (inner[0] !== "open" || inner.at(-1) !== "close" || texts.length !== 4 || texts[0] !== "jq" || texts[1] !== "-r")
        fail(line, `${assignment[1]}=…: only NAME=$(jq -r PATH FILE) keeps a value`);
      const path = texts[2] as string;
      if (!/^(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$/.test(path)) fail(line, `jq path '${path}' is not of the form .a.b[0].c`);
      steps.push({ kind: "capture", name: assignment[1] as string, path, file: texts[3] as string, line });
      continue;
    }
    if (Array.isArray(first) && literalOf(first) === "curl") {
      steps.push(parseCurl(words.slice(1), line, text));
      continue;
    }
    fail(line, `not a walkthrough command (export, curl, NAME=$(jq -r PATH FILE)): ${JSON.stringify(words[0])}`);
  }
  return steps;
}

function parseCurl(words: (Word[] | string)[], line: number, source: string): Step {
  const step: Extract<Step, { kind: "curl" }> = { kind: "curl", headers: [], url: [], line, source };
  let url: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "pipe") {
      const rest = words.slice(i + 1).map((w) => (Array.isArray(w) ? literalOf(w) : undefined));
      if (rest.length !== 2 || rest[0] !== "tee" || !rest[1]) fail(line, "after curl, only '| tee FILE' is supported");
      step.tee = rest[1];
      break;
    }
    if (!Array.isArray(word)) fail(line, `unexpected '${word}' in curl`);
    const option = literalOf(word);
    const value = () => {
      const next = words[++i];
      if (!Array.isArray(next)) fail(line, `curl ${option} needs a value`);
      return next;
    };
    if (option === "-s") continue;
    if (option === "-H") {
      const header = value();
      // Split "Name: value" at the first colon of the literal text.
      const index = header.findIndex((p) => p.kind === "literal" && p.text.includes(":"));
      const part = header[index];
      if (index < 0 || part?.kind !== "literal") fail(line, "curl -H needs 'Name: value'");
      const colon = part.text.indexOf(":");
      const name = [...header.slice(0, index), { kind: "literal", text: part.text.slice(0, colon) } as Word];
      const rest = [{ kind: "literal", text: part.text.slice(colon + 1).trimStart() } as Word, ...header.slice(index + 1)];
      step.headers.push([name, rest]);
    } else if (option === "--json") step.json = value();
    else if (option?.startsWith("-")) fail(line, `curl option ${option} is not supported (use -s, -H, --json)`);
    else if (url) fail(line, "curl with two URLs");
    else url = word;
  }
  if (!url) fail(line, "curl without a URL");
  step.url = url;
  return step;
}

function parsePowerQuery(text: string, line: number): Step {
  const relativePath = text.match(/RelativePath\s*=\s*"([^"]+)"/)?.[1];
  const queryText = text.match(/Query\s*=\s*\[([^\]]*)\]/)?.[1];
  if (!relativePath || queryText === undefined) fail(line, 'Power Query without RelativePath = "…" and Query = [ … ]');
  const query: Record<string, string> = {};
  for (const m of queryText.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"/g)) query[m[1] as string] = m[2] as string;
  const typed = text.slice(text.indexOf("TransformColumnTypes"));
  const columns = [...typed.matchAll(/\{\s*"([^"]+)"\s*,/g)].map((m) => m[1] as string);
  if (columns.length === 0) fail(line, "Power Query without typed columns");
  return { kind: "powerquery", relativePath, query, columns, line };
}

/** The shell's value of a word; an unset variable is an error (the shell would send an empty string). */
export function expand(parts: Word[], variables: Map<string, string>, line: number): string {
  return parts
    .map((p) => {
      if (p.kind === "literal") return p.text;
      const value = variables.get(p.name);
      if (value === undefined) fail(line, `$${p.name} is not set by an earlier step`);
      return value;
    })
    .join("");
}

/** `jq -r PATH` of a parsed answer: a string or number, never null (jq would print "null"). */
export function jqPath(answer: unknown, path: string, line: number): string {
  let value: unknown = answer;
  for (const m of path.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== "object") fail(line, `jq -r ${path}: nothing at ${m[0]}`);
    value = m[1] !== undefined ? (value as Record<string, unknown>)[m[1]] : (value as unknown[])[Number(m[2])];
  }
  if (typeof value !== "string" && typeof value !== "number") fail(line, `jq -r ${path} gives ${JSON.stringify(value)}`);
  return String(value);
}

/** Where `shown` (a json block) differs from `actual`, as a path; undefined when every shown value is there. */
export function mismatch(shown: unknown, actual: unknown, at = ""): string | undefined {
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual) || actual.length !== shown.length) return `${at}: expected ${shown.length} elements`;
    for (const [i, element] of shown.entries()) {
      const m = mismatch(element, actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (shown !== null && typeof shown === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${at}: expected an object`;
    for (const [key, value] of Object.entries(shown)) {
      const m = mismatch(value, (actual as Record<string, unknown>)[key], `${at}.${key}`);
      if (m) return m;
    }
    return undefined;
  }
  return shown === actual ? undefined : `${at}: expected ${JSON.stringify(shown)}, got ${JSON.stringify(actual)}`;
}
