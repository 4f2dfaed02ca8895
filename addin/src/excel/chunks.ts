/**
 * Splits rows into write chunks by estimated request size. Excel on the web rejects a request over
 * 5 MB, and the JSON of `range.values` is only part of what travels (the request also carries the
 * range address and is escaped again by the transport), so the default budget stays far below.
 */

export type CellValue = string | number | boolean;

/** Bytes of one chunk's values, estimated: well under Excel on the web's 5 MB request cap. */
export const DEFAULT_CHUNK_BYTES = 1_000_000;
/** A hard cap on rows per request, whatever their size, so progress moves and Cancel answers. */
export const DEFAULT_CHUNK_ROWS = 5_000;

/** UTF-8 bytes of a string as JSON, without allocating (escapes counted as 2 bytes, enough here). */
function stringBytes(s: string): number {
  let n = 2; // quotes
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else n += 3; // BMP, or half of a surrogate pair (2 × 3 ≥ its 4 bytes)
  }
  return n;
}

/** Estimated JSON bytes of one row of cell values, with its brackets and commas. */
export function estimateRowBytes(row: readonly CellValue[]): number {
  let n = 2 + row.length; // [ ] and separators
  for (const v of row) {
    if (typeof v === "string") n += stringBytes(v);
    else if (typeof v === "number")
      n += 24; // worst case of a double's shortest form
    else n += 5;
  }
  return n;
}

export interface Chunk {
  /** Index of the first row of the chunk. */
  start: number;
  count: number;
  bytes: number;
}

/** Consecutive chunks covering every row, each within `maxBytes` (a bigger single row goes alone) and `maxRows`. */
export function planChunks(
  rows: readonly (readonly CellValue[])[],
  maxBytes: number = DEFAULT_CHUNK_BYTES,
  maxRows: number = DEFAULT_CHUNK_ROWS,
): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = estimateRowBytes(rows[i] as readonly CellValue[]);
    const count = i - start;
    if (count > 0 && (bytes + b > maxBytes || count >= maxRows)) {
      chunks.push({ start, count, bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (rows.length > start) chunks.push({ start, count: rows.length - start, bytes });
  return chunks;
}
