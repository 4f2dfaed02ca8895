/** A1 addresses, as Excel writes them: columns A..XFD, rows 1..1048576. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells on one sheet, 0-based. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B3" → {row: 2, col: 1}; null when it is not a cell of the grid. */
export function parseCell(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text);
  if (!m) return null;
  const col = columnIndex(m[1] as string);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/** "A1", "A1:C3", "'My sheet'!A1:B2" → sheet (or null) and area; null when not an address. */
export function parseAddress(text: string): { sheet: string | null; area: Area } | null {
  let sheet: string | null = null;
  let rest = text.trim();
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    const s = rest.slice(0, bang);
    sheet = s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
    rest = rest.slice(bang + 1);
  }
  const [a, b] = rest.split(":");
  const first = parseCell(a ?? "");
  const last = b === undefined ? first : parseCell(b);
  if (!first || !last) return null;
  const row = Math.min(first.row, last.row);
  const col = Math.min(first.col, last.col);
  return {
    sheet,
    area: { row, col, rows: Math.abs(last.row - first.row) + 1, cols: Math.abs(last.col - first.col) + 1 },
  };
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function areaAddress(area: Area): string {
  const first = cellAddress(area.row, area.col);
  return area.rows === 1 && area.cols === 1
    ? first
    : `${first}:${cellAddress(area.row + area.rows - 1, area.col + area.cols - 1)}`;
}

/** Sheet names are quoted when they hold anything but letters, digits and underscores. */
export function qualifiedAddress(sheet: string, area: Area): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${areaAddress(area)}`;
}

export function intersects(a: Area, b: Area): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function sameArea(a: Area, b: Area): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}
