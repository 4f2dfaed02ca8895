/**
 * Excel custom functions, namespace CONTRATS (manifest.xml). The commitment dates are computed by
 * the server's own domain module, bundled here, so a formula and the API agree to the day; only
 * the conversion between Excel date serials and `YYYY-MM-DD` is the add-in's.
 *
 * functions.json is generated from these JSDoc tags at build time (custom-functions-metadata) and
 * the build registers each function under its id; see addin/build.mjs.
 */
import { CUSTOMER_CATEGORIES, SERVICE_FAMILIES } from "../../../server/src/domain/catalogue.js";
import { computeCommitment } from "../../../server/src/domain/commitment.js";
import { DomainValidationError } from "../../../server/src/domain/errors.js";
import { languageOf } from "../../../server/src/domain/text.js";
import { ApiError, createClient } from "../api/client.js";
import type { PortingDirection } from "../api/operations.js";
import { loadSettings } from "../api/settings.js";
import { DateConversionError, isoToSerial, serialToIso, todayInParis } from "../shared/dates.js";
import { eurosNumberToCents, MoneyFormatError } from "../shared/money.js";
import { PortingBatcher } from "./porting-batch.js";
import { cellError } from "./runtime.js";

type DateArg = number | string | null | undefined;
type Status = ReturnType<typeof computeCommitment>;

/** The Excel parameter names of the domain's fields, so an error names what the user typed. */
const PARAMETER_OF_FIELD: Record<string, string> = {
  startDate: "debut",
  initialTermMonths: "engagementMois",
  renewalTermMonths: "renouvellementMois",
  noticeMonths: "preavisMois",
  noticeDays: "preavisJours",
  asOf: "dateRef",
  monthlyAmountCents: "mensuelHT",
  customerCategory: "categorie",
  serviceFamily: "famille",
};

class ArgumentError extends Error {}
/** The value does not exist for these terms (no renewal, no deadline left): Excel's #N/A. */
class NotAvailableError extends Error {}

function given(v: unknown): boolean {
  return v !== null && v !== undefined && v !== "";
}

/** An Excel date serial or `YYYY-MM-DD` text → `YYYY-MM-DD`. */
function dateArg(value: DateArg, parameter: string): string {
  try {
    if (typeof value === "number") return serialToIso(value);
    if (typeof value === "string" && value.trim() !== "") {
      const iso = value.trim();
      isoToSerial(iso); // validates
      return iso;
    }
  } catch (error) {
    throw new ArgumentError(`${parameter}: ${error instanceof DateConversionError ? error.message : String(error)}`);
  }
  throw new ArgumentError(`${parameter}: a date is required (an Excel date or YYYY-MM-DD text)`);
}

function numberArg(value: unknown, parameter: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new ArgumentError(`${parameter}: a number is required`);
  return n;
}

function optionalNumber(value: unknown, parameter: string): number | null {
  return given(value) ? numberArg(value, parameter) : null;
}

function enumArg<T extends string>(value: unknown, parameter: string, allowed: readonly T[]): T | null {
  if (!given(value)) return null;
  const code = String(value).trim().toUpperCase() as T;
  if (!allowed.includes(code)) throw new ArgumentError(`${parameter}: one of ${allowed.join(", ")}`);
  return code;
}

function booleanArg(value: unknown): boolean {
  return (
    value === true ||
    value === 1 ||
    (typeof value === "string" && ["VRAI", "TRUE", "OUI", "1"].includes(value.trim().toUpperCase()))
  );
}

/** Office's display language, for the domain's bilingual messages (French unless Office is in another language). */
function officeLanguage(): "fr" | "en" {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return languageOf(office?.context?.displayLanguage ?? "fr");
}

/** Any failure as the cell error Excel shows, with a message that names the parameter. */
function toCellError(error: unknown): Error {
  if (error instanceof DomainValidationError) {
    const language = officeLanguage();
    return cellError(
      "invalidValue",
      error.fields.map((f) => `${PARAMETER_OF_FIELD[f.field] ?? f.field}: ${f.message[language]}`).join("; "),
    );
  }
  if (error instanceof NotAvailableError) return cellError("notAvailable", error.message);
  if (error instanceof ArgumentError || error instanceof MoneyFormatError) return cellError("invalidValue", error.message);
  if (error instanceof ApiError) {
    if (error.kind === "BAD_USER_INPUT") {
      const detail = error.fields.map((f) => `${f.field}: ${f.message}`).join("; ");
      return cellError("invalidValue", detail || error.message);
    }
    if (error.kind === "UNAUTHENTICATED")
      return cellError("notAvailable", "API token refused: check the Connection tab of the add-in");
    if (error.kind === "NETWORK") return cellError("notAvailable", "server unreachable: check the Connection tab of the add-in");
    return cellError("notAvailable", `${error.kind}: ${error.message}`);
  }
  return cellError("invalidValue", error instanceof Error ? error.message : String(error));
}

/** The commitment status of the terms, through the server's domain module. */
function status(
  debut: DateArg,
  engagementMois: unknown,
  renouvellementMois: unknown,
  preavisMois: unknown,
  preavisJours: unknown,
  dateRef: DateArg,
  extra: Partial<Parameters<typeof computeCommitment>[0]> = {},
): Status {
  return computeCommitment({
    startDate: dateArg(debut, "debut"),
    initialTermMonths: numberArg(engagementMois, "engagementMois"),
    renewalTermMonths: given(renouvellementMois) ? numberArg(renouvellementMois, "renouvellementMois") : 0,
    noticeMonths: optionalNumber(preavisMois, "preavisMois"),
    noticeDays: optionalNumber(preavisJours, "preavisJours"),
    asOf: given(dateRef) ? dateArg(dateRef, "dateRef") : todayInParis(),
    ...extra,
  });
}

function serialOrNa(iso: string | null, reason: string): number {
  if (iso === null) throw new NotAvailableError(reason);
  return isoToSerial(iso);
}

function dateResult(compute: () => number): number {
  try {
    return compute();
  } catch (error) {
    throw toCellError(error);
  }
}

/**
 * Dernier jour de la période d'engagement initiale : MOIS.DECALER(début ; engagement) - 1.
 * @customfunction FIN_ENGAGEMENT
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @returns La date de fin de l'engagement initial (date Excel).
 */
export function finEngagement(debut: number | string, engagementMois: number): number {
  return dateResult(() => isoToSerial(status(debut, engagementMois, 0, null, null, debut).initialTermEnd));
}

/**
 * Dernier jour de la période en cours (engagement initial ou renouvellement tacite) à la date de référence.
 * @customfunction FIN_PERIODE
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param dateRef Date de référence (par défaut : aujourd'hui, heure de Paris).
 * @returns La date de fin de la période en cours (date Excel).
 */
export function finPeriode(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  dateRef?: number | string,
): number {
  return dateResult(() => isoToSerial(status(debut, engagementMois, renouvellementMois, null, null, dateRef).currentPeriodEnd));
}

/**
 * Date limite de réception du préavis pour la période en cours (elle peut être déjà passée).
 * @customfunction DATE_LIMITE_PREAVIS
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param preavisMois Préavis en mois (laisser vide si le préavis est en jours).
 * @param preavisJours Préavis en jours (laisser vide si le préavis est en mois).
 * @param dateRef Date de référence (par défaut : aujourd'hui, heure de Paris).
 * @returns La date limite de préavis de la période en cours (date Excel).
 */
export function dateLimitePreavis(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  preavisMois?: number,
  preavisJours?: number,
  dateRef?: number | string,
): number {
  return dateResult(() =>
    isoToSerial(status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).noticeDeadline),
  );
}

/**
 * Prochaine date limite de préavis à partir de la date de référence (incluse).
 * @customfunction PROCHAINE_LIMITE_PREAVIS
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param preavisMois Préavis en mois (laisser vide si le préavis est en jours).
 * @param preavisJours Préavis en jours (laisser vide si le préavis est en mois).
 * @param dateRef Date de référence (par défaut : aujourd'hui, heure de Paris).
 * @returns La prochaine date limite de préavis (date Excel), #N/A s'il n'y en a plus.
 */
export function prochaineLimitePreavis(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  preavisMois?: number,
  preavisJours?: number,
  dateRef?: number | string,
): number {
  return dateResult(() =>
    serialOrNa(
      status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).nextNoticeDeadline,
      "no notice deadline remains (no tacit renewal)",
    ),
  );
}

/**
 * Premier jour de la période suivante (date du prochain renouvellement tacite).
 * @customfunction PROCHAIN_RENOUVELLEMENT
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param preavisMois Préavis en mois (laisser vide si le préavis est en jours).
 * @param preavisJours Préavis en jours (laisser vide si le préavis est en mois).
 * @param dateRef Date de référence (par défaut : aujourd'hui, heure de Paris).
 * @returns La date du prochain renouvellement (date Excel), #N/A sans renouvellement tacite.
 */
export function prochainRenouvellement(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  preavisMois?: number,
  preavisJours?: number,
  dateRef?: number | string,
): number {
  return dateResult(() =>
    serialOrNa(
      status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).nextRenewalDate,
      "no tacit renewal (renouvellementMois = 0)",
    ),
  );
}

/**
 * Dernier jour de service si le préavis est reçu à la date de référence.
 * @customfunction FIN_AU_PLUS_TOT
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param preavisMois Préavis en mois (laisser vide si le préavis est en jours).
 * @param preavisJours Préavis en jours (laisser vide si le préavis est en mois).
 * @param dateRef Date de réception du préavis (par défaut : aujourd'hui, heure de Paris).
 * @returns La date de fin au plus tôt (date Excel).
 */
export function finAuPlusTot(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  preavisMois?: number,
  preavisJours?: number,
  dateRef?: number | string,
): number {
  return dateResult(() =>
    isoToSerial(status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).earliestEndDate),
  );
}

/**
 * Frais de résiliation anticipée (HT) si le dernier jour de service est dateFin, plafond légal compris.
 * @customfunction FRAIS_RESILIATION
 * @param debut Date de début du service (date Excel ou texte AAAA-MM-JJ).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param mensuelHT Montant mensuel HT, en euros.
 * @param dateFin Dernier jour de service (par défaut : aujourd'hui, heure de Paris).
 * @param categorie Catégorie du client : CONSUMER, MICRO, SMALL, NON_PROFIT ou OTHER (par défaut).
 * @param famille Famille de service : BACKUP, IP_ACCESS_WIRED, IP_ACCESS_CELLULAR, IP_TELEPHONY, MOBILE_FLEET, MAINTENANCE.
 * @param terminalSubventionne VRAI si un terminal subventionné a été vendu.
 * @param renonciation VRAI si le client a signé une renonciation à la protection.
 * @returns Les frais en euros HT.
 */
export function fraisResiliation(
  debut: number | string,
  engagementMois: number,
  renouvellementMois: number,
  mensuelHT: number,
  dateFin?: number | string,
  categorie?: string,
  famille?: string,
  terminalSubventionne?: boolean,
  renonciation?: boolean,
): number {
  try {
    const s = status(debut, engagementMois, renouvellementMois, null, null, dateFin, {
      monthlyAmountCents: eurosNumberToCents(mensuelHT),
      customerCategory: enumArg(categorie, "categorie", CUSTOMER_CATEGORIES),
      serviceFamily: enumArg(famille, "famille", SERVICE_FAMILIES),
      subsidisedDevice: booleanArg(terminalSubventionne),
      waiverSigned: booleanArg(renonciation),
    });
    return s.earlyTerminationFeeCents / 100;
  } catch (error) {
    throw toCellError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Porting price: asks the server (the tariff grid lives there), many cells in one request.
// ---------------------------------------------------------------------------------------------

const batcher = new PortingBatcher({
  client: async () => {
    const settings = await loadSettings();
    if (!settings.token) throw new ApiError("UNAUTHENTICATED", "no API token: open the add-in's Connection tab");
    return createClient(settings);
  },
});

/** Numbers from a cell or a range, one per cell or separated by commas, semicolons or spaces. */
function numbersArg(value: unknown): string[] {
  const cells = Array.isArray(value) ? (value as unknown[]).flat(2) : [value];
  const numbers: string[] = [];
  for (const cell of cells) {
    if (!given(cell)) continue;
    for (const part of String(cell).split(/[,;\n]+/)) {
      const n = part.trim();
      if (n !== "") numbers.push(n);
    }
  }
  if (numbers.length === 0) throw new ArgumentError("numeros: at least one phone number is required");
  return numbers;
}

/**
 * Prix HT de la portabilité de numéros selon la grille tarifaire du serveur en vigueur à la date de demande.
 * @customfunction PRIX_PORTABILITE
 * @param sens INBOUND (portabilité entrante) ou OUTBOUND (sortante).
 * @param numeros Les numéros à porter : une plage, ou une cellule avec des numéros séparés par des virgules.
 * @param dateDemande Date de la demande (par défaut : aujourd'hui, heure de Paris).
 * @param horsHeuresOuvrees VRAI si la portabilité est programmée hors heures ouvrées.
 * @returns Le prix en euros HT.
 */
export async function prixPortabilite(
  sens: string,
  numeros: string[][],
  dateDemande?: number | string,
  horsHeuresOuvrees?: boolean,
): Promise<number> {
  try {
    const direction = enumArg(sens, "sens", ["INBOUND", "OUTBOUND"] as const satisfies readonly PortingDirection[]);
    if (!direction) throw new ArgumentError("sens: INBOUND or OUTBOUND is required");
    const cents = await batcher.price({
      direction,
      numbers: numbersArg(numeros),
      requestDate: given(dateDemande) ? dateArg(dateDemande, "dateDemande") : todayInParis(),
      outsideBusinessHours: booleanArg(horsHeuresOuvrees),
    });
    return cents / 100;
  } catch (error) {
    throw toCellError(error);
  }
}

/** For tests: the batcher behind PRIX_PORTABILITE. */
export const portingBatcherForTests = batcher;
