/**
 * Bytes of a request or a response, counted the way the 5 MB limit bites: the UTF-8 JSON of the
 * data, escaped once more as it travels inside the host's message (each " and \ doubles). The
 * stricter of the two readings, so a request the fake accepts is one Excel on the web accepts.
 */

/** Excel on the web: "a payload size limit for requests and responses of 5MB" (read as 5,000,000 bytes, the stricter reading). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** What an action costs besides its data: its object path, method or property name, ids. */
export const ACTION_OVERHEAD_BYTES = 64;

export function payloadBytes(value: unknown): number {
  if (value === undefined) return 0;
  const json = JSON.stringify(value);
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x800) n += 2;
    else n += 3; // BMP, or half of a surrogate pair (2 × 3 ≥ its 4 bytes)
  }
  return n;
}
