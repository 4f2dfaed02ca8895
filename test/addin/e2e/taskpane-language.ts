/**
 * Finds texts of the other language on a screen or a sheet. A French screen fails on: a sentence
 * of the English dictionary, an English function word ("the", "must", "is" … which French never
 * uses), or a raw code of the API (DRAFT, SALES …) that should have been put into words. An
 * English screen fails on the French dictionary, French function words and accented French words.
 * Data (customer and offer names, IBAN) is left out by the caller (`translate="no"`).
 *
 * Server messages are caught by the word lists: "36 months is too long", "must have 9 digits"
 * or "the customer has no valid SEPA mandate" all hold English function words.
 */
import { DICTIONARIES, type Lang } from "../../../addin/src/taskpane/i18n.js";

/** Words an English sentence can hardly avoid and French never uses. */
const ENGLISH_WORDS = [
  "the",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "must",
  "should",
  "cannot",
  "can't",
  "not",
  "of",
  "and",
  "with",
  "for",
  "to",
  "this",
  "that",
  "these",
  "has",
  "have",
  "from",
  "your",
  "you",
  "please",
  "only",
  "than",
  "which",
  "when",
  "it",
  "its",
  "by",
  "if",
  "no",
  "at",
  "too",
  "invalid",
  "required",
  "missing",
  "already",
  "unknown",
  "wrong",
  "digits",
  "months",
  "days",
  "quote",
  "customer",
  "mandate",
  "error",
  "refused",
  "saved",
  "signed",
  "declined",
  "expired",
  "draft",
  "sent",
  "line",
  "amount",
  "number",
  "server",
  "token",
  "sheet",
  "fewer",
  "several",
  "outside",
  "broken",
  "use",
  "over",
  "hours",
];

/** Words a French sentence can hardly avoid and English never uses. */
const FRENCH_WORDS = [
  "le",
  "la",
  "les",
  "des",
  "du",
  "de",
  "est",
  "sont",
  "pour",
  "avec",
  "une",
  "un",
  "doit",
  "pas",
  "vous",
  "votre",
  "vos",
  "dans",
  "sur",
  "aux",
  "au",
  "cette",
  "ces",
  "être",
  "été",
  "ne",
  "il",
  "et",
  "ou",
  "à",
  "devis",
  "mandat",
  "contrat",
  "contrats",
  "ligne",
  "feuille",
  "serveur",
  "jeton",
  "aucun",
  "aucune",
  "montant",
  "mois",
  "jours",
  "obligatoire",
  "invalide",
  "numéro",
  "signé",
  "refusé",
  "brouillon",
  "envoyé",
  "expiré",
  "enregistré",
];

/** API codes that a screen must show in words. */
const RAW_CODES =
  /\b(DRAFT|SENT|SIGNED|DECLINED|EXPIRED|ACTIVE|LAPSED|REVOKED|NOTICE_RECEIVED|ENDED|REQUESTED|SCHEDULED|COMPLETED|REJECTED|CANCELLED|INBOUND|OUTBOUND|GEOGRAPHIC|NON_GEOGRAPHIC|SALES|FINANCE|ADMIN|TECHNICIAN|INTEGRATOR|BAD_USER_INPUT|CONFLICT|UNAUTHENTICATED|FORBIDDEN|NOT_FOUND|RATE_LIMITED)\b/;

function wordsPattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Letters on either side (accents included) would make it part of another word.
  return new RegExp(`(?<![\\p{L}'’])(${escaped.join("|")})(?![\\p{L}'’])`, "iu");
}
const ENGLISH = wordsPattern(ENGLISH_WORDS);
const FRENCH = wordsPattern(FRENCH_WORDS);
/** Elisions and accented letters that only French writes. */
const FRENCH_MARKS = /(?<![\p{L}])(d|l|qu|n|s)['’]\p{L}|[éèêàçùûôîœ]/iu;

const phraseCache = new Map<Lang, string[]>();

/** The fixed parts of the other language's dictionary entries (between {parameters}) worth looking for. */
function phrases(lang: Lang): string[] {
  const cached = phraseCache.get(lang);
  if (cached) return cached;
  const mine = DICTIONARIES[lang];
  const other = DICTIONARIES[lang === "fr" ? "en" : "fr"];
  const out = new Set<string>();
  for (const key of Object.keys(other) as Array<keyof typeof other>) {
    if (other[key] === mine[key]) continue;
    for (const part of other[key].split(/\{\w+\}/)) {
      const phrase = part.trim();
      // Short fragments ("Client", "Version") may be the same word in both languages.
      if (phrase.length >= 10 && !Object.values(mine).some((m) => m.includes(phrase))) out.add(phrase);
    }
  }
  phraseCache.set(lang, [...out]);
  return [...out];
}

/** Why `text` is not in `lang`, or null when nothing gives it away. */
export function foreignReason(text: string, lang: Lang): string | null {
  const code = RAW_CODES.exec(text);
  if (code) return `raw code ${code[1]}`;
  if (lang === "fr") {
    const word = ENGLISH.exec(text);
    if (word) return `English word "${word[1]}"`;
  } else {
    const word = FRENCH.exec(text);
    if (word) return `French word "${word[1]}"`;
    const mark = FRENCH_MARKS.exec(text);
    if (mark) return `French spelling "${mark[0]}"`;
  }
  const phrase = phrases(lang).find((p) => text.includes(p));
  return phrase ? `${lang === "fr" ? "English" : "French"} dictionary text "${phrase}"` : null;
}

/** The texts that are not in `lang`, each with the reason (empty when the screen is all in `lang`). */
export function foreignTexts(texts: string[], lang: Lang): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const reason = foreignReason(text, lang);
    if (reason) out.push(`${text}  ←  ${reason}`);
  }
  return out;
}
