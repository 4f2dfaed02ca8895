import { parseIdentifier } from "../domain/identifiers.js";

/** The id a cursor's key names (the API's one id rule, domain/identifiers.ts), or null. */
export function parseId(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : parseIdentifier(value);
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
