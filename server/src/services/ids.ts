import { MAX_GRAPHQL_INT } from "./db-errors.js";

/**
 * A GraphQL `ID` as a database id: a positive integer written in decimal, or null when the value
 * cannot name any row (so lookups answer "not found" instead of failing on a bad string).
 */
export function parseId(value: string | number | null | undefined): number | null {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_GRAPHQL_INT ? id : null;
}

/** Opaque keyset cursors: base64url of a prefixed key, so clients cannot mix cursors of two lists. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

/** The key of a cursor of this kind, or null when it is not one. */
export function decodeCursor(kind: string, cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : null;
}
