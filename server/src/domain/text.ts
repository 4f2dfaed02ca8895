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
