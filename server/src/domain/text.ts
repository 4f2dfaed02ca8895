/**
 * Messages people read, in the two languages the product speaks: French first (the provider's
 * staff are in France, SPEC section 8), English for everyone else. Only these texts follow the
 * reader's language; error codes and field paths never do (API.md "Languages").
 */
export type Language = "fr" | "en";

/** One message in both languages. */
export interface Text {
  readonly fr: string;
  readonly en: string;
}

export function text(fr: string, en: string): Text {
  return { fr, en };
}

/** The message in `language`; a plain string is a text that has no translation (e.g. a name). */
export function inLanguage(message: Text | string, language: Language): string {
  return typeof message === "string" ? message : message[language];
}

/** The same change applied to both languages (e.g. a prefix, or joining with other texts). */
export function mapText(message: Text, change: (value: string, language: Language) => string): Text {
  return { fr: change(message.fr, "fr"), en: change(message.en, "en") };
}

/** Several texts joined with `separator` in each language. */
export function joinTexts(messages: readonly Text[], separator = " "): Text {
  return { fr: messages.map((m) => m.fr).join(separator), en: messages.map((m) => m.en).join(separator) };
}

/** Most characters of a client's value a message repeats: enough to recognise it, never a whole payload. */
export const SHOWN_MAX_LENGTH = 40;

/**
 * A client's value as a message quotes it: control and bidirectional characters made visible,
 * and cut to 40 characters (`…`), so an answer never echoes a large or misleading input back.
 */
export function shown(value: unknown): string {
  const textValue = typeof value === "string" ? value : String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to neutralise them.
  const visible = textValue.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "\uFFFD");
  const cut = [...visible];
  return cut.length > SHOWN_MAX_LENGTH ? `${cut.slice(0, SHOWN_MAX_LENGTH - 1).join("")}…` : visible;
}

export function isText(value: unknown): value is Text {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Text).fr === "string" &&
    typeof (value as Text).en === "string"
  );
}

/**
 * The language to answer in, from an `Accept-Language` header or an Office display language
 * (`fr-FR`, `en-GB`, …): the preferred one of French and English by quality value, French for any
 * `fr*` tag, English when neither is asked for or the header is missing.
 */
export function languageOf(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return "en";
  const ranges = acceptLanguage
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      return { primary: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((range) => range.quality > 0 && (range.primary === "fr" || range.primary === "en"))
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranges[0]?.primary === "fr" ? "fr" : "en";
}
