/**
 * The formula language the fake understands: enough of Excel's grammar to keep formulas as
 * formulas (A1 and R1C1 forms), to rewrite their references as Excel does when a table or a sheet
 * is renamed or deleted or when cells shift, and to evaluate the formulas the add-in writes
 * (see evaluate.ts). Formulas use the en-US syntax of `Range.formulas` (comma separators).
 *
 * A formula the fake cannot parse is refused when written, as Excel refuses a formula it cannot
 * parse ("There's a problem with this formula"): better a failing test than text the real Excel
 * would refuse.
 */
import { type Area, columnIndex, columnLetters, MAX_COLS, MAX_ROWS } from "./addresses.js";

export class FormulaSyntaxError extends Error {}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/** One corner of a cell reference, as an absolute position; `absRow`/`absCol` are A1's `$`. */
export interface Corner {
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

/** A structured reference's part inside the brackets: which rows, which columns. */
export interface StructuredSpec {
  area: "data" | "all" | "headers" | "totals" | "thisRow";
  /** First and last column by name; null = every column. */
  from: string | null;
  to: string | null;
}

export type RefToken = { t: "ref"; text: string; sheet: string | null; a: Corner; b: Corner | null };

export type Token =
  | { t: "num"; text: string }
  | { t: "str"; text: string }
  | { t: "bool"; text: string }
  | { t: "err"; text: string }
  | RefToken
  | { t: "sref"; text: string; table: string | null; spec: StructuredSpec }
  | { t: "func"; text: string; name: string }
  | { t: "name"; text: string }
  | { t: "op"; text: string }
  | { t: "("; text: string }
  | { t: ")"; text: string }
  | { t: ","; text: string }
  | { t: "ws"; text: string };

export const ERROR_CODES = ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#CALC!", "#SPILL!"] as const;

const IDENT_START = /[A-Za-z_\\\u00C0-\uFFFF]/;
const IDENT_CHAR = /[A-Za-z0-9_.\\\u00C0-\uFFFF]/;

/** Reads `[ … ]` with nesting and `'` escapes; returns the index after the closing bracket. */
function readBrackets(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      i++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new FormulaSyntaxError("unclosed [ in a structured reference");
}

function unescapeName(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "'" && i + 1 < s.length) i++;
    out += s[i];
  }
  return out;
}

/** Inside a structured reference, [ ] # and ' are escaped with a ' (Excel's rule). */
export function escapeColumnName(s: string): string {
  return s.replace(/(['[\]#])/g, "'$1");
}

/** Splits `[a],[b]:[c]` at top level into bracketed items and separators. */
function bracketItems(s: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === "[") {
      const end = readBrackets(s, i);
      items.push(s.slice(i, end));
      i = end;
    } else if (c === "," || c === ":") {
      items.push(c);
      i++;
    } else if (c === " ") i++;
    else throw new FormulaSyntaxError(`unexpected "${c}" in a structured reference`);
  }
  return items;
}

const SPECIALS: Record<string, StructuredSpec["area"]> = {
  "#data": "data",
  "#all": "all",
  "#headers": "headers",
  "#totals": "totals",
  "#this row": "thisRow",
};

function columnsOf(items: string[]): { from: string | null; to: string | null } {
  const names = items.filter((i) => i !== ":" && i !== ",").map((i) => unescapeName(i.slice(1, -1)));
  if (names.length === 0) return { from: null, to: null };
  if (names.length > 2 || (names.length === 2 && !items.includes(":"))) {
    throw new FormulaSyntaxError("a structured reference names one column or a span [a]:[b]");
  }
  return { from: names[0] as string, to: (names[1] ?? names[0]) as string };
}

/** Parses what is inside `Table[…]` (the outer brackets removed). */
export function parseStructuredSpec(inner: string): StructuredSpec {
  const s = inner.trim();
  if (s === "") return { area: "data", from: null, to: null };
  if (s.startsWith("@")) {
    const rest = s.slice(1).trim();
    if (rest === "") return { area: "thisRow", from: null, to: null };
    if (rest.startsWith("[")) return { area: "thisRow", ...columnsOf(bracketItems(rest)) };
    const name = unescapeName(rest);
    return { area: "thisRow", from: name, to: name };
  }
  if (s.startsWith("#")) {
    const area = SPECIALS[s.toLowerCase()];
    if (!area) throw new FormulaSyntaxError(`unknown item ${s}`);
    return { area, from: null, to: null };
  }
  if (!s.startsWith("[")) {
    if (/[[\]]/.test(s.replace(/'./g, ""))) throw new FormulaSyntaxError(`bad structured reference [${s}]`);
    const name = unescapeName(s);
    return { area: "data", from: name, to: name };
  }
  const items = bracketItems(s);
  let area: StructuredSpec["area"] = "data";
  const rest: string[] = [];
  for (const item of items) {
    const special = item.startsWith("[#") ? SPECIALS[item.slice(1, -1).toLowerCase()] : undefined;
    if (special) area = special;
    else rest.push(item);
  }
  while (rest[0] === ",") rest.shift();
  return { area, ...columnsOf(rest) };
}

const PLAIN_NAME = /^[\p{L}\p{N}_]+$/u;

/** Excel's canonical text of a structured reference. */
export function formatStructured(table: string | null, spec: StructuredSpec): string {
  const col = (n: string) => `[${escapeColumnName(n)}]`;
  const cols = spec.from === null ? "" : spec.from === spec.to ? col(spec.from) : `${col(spec.from)}:${col(spec.to as string)}`;
  const single = spec.from !== null && spec.from === spec.to && PLAIN_NAME.test(spec.from);
  let inner: string;
  if (spec.area === "thisRow") inner = spec.from === null ? "@" : single ? `@${spec.from}` : `@${cols}`;
  else if (spec.area === "data") inner = spec.from === null ? "" : single ? (spec.from as string) : cols;
  else {
    const special = `#${spec.area === "all" ? "All" : spec.area === "headers" ? "Headers" : "Totals"}`;
    inner = cols === "" ? special : `[${special}],${cols}`;
  }
  return `${table ?? ""}[${inner}]`;
}

function cornerA1(text: string): Corner | null {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(text);
  if (!m) return null;
  const col = columnIndex(m[2] as string);
  const row = Number(m[4]) - 1;
  if (col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col, absCol: m[1] === "$", absRow: m[3] === "$" };
}

/** An R1C1 corner read relative to the cell (r0, c0) that holds the formula. */
function cornerR1C1(text: string, r0: number, c0: number): Corner | null {
  const m = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?$/.exec(text);
  if (!m) return null;
  const part = (p: string | undefined, base: number) =>
    p === undefined
      ? { v: base, abs: false }
      : p.startsWith("[")
        ? { v: base + Number(p.slice(1, -1)), abs: false }
        : { v: Number(p) - 1, abs: true };
  const r = part(m[1], r0);
  const c = part(m[2], c0);
  if (r.v < 0 || r.v >= MAX_ROWS || c.v < 0 || c.v >= MAX_COLS) return null;
  return { row: r.v, col: c.v, absRow: r.abs, absCol: c.abs };
}

/**
 * Tokens of a formula body (without its "="). In R1C1 mode, references are read relative to the
 * cell (r0, c0) and held as absolute positions, like A1 tokens.
 */
export function tokenize(body: string, mode: "A1" | "R1C1" = "A1", r0 = 0, c0 = 0): Token[] {
  const s = body;
  const tokens: Token[] = [];
  const cornerRe = mode === "A1" ? /^\$?[A-Za-z]{1,3}\$?\d{1,7}/ : /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?/;

  const readCorner = (k: number): { end: number; corner: Corner } | null => {
    const m = cornerRe.exec(s.slice(k));
    if (!m) return null;
    const next = s[k + m[0].length];
    if (next !== undefined && (IDENT_CHAR.test(next) || next === "(" || next === "[")) return null;
    const corner = mode === "A1" ? cornerA1(m[0]) : cornerR1C1(m[0], r0, c0);
    return corner ? { end: k + m[0].length, corner } : null;
  };

  const refAt = (start: number): { end: number; sheet: string | null; a: Corner; b: Corner | null } | null => {
    let j = start;
    let sheet: string | null = null;
    if (s[j] === "'") {
      let k = j + 1;
      let name = "";
      for (; k < s.length; k++) {
        if (s[k] === "'") {
          if (s[k + 1] === "'") {
            name += "'";
            k++;
            continue;
          }
          break;
        }
        name += s[k];
      }
      if (s[k] !== "'" || s[k + 1] !== "!") return null;
      sheet = name;
      j = k + 2;
    } else {
      const m = /^([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!/.exec(s.slice(j));
      if (m) {
        sheet = m[1] as string;
        j += m[0].length;
      }
    }
    const first = readCorner(j);
    if (!first) return null;
    let end = first.end;
    let b: Corner | null = null;
    if (s[end] === ":") {
      const second = readCorner(end + 1);
      if (second) {
        b = second.corner;
        end = second.end;
      }
    }
    return { end, sheet, a: first.corner, b };
  };

  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      let j = i;
      while (j < s.length && /\s/.test(s[j] as string)) j++;
      tokens.push({ t: "ws", text: s.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            j++;
            continue;
          }
          break;
        }
      }
      if (j >= s.length) throw new FormulaSyntaxError("unclosed string");
      tokens.push({ t: "str", text: s.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === "#") {
      const code = ERROR_CODES.find((e) => s.slice(i, i + e.length).toUpperCase() === e);
      if (!code) throw new FormulaSyntaxError(`unknown error value at ${s.slice(i, i + 8)}`);
      tokens.push({ t: "err", text: code });
      i += code.length;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
      if (m) {
        tokens.push({ t: "num", text: m[0] });
        i += m[0].length;
        continue;
      }
    }
    if (c === "[") {
      const end = readBrackets(s, i);
      const text = s.slice(i, end);
      tokens.push({ t: "sref", text, table: null, spec: parseStructuredSpec(text.slice(1, -1)) });
      i = end;
      continue;
    }
    if (c === "'" || c === "$" || IDENT_START.test(c)) {
      const ref = refAt(i);
      if (ref) {
        tokens.push({ t: "ref", text: s.slice(i, ref.end), sheet: ref.sheet, a: ref.a, b: ref.b });
        i = ref.end;
        continue;
      }
      if (c === "'" || c === "$") throw new FormulaSyntaxError(`unexpected ${c}`);
      let j = i + 1;
      while (j < s.length && IDENT_CHAR.test(s[j] as string)) j++;
      const word = s.slice(i, j);
      if (s[j] === "(") {
        tokens.push({ t: "func", text: word, name: word.toUpperCase().replace(/^_XLFN\./, "") });
        i = j;
        continue;
      }
      if (s[j] === "[") {
        const end = readBrackets(s, j);
        tokens.push({ t: "sref", text: s.slice(i, end), table: word, spec: parseStructuredSpec(s.slice(j + 1, end - 1)) });
        i = end;
        continue;
      }
      if (/^(TRUE|FALSE)$/i.test(word)) tokens.push({ t: "bool", text: word.toUpperCase() });
      else tokens.push({ t: "name", text: word });
      i = j;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      tokens.push({ t: "op", text: two });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%".includes(c)) {
      tokens.push({ t: "op", text: c });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ t: c, text: c } as Token);
      i++;
      continue;
    }
    throw new FormulaSyntaxError(`unexpected "${c}"`);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Writing tokens back (A1 or R1C1), and the rewrites Excel does on references
// ---------------------------------------------------------------------------------------------

function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function cornerToA1(c: Corner): string {
  return `${c.absCol ? "$" : ""}${columnLetters(c.col)}${c.absRow ? "$" : ""}${c.row + 1}`;
}

function cornerToR1C1(c: Corner, r0: number, c0: number): string {
  const part = (letter: string, v: number, abs: boolean, base: number) =>
    abs ? `${letter}${v + 1}` : v === base ? letter : `${letter}[${v - base}]`;
  return `${part("R", c.row, c.absRow, r0)}${part("C", c.col, c.absCol, c0)}`;
}

function refText(tok: RefToken, mode: "A1" | "R1C1", r0: number, c0: number): string {
  const corner = (c: Corner) => (mode === "A1" ? cornerToA1(c) : cornerToR1C1(c, r0, c0));
  return `${tok.sheet === null ? "" : `${quoteSheet(tok.sheet)}!`}${corner(tok.a)}${tok.b ? `:${corner(tok.b)}` : ""}`;
}

export function untokenize(tokens: Token[], mode: "A1" | "R1C1" = "A1", r0 = 0, c0 = 0): string {
  let out = "";
  for (const tok of tokens) {
    if (tok.t === "ref") out += refText(tok, mode, r0, c0);
    else if (tok.t === "sref") out += formatStructured(tok.table, tok.spec);
    else out += tok.text;
  }
  return out;
}

/** A formula in A1 form ("=…") written in R1C1 form for the cell (r0, c0), and the reverse. */
export function a1ToR1C1(formula: string, r0: number, c0: number): string {
  return `=${untokenize(tokenize(formula.slice(1), "A1"), "R1C1", r0, c0)}`;
}

export function r1c1ToA1(formula: string, r0: number, c0: number): string {
  return `=${untokenize(tokenize(formula.slice(1), "R1C1", r0, c0), "A1")}`;
}

/** Rewrites the tokens of an A1 formula with `edit` (null keeps a token); the text is unchanged when no token is. */
export function rewrite(formula: string, edit: (tok: Token) => Token | null): string {
  let changed = false;
  const tokens = tokenize(formula.slice(1), "A1").map((t) => {
    const next = edit(t);
    if (next === null) return t;
    changed = true;
    return next;
  });
  return changed ? `=${untokenize(tokens, "A1")}` : formula;
}

/** Area of a reference token (both corners, ordered). */
export function refArea(tok: RefToken): Area {
  const b = tok.b ?? tok.a;
  const row = Math.min(tok.a.row, b.row);
  const col = Math.min(tok.a.col, b.col);
  return { row, col, rows: Math.abs(b.row - tok.a.row) + 1, cols: Math.abs(b.col - tok.a.col) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Parser: tokens → expression tree, with Excel's operator precedence
// ---------------------------------------------------------------------------------------------

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "bool"; v: boolean }
  | { k: "err"; v: string }
  | { k: "ref"; tok: RefToken }
  | { k: "sref"; table: string | null; spec: StructuredSpec }
  | { k: "name"; name: string }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "unary"; op: string; e: Expr }
  | { k: "percent"; e: Expr }
  | { k: "binary"; op: string; l: Expr; r: Expr };

const PRECEDENCE: Record<string, number> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};

export function parseFormula(formula: string): Expr {
  if (!formula.startsWith("=")) throw new FormulaSyntaxError("a formula starts with =");
  const tokens = tokenize(formula.slice(1)).filter((t) => t.t !== "ws");
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const tok = tokens[i++];
    if (!tok) throw new FormulaSyntaxError("the formula ends too early");
    return tok;
  };

  function primary(): Expr {
    const tok = next();
    switch (tok.t) {
      case "num":
        return { k: "num", v: Number(tok.text) };
      case "str":
        return { k: "str", v: tok.text.slice(1, -1).replace(/""/g, '"') };
      case "bool":
        return { k: "bool", v: tok.text === "TRUE" };
      case "err":
        return { k: "err", v: tok.text };
      case "ref":
        return { k: "ref", tok };
      case "sref":
        return { k: "sref", table: tok.table, spec: tok.spec };
      case "name":
        return { k: "name", name: tok.text };
      case "func": {
        next(); // "("
        const args: Expr[] = [];
        if (peek()?.t === ")") next();
        else {
          for (;;) {
            args.push(expression(0));
            const sep = next();
            if (sep.t === ")") break;
            if (sep.t !== ",") throw new FormulaSyntaxError(`expected , or ) after an argument of ${tok.name}`);
          }
        }
        return { k: "call", name: tok.name, args };
      }
      case "(": {
        const e = expression(0);
        if (next().t !== ")") throw new FormulaSyntaxError("expected )");
        return e;
      }
      case "op":
        if (tok.text === "-" || tok.text === "+") return { k: "unary", op: tok.text, e: unaryOperand() };
        throw new FormulaSyntaxError(`unexpected ${tok.text}`);
      default:
        throw new FormulaSyntaxError(`unexpected ${tok.text}`);
    }
  }

  // Unary minus binds tighter than ^ in Excel (=-2^2 is 4); % is a postfix operator.
  function unaryOperand(): Expr {
    let e = primary();
    while (peek()?.t === "op" && peek()?.text === "%") {
      next();
      e = { k: "percent", e };
    }
    return e;
  }

  // Binary operators are left-associative in Excel, ^ included (=2^3^2 is 64).
  function expression(min: number): Expr {
    let left = unaryOperand();
    for (;;) {
      const tok = peek();
      if (tok?.t !== "op") break;
      const p = PRECEDENCE[tok.text];
      if (p === undefined || p < min) break;
      next();
      left = { k: "binary", op: tok.text, l: left, r: expression(p + 1) };
    }
    return left;
  }

  const e = expression(0);
  if (i !== tokens.length) throw new FormulaSyntaxError(`unexpected ${tokens[i]?.text}`);
  return e;
}
