import { type Text, text } from "../domain/text.js";

/** How a French reader names each kind of record (`extensions.entity` keeps the English code). */
const FRENCH_ENTITY_NAMES: Record<string, string> = {
  ApiToken: "Le jeton d'API",
  Contract: "Le contrat",
  Customer: "Le client",
  Incident: "L'incident",
  InterventionSheet: "La fiche d'intervention",
  MaintenanceContract: "Le contrat de maintenance",
  Offer: "L'offre",
  PortingRequest: "La demande de portabilité",
  Quote: "Le devis",
};

/** English names of the same records, as sentences start. */
const ENGLISH_ENTITY_NAMES: Record<string, string> = {
  ApiToken: "API token",
  InterventionSheet: "Intervention sheet",
  MaintenanceContract: "Maintenance contract",
  PortingRequest: "Porting request",
};

/** A record that does not exist. Mapped to GraphQL `NOT_FOUND`. */
export class NotFoundError extends Error {
  readonly text: Text;

  constructor(
    readonly entity: string,
    readonly id: string | number,
  ) {
    const fr = `${FRENCH_ENTITY_NAMES[entity] ?? `L'élément ${entity}`} ${id} est introuvable.`;
    const en = `${ENGLISH_ENTITY_NAMES[entity] ?? entity} ${id} not found.`;
    super(en);
    this.name = "NotFoundError";
    this.text = text(fr, en);
  }
}

/**
 * A write that cannot happen in the current state: a stale version (optimistic locking), a quote
 * already signed with another key, an idempotency key reused with other arguments.
 * Mapped to GraphQL `CONFLICT`; `text` is the message in both languages.
 */
export class ConflictError extends Error {
  constructor(
    readonly text: Text,
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.en);
    this.name = "ConflictError";
  }
}
