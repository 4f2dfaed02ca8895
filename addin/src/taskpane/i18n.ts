/**
 * The add-in's words: French first (staff are in France), English when Office's display language
 * is English. One dictionary per language with the same keys (a test checks it); `{name}` marks
 * a parameter.
 */
import type { CustomerCategory, ServiceFamily } from "../api/operations.js";
import type { ContractsSheetLabels } from "../excel/contracts-sheet.js";
import type { QuoteSheetLabels } from "../excel/quote-sheet.js";
import type { RenewalSheetLabels } from "../excel/renewal-sheet.js";

export type Lang = "fr" | "en";

const fr = {
  appTitle: "Contrats",
  tabConnect: "Connexion",
  tabQuote: "Devis",
  tabRenewals: "Renouvellements",
  busy: "En cours…",
  // Connect
  serverUrl: "Adresse du serveur",
  token: "Jeton d'API",
  save: "Enregistrer",
  forget: "Oublier",
  storageHint: "Conservés pour vous sur ce poste, jamais dans le classeur.",
  connectedAs: "Connecté : {name} ({role})",
  notConnected: "Non connecté",
  connectFirst: "Renseignez d'abord le serveur et le jeton dans l'onglet Connexion.",
  tokenRequired: "Saisissez un jeton d'API.",
  urlInvalid: "L'adresse du serveur doit commencer par https:// (ou http://localhost).",
  forgotten: "Connexion oubliée sur ce poste.",
  // Quote: customer
  customer: "Client",
  searchCustomer: "Nom ou SIREN",
  search: "Rechercher",
  noCustomerFound: "Aucun client trouvé.",
  chooseCustomer: "Choisissez un client.",
  customerPlaceholder: "Recherchez ou créez un client",
  chooseOffer: "Choisissez une offre.",
  required: "Obligatoire.",
  newCustomer: "Nouveau client",
  customerName: "Raison sociale",
  category: "Catégorie",
  siren: "SIREN",
  waiverSignedOn: "Renonciation signée le",
  createCustomer: "Créer le client",
  customerCreated: "Client « {name} » créé.",
  // Quote: lines
  lines: "Lignes du devis",
  addLine: "Ajouter une ligne",
  removeLine: "Supprimer",
  line: "Ligne {n}",
  offer: "Offre",
  quantity: "Quantité",
  monthlyUnitPrice: "Prix mensuel unitaire HT (€)",
  setupFee: "Frais de mise en service HT (€)",
  initialTerm: "Engagement initial (mois)",
  renewalTerm: "Renouvellement (mois)",
  startDate: "Date de début",
  porting: "Portabilité",
  portingNone: "Aucune",
  portingInbound: "Entrante",
  portingOutbound: "Sortante",
  portingNumbers: "Numéros (un par ligne)",
  termRequired: "Obligatoire pour cette offre (aucune durée publiée).",
  noLines: "Ajoutez au moins une ligne.",
  mustBePositiveInt: "Nombre entier supérieur ou égal à {min}.",
  saveQuote: "Enregistrer le devis",
  writeQuote: "Écrire dans la feuille",
  readQuote: "Relire depuis la feuille",
  quoteSaved: "Devis {id} enregistré (version {version}).",
  quoteWritten: "Devis écrit dans la feuille « {sheet} ».",
  quoteReadBack: "Devis mis à jour depuis la feuille (version {version}) et feuille réécrite.",
  sheetChangesTitle: "Modifications lues dans la feuille (le serveur recalculera les montants) :",
  sheetChangesSave: "Enregistrer ces modifications",
  sheetNoChange: "La feuille ne contient aucune modification.",
  saveFirst: "Enregistrez d'abord le devis.",
  quoteSummary: "Devis {id} · version {version} · {status}",
  commitmentEnd: "Fin d'engagement",
  noticeDeadline: "Date limite de préavis",
  // Totals
  oneOff: "Frais uniques HT",
  monthly: "Mensuel HT",
  totalExclVat: "Total HT (1re facture)",
  vat: "TVA",
  totalInclVat: "Total TTC (1re facture)",
  totalContractValue: "Valeur totale du contrat HT",
  // Renewals
  from: "Du",
  to: "Au",
  families: "Familles",
  allCustomers: "Tous les clients",
  loadSchedule: "Charger le calendrier",
  refreshSchedule: "Actualiser",
  cancel: "Annuler",
  loading: "Chargement : {loaded} / {total}",
  writing: "Écriture dans Excel : {written} / {total}",
  scheduleWritten: "{count} échéances écrites dans la feuille « {sheet} ».",
  scheduleCancelled: "Annulé : le tableau a été vidé.",
  datesRequired: "Indiquez les deux dates (du … au …).",
  // Errors
  errUnauthenticated: "Jeton d'API refusé par le serveur : vérifiez-le dans l'onglet Connexion.",
  errForbidden: "Votre jeton ({role}) ne permet pas cette action.",
  errForbiddenNoRole: "Votre jeton ne permet pas cette action.",
  errNetwork: "Serveur injoignable ({url}) : vérifiez l'adresse du serveur et votre connexion.",
  errBadInput: "Le serveur a refusé ces valeurs :",
  errConflict: "Le devis a été modifié entre-temps : rechargez-le avant d'enregistrer.",
  errServer: "Erreur du serveur : {message}",
  errAborted: "Annulé.",
  errNoExcel: "Excel n'est pas disponible : ouvrez ce volet dans Excel.",
  errSheet: "La feuille ne peut pas être relue :",
  errUnexpected: "Erreur inattendue : {message}",
  sheetRow: "ligne {row}",
  // Sheet labels
  sheetQuotePrefix: "Devis",
  sheetQuoteTitle: "Devis",
  sheetQuoteId: "N° de devis",
  sheetVersion: "Version",
  sheetStatus: "Statut",
  sheetQuoteDate: "Date du devis",
  sheetValidUntil: "Valable jusqu'au",
  sheetTerms: "Conditions générales",
  colPosition: "N°",
  colOfferCode: "Code offre",
  colOfferName: "Offre",
  colQuantity: "Quantité",
  colMonthlyUnitPrice: "Prix unitaire mensuel HT",
  colSetupFee: "Mise en service HT",
  colMonthlyTotal: "Mensuel HT",
  colPorting: "Portabilité HT",
  colInitialTerm: "Engagement (mois)",
  colRenewalTerm: "Renouvellement (mois)",
  colStartDate: "Début",
  colCommitmentEnd: "Fin d'engagement",
  colNoticeDeadline: "Date limite de préavis",
  colOneOffTotal: "Frais uniques HT",
  colContractValue: "Valeur contrat HT",
  colPortingDirection: "Sens portabilité",
  colPortingNumbers: "Numéros à porter",
  colLineId: "Réf. ligne",
  sheetTotalsExcel: "Excel (formules)",
  sheetTotalsServer: "Serveur",
  sheetContractsTitle: "Contrats signés",
  sheetPortingTitle: "Demandes de portabilité",
  colStatus: "Statut",
  colNumber: "Numéro",
  colNumberKind: "Type de numéro",
  colDirection: "Sens",
  colRequestedOn: "Demandée le",
  colLegalDeadline: "Échéance légale",
  colPlannedOn: "Prévue le",
  colCustomer: "Client",
  colContract: "Contrat",
  colFamily: "Famille",
  colPeriodEnd: "Fin de période",
  colNextPeriodStart: "Début période suivante",
  colMonthlyAmount: "Mensuel HT",
  colReminderStart: "Rappel à partir du",
  colReminderEnd: "Rappel au plus tard le",
  colReminderSent: "Rappel envoyé le",
  renewalSheet: "Renouvellements",
  // Field names the server may report
  field_quantity: "Quantité",
  field_monthlyUnitPriceCents: "Prix mensuel unitaire",
  field_setupFeeCents: "Frais de mise en service",
  field_initialTermMonths: "Engagement initial",
  field_renewalTermMonths: "Renouvellement",
  field_startDate: "Date de début",
  field_portingDirection: "Sens de portabilité",
  field_portingNumbers: "Numéros à porter",
  field_offerCode: "Offre",
  field_customerId: "Client",
  field_name: "Raison sociale",
  field_category: "Catégorie",
  field_siren: "SIREN",
  field_waiverSignedOn: "Date de renonciation",
  field_from: "Date de début",
  field_to: "Date de fin",
  field_lines: "Lignes",
  field_expectedVersion: "Version",
  // Families and categories
  family_BACKUP: "Sauvegarde",
  family_IP_ACCESS_WIRED: "Accès IP filaire",
  family_IP_ACCESS_CELLULAR: "Accès IP cellulaire",
  family_IP_TELEPHONY: "Téléphonie IP",
  family_MOBILE_FLEET: "Flotte mobile",
  family_MAINTENANCE: "Maintenance",
  category_CONSUMER: "Particulier",
  category_MICRO: "Microentreprise",
  category_SMALL: "Petite entreprise",
  category_NON_PROFIT: "Association",
  category_OTHER: "Autre entreprise",
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  appTitle: "Contracts",
  tabConnect: "Connection",
  tabQuote: "Quote",
  tabRenewals: "Renewals",
  busy: "Working…",
  serverUrl: "Server address",
  token: "API token",
  save: "Save",
  forget: "Forget",
  storageHint: "Kept for you on this computer, never in the workbook.",
  connectedAs: "Connected: {name} ({role})",
  notConnected: "Not connected",
  connectFirst: "First enter the server and the token in the Connection tab.",
  tokenRequired: "Enter an API token.",
  urlInvalid: "The server address must start with https:// (or http://localhost).",
  forgotten: "Connection forgotten on this computer.",
  customer: "Customer",
  searchCustomer: "Name or SIREN",
  search: "Search",
  noCustomerFound: "No customer found.",
  chooseCustomer: "Choose a customer.",
  customerPlaceholder: "Search for or create a customer",
  chooseOffer: "Choose an offer.",
  required: "Required.",
  newCustomer: "New customer",
  customerName: "Company name",
  category: "Category",
  siren: "SIREN",
  waiverSignedOn: "Waiver signed on",
  createCustomer: "Create customer",
  customerCreated: "Customer “{name}” created.",
  lines: "Quote lines",
  addLine: "Add a line",
  removeLine: "Remove",
  line: "Line {n}",
  offer: "Offer",
  quantity: "Quantity",
  monthlyUnitPrice: "Monthly unit price excl. VAT (€)",
  setupFee: "Setup fee excl. VAT (€)",
  initialTerm: "Initial term (months)",
  renewalTerm: "Renewal term (months)",
  startDate: "Start date",
  porting: "Number porting",
  portingNone: "None",
  portingInbound: "Inbound",
  portingOutbound: "Outbound",
  portingNumbers: "Numbers (one per line)",
  termRequired: "Required for this offer (no published term).",
  noLines: "Add at least one line.",
  mustBePositiveInt: "A whole number of at least {min}.",
  saveQuote: "Save quote",
  writeQuote: "Write to sheet",
  readQuote: "Read back from sheet",
  quoteSaved: "Quote {id} saved (version {version}).",
  quoteWritten: "Quote written to sheet “{sheet}”.",
  quoteReadBack: "Quote updated from the sheet (version {version}) and sheet rewritten.",
  sheetChangesTitle: "Changes read from the sheet (the server will price them again):",
  sheetChangesSave: "Save these changes",
  sheetNoChange: "The sheet holds no change.",
  saveFirst: "Save the quote first.",
  quoteSummary: "Quote {id} · version {version} · {status}",
  commitmentEnd: "Commitment end",
  noticeDeadline: "Notice deadline",
  oneOff: "One-off excl. VAT",
  monthly: "Monthly excl. VAT",
  totalExclVat: "Total excl. VAT (1st invoice)",
  vat: "VAT",
  totalInclVat: "Total incl. VAT (1st invoice)",
  totalContractValue: "Total contract value excl. VAT",
  from: "From",
  to: "To",
  families: "Families",
  allCustomers: "All customers",
  loadSchedule: "Load schedule",
  refreshSchedule: "Refresh",
  cancel: "Cancel",
  loading: "Loading: {loaded} / {total}",
  writing: "Writing to Excel: {written} / {total}",
  scheduleWritten: "{count} renewal events written to sheet “{sheet}”.",
  scheduleCancelled: "Cancelled: the table was emptied.",
  datesRequired: "Enter both dates (from … to …).",
  errUnauthenticated: "The server refused the API token: check it in the Connection tab.",
  errForbidden: "Your token ({role}) does not allow this.",
  errForbiddenNoRole: "Your token does not allow this.",
  errNetwork: "Server unreachable ({url}): check the server address and your connection.",
  errBadInput: "The server refused these values:",
  errConflict: "The quote was changed meanwhile: reload it before saving.",
  errServer: "Server error: {message}",
  errAborted: "Cancelled.",
  errNoExcel: "Excel is not available: open this pane in Excel.",
  errSheet: "The sheet cannot be read back:",
  errUnexpected: "Unexpected error: {message}",
  sheetRow: "row {row}",
  sheetQuotePrefix: "Quote",
  sheetQuoteTitle: "Quote",
  sheetQuoteId: "Quote no.",
  sheetVersion: "Version",
  sheetStatus: "Status",
  sheetQuoteDate: "Quote date",
  sheetValidUntil: "Valid until",
  sheetTerms: "Terms and conditions",
  colPosition: "No.",
  colOfferCode: "Offer code",
  colOfferName: "Offer",
  colQuantity: "Quantity",
  colMonthlyUnitPrice: "Monthly unit price excl. VAT",
  colSetupFee: "Setup excl. VAT",
  colMonthlyTotal: "Monthly excl. VAT",
  colPorting: "Porting excl. VAT",
  colInitialTerm: "Initial term (months)",
  colRenewalTerm: "Renewal term (months)",
  colStartDate: "Start",
  colCommitmentEnd: "Commitment end",
  colNoticeDeadline: "Notice deadline",
  colOneOffTotal: "One-off excl. VAT",
  colContractValue: "Contract value excl. VAT",
  colPortingDirection: "Porting direction",
  colPortingNumbers: "Numbers to port",
  colLineId: "Line ref.",
  sheetTotalsExcel: "Excel (formulas)",
  sheetTotalsServer: "Server",
  sheetContractsTitle: "Signed contracts",
  sheetPortingTitle: "Porting requests",
  colStatus: "Status",
  colNumber: "Number",
  colNumberKind: "Number kind",
  colDirection: "Direction",
  colRequestedOn: "Requested on",
  colLegalDeadline: "Legal deadline",
  colPlannedOn: "Planned on",
  colCustomer: "Customer",
  colContract: "Contract",
  colFamily: "Family",
  colPeriodEnd: "Period end",
  colNextPeriodStart: "Next period start",
  colMonthlyAmount: "Monthly excl. VAT",
  colReminderStart: "Reminder from",
  colReminderEnd: "Reminder by",
  colReminderSent: "Reminder sent on",
  renewalSheet: "Renewals",
  field_quantity: "Quantity",
  field_monthlyUnitPriceCents: "Monthly unit price",
  field_setupFeeCents: "Setup fee",
  field_initialTermMonths: "Initial term",
  field_renewalTermMonths: "Renewal term",
  field_startDate: "Start date",
  field_portingDirection: "Porting direction",
  field_portingNumbers: "Numbers to port",
  field_offerCode: "Offer",
  field_customerId: "Customer",
  field_name: "Company name",
  field_category: "Category",
  field_siren: "SIREN",
  field_waiverSignedOn: "Waiver date",
  field_from: "From date",
  field_to: "To date",
  field_lines: "Lines",
  field_expectedVersion: "Version",
  family_BACKUP: "Backup",
  family_IP_ACCESS_WIRED: "IP access, wired",
  family_IP_ACCESS_CELLULAR: "IP access, cellular",
  family_IP_TELEPHONY: "IP telephony",
  family_MOBILE_FLEET: "Mobile fleet",
  family_MAINTENANCE: "Maintenance",
  category_CONSUMER: "Consumer",
  category_MICRO: "Micro-enterprise",
  category_SMALL: "Small enterprise",
  category_NON_PROFIT: "Non-profit",
  category_OTHER: "Other business",
};

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { fr, en };

/**
 * French unless Office's display language is English. A `?lang=en|fr` override (a query parameter
 * of the page) helps when trying the pane outside Office.
 */
export function detectLanguage(displayLanguage: string | null | undefined, override?: string | null): Lang {
  const pick = (override ?? "").trim().toLowerCase() || (displayLanguage ?? "").trim().toLowerCase();
  return pick.startsWith("en") ? "en" : "fr";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, params) => {
    let text = dict[key];
    if (params) for (const [name, value] of Object.entries(params)) text = text.split(`{${name}}`).join(String(value));
    return text;
  };
}

export function familyLabel(t: Translate, family: ServiceFamily): string {
  return t(`family_${family}` as MessageKey);
}

export function categoryLabel(t: Translate, category: CustomerCategory): string {
  return t(`category_${category}` as MessageKey);
}

/** "lines[2].quantity" → "Ligne 3 · Quantité"; unknown fields are shown as the server named them. */
export function fieldLabel(t: Translate, path: string): string {
  const parts: string[] = [];
  for (const segment of path.split(".")) {
    const indexed = /^(\w+)\[(\d+)\]$/.exec(segment);
    if (indexed && indexed[1] === "lines") parts.push(t("line", { n: Number(indexed[2]) + 1 }));
    else {
      const name = indexed ? (indexed[1] as string) : segment;
      const key = `field_${name}` as MessageKey;
      parts.push(key in DICTIONARIES.fr ? t(key) : name);
      if (indexed && indexed[1] !== "lines") parts[parts.length - 1] += ` ${Number(indexed[2]) + 1}`;
    }
  }
  return parts.join(" · ");
}

function quoteColumnLabels(t: Translate): QuoteSheetLabels["columns"] {
  return {
    position: t("colPosition"),
    offerCode: t("colOfferCode"),
    offerName: t("colOfferName"),
    quantity: t("colQuantity"),
    monthlyUnitPrice: t("colMonthlyUnitPrice"),
    setupFee: t("colSetupFee"),
    monthlyTotal: t("colMonthlyTotal"),
    porting: t("colPorting"),
    initialTermMonths: t("colInitialTerm"),
    renewalTermMonths: t("colRenewalTerm"),
    startDate: t("colStartDate"),
    commitmentEnd: t("colCommitmentEnd"),
    noticeDeadline: t("colNoticeDeadline"),
    oneOffTotal: t("colOneOffTotal"),
    contractValue: t("colContractValue"),
    portingDirection: t("colPortingDirection"),
    portingNumbers: t("colPortingNumbers"),
    lineId: t("colLineId"),
  };
}

export function quoteSheetLabels(t: Translate): QuoteSheetLabels {
  // A sheet written by a colleague in the other language is recognised by its headers in either.
  const others = (["fr", "en"] as const).map((lang) => {
    const other = translator(lang);
    return { title: other("sheetQuoteTitle"), columns: quoteColumnLabels(other) };
  });
  return {
    sheetPrefix: t("sheetQuotePrefix"),
    title: t("sheetQuoteTitle"),
    quoteId: t("sheetQuoteId"),
    version: t("sheetVersion"),
    status: t("sheetStatus"),
    quoteDate: t("sheetQuoteDate"),
    validUntil: t("sheetValidUntil"),
    terms: t("sheetTerms"),
    columns: quoteColumnLabels(t),
    others,
    oneOff: t("oneOff"),
    monthly: t("monthly"),
    totalExclVat: t("totalExclVat"),
    vat: t("vat"),
    totalInclVat: t("totalInclVat"),
    totalContractValue: t("totalContractValue"),
    totalsExcel: t("sheetTotalsExcel"),
    totalsServer: t("sheetTotalsServer"),
    directions: { INBOUND: t("portingInbound"), OUTBOUND: t("portingOutbound") },
  };
}

function contractColumnLabels(t: Translate): Pick<ContractsSheetLabels, "contractColumns" | "portingColumns"> {
  return {
    contractColumns: {
      contractId: t("colContract"),
      offerCode: t("colOfferCode"),
      offerName: t("colOfferName"),
      quantity: t("colQuantity"),
      monthlyAmount: t("colMonthlyAmount"),
      startDate: t("colStartDate"),
      commitmentEnd: t("colCommitmentEnd"),
      noticeDeadline: t("colNoticeDeadline"),
      status: t("colStatus"),
    },
    portingColumns: {
      contractId: t("colContract"),
      number: t("colNumber"),
      kind: t("colNumberKind"),
      direction: t("colDirection"),
      status: t("colStatus"),
      requestedOn: t("colRequestedOn"),
      legalDeadline: t("colLegalDeadline"),
      plannedOn: t("colPlannedOn"),
    },
  };
}

/** Labels of a signed quote's contracts and porting requests on its sheet. */
export function contractsSheetLabels(t: Translate): ContractsSheetLabels {
  return {
    contractsTitle: t("sheetContractsTitle"),
    portingTitle: t("sheetPortingTitle"),
    ...contractColumnLabels(t),
    others: (["fr", "en"] as const).map((lang) => contractColumnLabels(translator(lang))),
  };
}

export function renewalSheetLabels(t: Translate): RenewalSheetLabels {
  return {
    customer: t("colCustomer"),
    contract: t("colContract"),
    offerCode: t("colOfferCode"),
    offer: t("colOfferName"),
    family: t("colFamily"),
    periodEnd: t("colPeriodEnd"),
    noticeDeadline: t("colNoticeDeadline"),
    nextPeriodStart: t("colNextPeriodStart"),
    monthlyAmount: t("colMonthlyAmount"),
    reminderWindowStart: t("colReminderStart"),
    reminderWindowEnd: t("colReminderEnd"),
    reminderSentOn: t("colReminderSent"),
  };
}
