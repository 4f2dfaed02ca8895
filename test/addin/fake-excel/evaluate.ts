/**
 * Evaluates the formulas the add-in writes (and simple ones a user adds): arithmetic, comparison
 * and concatenation with Excel's coercions, A1 and structured references, and the functions
 * listed in FUNCTIONS. Anything else is #NAME?, as Excel shows for an unknown function: a test
 * that needs more must teach the fake, never be satisfied by a guess.
 */
import type { Area } from "./addresses.js";
import { type Expr, refArea, type StructuredSpec } from "./formula.js";

export class XlError {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

export type Scalar = number | string | boolean | XlError;
/** A reference evaluates to the cells it covers. */
export interface RangeValue {
  sheet: string;
  area: Area;
}
type Value = Scalar | RangeValue;

export interface EvalHost {
  /** The value of a cell (evaluating its formula first when it has one); "" when empty. */
  cell(sheet: string, row: number, col: number): Scalar;
  /** Resolves a structured reference from the cell (sheet, row, col); an XlError when it does not resolve. */
  structured(table: string | null, spec: StructuredSpec, at: { sheet: string; row: number; col: number }): RangeValue | XlError;
  /** Whether a sheet exists (a reference to a missing sheet is #REF!). */
  hasSheet(name: string): string | null;
  /** Today as an Excel serial. */
  today(): number;
}

const isRange = (v: Value): v is RangeValue => typeof v === "object" && v !== null && !(v instanceof XlError);

/** Excel rounds half away from zero on the decimal value shown, not on the binary double. */
function roundExcel(x: number, digits: number): number {
  const f = 10 ** digits;
  const shifted = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(shifted)) / f;
}

function toNumber(v: Scalar): number | XlError {
  if (v instanceof XlError) return v;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "") return 0;
  const n = Number(v.trim());
  return v.trim() !== "" && Number.isFinite(n) ? n : new XlError("#VALUE!");
}

function toText(v: Scalar): string | XlError {
  if (v instanceof XlError) return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  return v;
}

function compare(a: Scalar, b: Scalar): number {
  // Excel orders numbers < text < booleans; text compares case-insensitively.
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  const x = a === "" && typeof b === "number" ? 0 : a;
  const y = b === "" && typeof a === "number" ? 0 : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "string" && typeof y === "string") return x.toLowerCase().localeCompare(y.toLowerCase());
  return (x as number) - (y as number);
}

export class Evaluator {
  constructor(
    private readonly host: EvalHost,
    private readonly at: { sheet: string; row: number; col: number },
  ) {}

  run(expr: Expr): Scalar {
    return this.scalar(this.eval(expr));
  }

  /** A range used where one value is expected: its single cell, or #VALUE! (no implicit intersection). */
  private scalar(v: Value): Scalar {
    if (!isRange(v)) return v;
    if (v.area.rows === 1 && v.area.cols === 1) return this.host.cell(v.sheet, v.area.row, v.area.col);
    // Implicit intersection with the formula's own row (a column of a table used in a row of it).
    if (v.area.cols === 1 && v.sheet === this.at.sheet && this.at.row >= v.area.row && this.at.row < v.area.row + v.area.rows) {
      return this.host.cell(v.sheet, this.at.row, v.area.col);
    }
    return new XlError("#VALUE!");
  }

  private *cells(v: Value): Generator<Scalar> {
    if (!isRange(v)) {
      yield v;
      return;
    }
    for (let r = 0; r < v.area.rows; r++)
      for (let c = 0; c < v.area.cols; c++) yield this.host.cell(v.sheet, v.area.row + r, v.area.col + c);
  }

  private eval(e: Expr): Value {
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "bool":
        return e.v;
      case "err":
        return new XlError(e.v);
      case "name":
        return new XlError("#NAME?");
      case "ref": {
        let sheet = this.at.sheet;
        if (e.tok.sheet !== null) {
          const found = this.host.hasSheet(e.tok.sheet);
          if (!found) return new XlError("#REF!");
          sheet = found;
        }
        return { sheet, area: refArea(e.tok) };
      }
      case "sref":
        return this.host.structured(e.table, e.spec, this.at);
      case "unary": {
        const n = toNumber(this.scalar(this.eval(e.e)));
        return n instanceof XlError ? n : e.op === "-" ? -n : n;
      }
      case "percent": {
        const n = toNumber(this.scalar(this.eval(e.e)));
        return n instanceof XlError ? n : n / 100;
      }
      case "binary":
        return this.binary(e.op, this.scalar(this.eval(e.l)), this.scalar(this.eval(e.r)));
      case "call":
        return this.call(e.name, e.args);
    }
  }

  private binary(op: string, a: Scalar, b: Scalar): Scalar {
    if (a instanceof XlError) return a;
    if (b instanceof XlError) return b;
    if (op === "&") {
      const x = toText(a);
      const y = toText(b);
      return x instanceof XlError ? x : y instanceof XlError ? y : x + y;
    }
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
      const c = compare(a, b);
      return op === "="
        ? c === 0
        : op === "<>"
          ? c !== 0
          : op === "<"
            ? c < 0
            : op === ">"
              ? c > 0
              : op === "<="
                ? c <= 0
                : c >= 0;
    }
    const x = toNumber(a);
    const y = toNumber(b);
    if (x instanceof XlError) return x;
    if (y instanceof XlError) return y;
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        return y === 0 ? new XlError("#DIV/0!") : x / y;
      case "^":
        return x ** y;
    }
    return new XlError("#VALUE!");
  }

  private numbersOf(args: Expr[]): number[] | XlError {
    // SUM-like functions: numbers in ranges count, text and blanks in ranges are skipped;
    // a direct argument is coerced (=SUM("2") is 2).
    const out: number[] = [];
    for (const arg of args) {
      const v = this.eval(arg);
      if (isRange(v)) {
        for (const cell of this.cells(v)) {
          if (cell instanceof XlError) return cell;
          if (typeof cell === "number") out.push(cell);
        }
      } else {
        const n = toNumber(v);
        if (n instanceof XlError) return n;
        out.push(n);
      }
    }
    return out;
  }

  private call(name: string, args: Expr[]): Value {
    const arity = (min: number, max = min): XlError | null =>
      args.length < min || args.length > max ? new XlError("#VALUE!") : null;
    const value = (i: number) => this.scalar(this.eval(args[i] as Expr));
    switch (name) {
      case "SUM": {
        const ns = this.numbersOf(args);
        return ns instanceof XlError ? ns : ns.reduce((s, n) => s + n, 0);
      }
      case "MIN":
      case "MAX": {
        const ns = this.numbersOf(args);
        if (ns instanceof XlError) return ns;
        return ns.length === 0 ? 0 : name === "MIN" ? Math.min(...ns) : Math.max(...ns);
      }
      case "COUNT": {
        let n = 0;
        for (const arg of args) for (const cell of this.cells(this.eval(arg))) if (typeof cell === "number") n++;
        return n;
      }
      case "ROUND": {
        const bad = arity(2);
        if (bad) return bad;
        const x = toNumber(value(0));
        const d = toNumber(value(1));
        if (x instanceof XlError) return x;
        if (d instanceof XlError) return d;
        return roundExcel(x, Math.trunc(d));
      }
      case "IF": {
        const bad = arity(2, 3);
        if (bad) return bad;
        const c = value(0);
        if (c instanceof XlError) return c;
        const truthy = typeof c === "string" ? new XlError("#VALUE!") : Boolean(c);
        if (truthy instanceof XlError) return truthy;
        return truthy ? value(1) : args.length === 3 ? value(2) : false;
      }
      case "AND":
      case "OR": {
        const flags: boolean[] = [];
        for (const arg of args) {
          for (const cell of this.cells(this.eval(arg))) {
            if (cell instanceof XlError) return cell;
            if (typeof cell === "boolean" || typeof cell === "number") flags.push(Boolean(cell));
          }
        }
        if (flags.length === 0) return new XlError("#VALUE!");
        return name === "AND" ? flags.every(Boolean) : flags.some(Boolean);
      }
      case "NOT": {
        const bad = arity(1);
        if (bad) return bad;
        const n = toNumber(value(0));
        return n instanceof XlError ? n : n === 0;
      }
      case "ISNUMBER":
        return arity(1) ?? typeof value(0) === "number";
      case "ISBLANK": {
        const bad = arity(1);
        if (bad) return bad;
        const v = this.eval(args[0] as Expr);
        return isRange(v) ? this.scalar(v) === "" : false;
      }
      case "IFERROR": {
        const bad = arity(2);
        if (bad) return bad;
        const v = value(0);
        return v instanceof XlError ? value(1) : v;
      }
      case "TODAY":
        return arity(0) ?? this.host.today();
      default:
        return new XlError("#NAME?");
    }
  }
}
