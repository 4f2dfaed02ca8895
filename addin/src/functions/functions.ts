/**
 * Excel custom functions, namespace CONTRATS (manifest.xml). The commitment dates are computed by
 * the server's own domain module, bundled here, so a formula and the API agree to the day; only
 * reading the arguments and writing the results are the add-in's (arguments.ts).
 *
 * The functions whose date argument defaults to today (FIN_PERIODE, DATE_LIMITE_PREAVIS, …,
 * FRAIS_RESILIATION) are volatile: Excel recalculates them on every calculation, so a deadline
 * "as of today" is never frozen at the day the cell was last edited. PRIX_PORTABILITE asks the
 * server, so it is not volatile and its request date is required instead.
 *
 * functions.json is generated from these JSDoc tags at build time (custom-functions-metadata) and
 * the build registers each function under its id; see addin/build.mjs.
 */
import { computeCommitment } from "../../../server/src/domain/commitment.js";
import { DomainValidationError } from "../../../server/src/domain/errors.js";
import { text } from "../../../server/src/domain/text.js";
import { ApiError, createClient } from "../api/client.js";
import type { PortingDirection } from "../api/operations.js";
import { loadSettings } from "../api/settings.js";
import { phoneNumberText } from "../excel/cell-input.js";
import { isoToSerial, todayInParis } from "../shared/dates.js";
import {
  ArgumentError,
  booleanArg,
  categoryArg,
  centsArg,
  type DateValue,
  dateArg,
  dateValue,
  familyArg,
  given,
  messageLanguage,
  numberArg,
  optionalNumber,
  plain,
} from "./arguments.js";
import { PortingBatcher } from "./porting-batch.js";
import { cellError } from "./runtime.js";

type DateArg = number | string | null | undefined;
type Status = ReturnType<typeof computeCommitment>;
/** What a date function returns: a formatted date where the host supports it, else a serial. */
type DateResult = number | DateValue;

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

/** The value does not exist for these terms (no renewal, no deadline left): Excel's #N/A. */
class NotAvailableError extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Any failure as the cell error Excel shows, with a message in the user's language naming the parameter. */
function toCellError(error: unknown): Error {
  const lang = messageLanguage();
  const colon = lang === "fr" ? " : " : ": ";
  if (error instanceof DomainValidationError) {
    return cellError(
      "invalidValue",
      error.fields.map((f) => `${PARAMETER_OF_FIELD[f.field] ?? f.field}${colon}${f.message[lang]}`).join("; "),
    );
  }
  if (error instanceof NotAvailableError) return cellError("notAvailable", lang === "fr" ? error.fr : error.en);
  if (error instanceof ArgumentError) return cellError("invalidValue", error.text[lang]);
  if (error instanceof ApiError) {
    if (error.kind === "BAD_USER_INPUT") {
      const detail = error.fields.map((f) => `${f.field}${colon}${f.message}`).join("; ");
      return cellError("invalidValue", detail || error.message);
    }
    if (error.kind === "UNAUTHENTICATED") {
      return cellError(
        "notAvailable",
        lang === "fr"
          ? "jeton d'API refusé : vérifiez l'onglet Connexion du complément"
          : "API token refused: check the Connection tab of the add-in",
      );
    }
    if (error.kind === "NETWORK") {
      return cellError(
        "notAvailable",
        lang === "fr"
          ? "serveur injoignable : vérifiez l'onglet Connexion du complément"
          : "server unreachable: check the Connection tab of the add-in",
      );
    }
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

function serialOrNa(iso: string | null, fr: string, en: string): number {
  if (iso === null) throw new NotAvailableError(fr, en);
  return isoToSerial(iso);
}

function dateResult(compute: () => number): DateResult {
  try {
    return dateValue(compute());
  } catch (error) {
    throw toCellError(error);
  }
}

/**
 * Dernier jour de la période d'engagement initiale : MOIS.DECALER(début ; engagement) - 1.
 * @customfunction FIN_ENGAGEMENT
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @returns La date de fin de l'engagement initial.
 */
export function finEngagement(debut: number | string, engagementMois: number): any {
  return dateResult(() => isoToSerial(status(debut, engagementMois, 0, null, null, debut).initialTermEnd));
}

/**
 * Dernier jour de la période en cours (engagement initial ou renouvellement tacite) à la date de référence.
 * @customfunction FIN_PERIODE
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
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
): any {
  return dateResult(() => isoToSerial(status(debut, engagementMois, renouvellementMois, null, null, dateRef).currentPeriodEnd));
}

/**
 * Date limite de réception du préavis pour la période en cours (elle peut être déjà passée).
 * @customfunction DATE_LIMITE_PREAVIS
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
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
): any {
  return dateResult(() =>
    isoToSerial(status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).noticeDeadline),
  );
}

/**
 * Prochaine date limite de préavis à partir de la date de référence (incluse).
 * @customfunction PROCHAINE_LIMITE_PREAVIS
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
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
): any {
  return dateResult(() =>
    serialOrNa(
      status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).nextNoticeDeadline,
      "plus aucune date limite de préavis (pas de renouvellement tacite)",
      "no notice deadline remains (no tacit renewal)",
    ),
  );
}

/**
 * Premier jour de la période suivante (date du prochain renouvellement tacite).
 * @customfunction PROCHAIN_RENOUVELLEMENT
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
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
): any {
  return dateResult(() =>
    serialOrNa(
      status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).nextRenewalDate,
      "pas de renouvellement tacite (renouvellementMois = 0)",
      "no tacit renewal (renouvellementMois = 0)",
    ),
  );
}

/**
 * Dernier jour de service si le préavis est reçu à la date de référence.
 * @customfunction FIN_AU_PLUS_TOT
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
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
): any {
  return dateResult(() =>
    isoToSerial(status(debut, engagementMois, renouvellementMois, preavisMois, preavisJours, dateRef).earliestEndDate),
  );
}

/**
 * Frais de résiliation anticipée (HT) si le dernier jour de service est dateFin, plafond légal compris.
 * @customfunction FRAIS_RESILIATION
 * @volatile
 * @param debut Date de début du service (date Excel, ou texte AAAA-MM-JJ ou JJ/MM/AAAA).
 * @param engagementMois Durée de l'engagement initial, en mois.
 * @param renouvellementMois Durée de chaque renouvellement tacite, en mois (0 : pas de renouvellement).
 * @param mensuelHT Montant mensuel HT, en euros.
 * @param dateFin Dernier jour de service (par défaut : aujourd'hui, heure de Paris).
 * @param categorie Catégorie du client : Particulier, Microentreprise, Petite entreprise, Association ou Autre entreprise (par défaut) ; les codes de l'API (MICRO…) et les libellés anglais sont acceptés.
 * @param famille Famille de service : Sauvegarde, Accès IP filaire, Accès IP cellulaire, Téléphonie IP, Flotte mobile, Maintenance ; codes de l'API et libellés anglais acceptés.
 * @param terminalSubventionne VRAI si un terminal subventionné a été vendu.
 * @param renonciation VRAI si le client a signé une renonciation à la protection.
 * @returns Les frais en euros HT (un montant à plus de deux décimales est arrondi au centime supérieur à partir de 0,5).
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
      monthlyAmountCents: centsArg(mensuelHT, "mensuelHT"),
      customerCategory: categoryArg(categorie, "categorie"),
      serviceFamily: familyArg(famille, "famille"),
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

/**
 * Numbers from a cell or a range, one per cell or separated by commas, semicolons or new lines. A
 * number typed into a General cell lost its leading 0 (0612345678 became 612345678): it gets it back.
 */
export function numbersArg(value: unknown): string[] {
  const cells = Array.isArray(value) ? (value as unknown[]).flat(2) : [value];
  const numbers: string[] = [];
  for (const cell of cells) {
    if (!given(cell)) continue;
    for (const part of phoneNumberText(plain(cell)).split(/[,;\n]+/)) {
      const n = part.trim();
      if (n !== "") numbers.push(n);
    }
  }
  if (numbers.length === 0) {
    throw new ArgumentError(
      text("numeros : au moins un numéro de téléphone est attendu", "numeros: at least one phone number is required"),
    );
  }
  return numbers;
}

const DIRECTIONS: Record<string, PortingDirection> = {
  inbound: "INBOUND",
  entrante: "INBOUND",
  entrant: "INBOUND",
  outbound: "OUTBOUND",
  sortante: "OUTBOUND",
  sortant: "OUTBOUND",
};

/**
 * Prix HT de la portabilité de numéros selon la grille tarifaire du serveur en vigueur à la date de demande.
 * La date est obligatoire : la fonction interroge le serveur et n'est pas recalculée à chaque calcul d'Excel.
 * @customfunction PRIX_PORTABILITE
 * @param sens Entrante (INBOUND) ou Sortante (OUTBOUND).
 * @param numeros Les numéros à porter : une plage, ou une cellule avec des numéros séparés par des virgules.
 * @param dateDemande Date de la demande (date Excel, AAAA-MM-JJ ou JJ/MM/AAAA), par exemple AUJOURDHUI().
 * @param horsHeuresOuvrees VRAI si la portabilité est programmée hors heures ouvrées.
 * @returns Le prix en euros HT.
 */
export async function prixPortabilite(
  sens: string,
  numeros: string[][],
  dateDemande: number | string,
  horsHeuresOuvrees?: boolean,
): Promise<number> {
  try {
    const direction =
      DIRECTIONS[
        String(plain(sens) ?? "")
          .trim()
          .toLowerCase()
      ];
    if (!direction)
      throw new ArgumentError(
        text("sens : Entrante (INBOUND) ou Sortante (OUTBOUND)", "sens: Inbound (INBOUND) or Outbound (OUTBOUND)"),
      );
    const cents = await batcher.price({
      direction,
      numbers: numbersArg(numeros),
      requestDate: dateArg(dateDemande, "dateDemande"),
      outsideBusinessHours: booleanArg(horsHeuresOuvrees),
    });
    return cents / 100;
  } catch (error) {
    throw toCellError(error);
  }
}

/** For tests: the batcher behind PRIX_PORTABILITE. */
export const portingBatcherForTests = batcher;
