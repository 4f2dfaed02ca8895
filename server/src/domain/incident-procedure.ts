/**
 * The incident declaration procedure of a maintenance contract (SPEC section 7): who may declare,
 * through which channels, which fields are required, and the support hours. A declaration that
 * breaks it is not refused: it is recorded and flagged with every rule it broke.
 *
 * Conventions fixed here (docs/rules.md "Maintenance"):
 * - Names are compared ignoring case, accents and repeated spaces ("hélène  DUPONT" = "Helene Dupont").
 * - The referent who counts is the one active at the declaration's instant (history is kept).
 * - Channels are codes (`PHONE`, `EMAIL`, `PORTAL` …), upper-cased; at least one per procedure.
 * - Required fields are among the optional parts of a declaration: `description`, `category`
 *   (a blank value counts as missing). `declarerName`, `channel` and `declaredAt` are always needed.
 * - Support hours are in Europe/Paris: days 1 (Monday) … 7 (Sunday), `from` inclusive, `to`
 *   exclusive, `from` before `to` (no overnight ranges); public holidays are not modelled.
 *   No support hours = declarations are accepted at any time.
 */
import type { FieldError } from "./errors.js";
import { DomainValidationError, throwIfAny } from "./errors.js";
import { nameProblem } from "./names.js";
import { type Text, text } from "./text.js";

export const DECLARER_POLICIES = ["REFERENT_ONLY", "LISTED"] as const;
export type DeclarerPolicy = (typeof DECLARER_POLICIES)[number];

/** Declaration fields a procedure may require (the others are always required by the API). */
export const REQUIRABLE_FIELDS = ["description", "category"] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

export const PROCEDURE_RULES = [
  "DECLARER_NOT_REFERENT",
  "DECLARER_NOT_ALLOWED",
  "CHANNEL_NOT_ALLOWED",
  "REQUIRED_FIELD_MISSING",
  "OUTSIDE_SUPPORT_HOURS",
] as const;
export type ProcedureRule = (typeof PROCEDURE_RULES)[number];

export interface SupportHours {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** `HH:MM`, Europe/Paris, inclusive. */
  from: string;
  /** `HH:MM` (up to `24:00`), Europe/Paris, exclusive. */
  to: string;
}

/** Same shape as the `procedure` JSON column of `maintenance_contract`. */
export interface DeclarationProcedure {
  declarers: DeclarerPolicy;
  allowedDeclarers: string[];
  channels: string[];
  requiredFields: string[];
  supportHours: SupportHours | null;
}

export interface Declaration {
  declarerName: string;
  channel: string;
  declaredAt: Date;
  description?: string | null;
  category?: string | null;
}

export interface ProcedureViolation {
  rule: ProcedureRule;
  /** Stored with the incident in both languages; rows stored before were English only (a string). */
  message: Text;
}

const MAX_NAME_LENGTH = 255;
const CHANNEL_PATTERN = /^[A-Z0-9_-]{1,40}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Case-, accent- and space-insensitive form of a person's name. */
export function normaliseName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** A channel code as stored: trimmed and upper-cased. */
export function normaliseChannel(channel: string): string {
  return channel.trim().toUpperCase();
}

function oneOf(allowed: readonly string[]): Text {
  return text(`doit être l'une des valeurs ${allowed.join(", ")}.`, `must be one of ${allowed.join(", ")}`);
}

function channelCode(): Text {
  return text(
    "doit être un code de 1 à 40 lettres, chiffres, - ou _ (par exemple PHONE).",
    "must be a code of 1 to 40 letters, digits, - or _ (e.g. PHONE)",
  );
}

function atMostCharacters(max: number): Text {
  return text(`doit compter au plus ${max} caractères.`, `must be at most ${max} characters`);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Checks and normalises a procedure given by a client; throws `DomainValidationError` naming
 * every bad field (paths relative to the procedure, e.g. `channels[1]`, `supportHours.from`).
 */
export function normaliseProcedure(input: DeclarationProcedure): DeclarationProcedure {
  const errors: FieldError[] = [];
  if (!(DECLARER_POLICIES as readonly string[]).includes(input.declarers)) {
    errors.push({ field: "declarers", message: oneOf(DECLARER_POLICIES) });
  }
  const allowedDeclarers = input.allowedDeclarers.map((name) => name.replace(/\s+/g, " ").trim());
  allowedDeclarers.forEach((name, i) => {
    const problem = nameProblem(name, MAX_NAME_LENGTH);
    if (problem) errors.push({ field: `allowedDeclarers[${i}]`, message: problem });
  });
  const channels = input.channels.map(normaliseChannel);
  if (channels.length === 0) {
    errors.push({ field: "channels", message: text("doit indiquer au moins un canal.", "must list at least one channel") });
  }
  channels.forEach((channel, i) => {
    if (!CHANNEL_PATTERN.test(channel)) {
      errors.push({ field: `channels[${i}]`, message: channelCode() });
    }
  });
  input.requiredFields.forEach((field, i) => {
    if (!(REQUIRABLE_FIELDS as readonly string[]).includes(field)) {
      errors.push({ field: `requiredFields[${i}]`, message: oneOf(REQUIRABLE_FIELDS) });
    }
  });
  const hours = input.supportHours;
  if (hours) {
    if (hours.days.length === 0) {
      errors.push({ field: "supportHours.days", message: text("doit indiquer au moins un jour.", "must list at least one day") });
    }
    hours.days.forEach((day, i) => {
      if (!Number.isInteger(day) || day < 1 || day > 7) {
        errors.push({
          field: `supportHours.days[${i}]`,
          message: text("doit être compris entre 1 (lundi) et 7 (dimanche).", "must be 1 (Monday) to 7 (Sunday)"),
        });
      }
    });
    const fromOk = TIME_PATTERN.test(hours.from) && hours.from !== "24:00";
    const toOk = TIME_PATTERN.test(hours.to);
    if (!fromOk) {
      errors.push({
        field: "supportHours.from",
        message: text("doit être une heure HH:MM entre 00:00 et 23:59.", "must be a time HH:MM from 00:00 to 23:59"),
      });
    }
    if (!toOk) {
      errors.push({
        field: "supportHours.to",
        message: text("doit être une heure HH:MM entre 00:01 et 24:00.", "must be a time HH:MM from 00:01 to 24:00"),
      });
    }
    if (fromOk && toOk && minutesOf(hours.from) >= minutesOf(hours.to)) {
      errors.push({
        field: "supportHours.to",
        message: text(
          "doit être après l'heure de début `from` (les plages qui passent minuit ne sont pas prises en charge).",
          "must be after `from` (overnight ranges are not supported)",
        ),
      });
    }
  }
  throwIfAny(errors);
  return {
    declarers: input.declarers,
    allowedDeclarers: unique(allowedDeclarers, normaliseName),
    channels: unique(channels, (c) => c),
    requiredFields: unique(input.requiredFields, (f) => f),
    supportHours: hours ? { days: [...new Set(hours.days)].sort((a, b) => a - b), from: hours.from, to: hours.to } : null,
  };
}

function unique<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

let parisClock: Intl.DateTimeFormat | undefined;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The Europe/Paris weekday (1 = Monday) and minute of the day of an instant. */
export function parisWallClock(instant: Date): { weekday: number; minuteOfDay: number } {
  parisClock ??= new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Paris",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of parisClock.formatToParts(instant)) {
    if (part.type === "weekday") weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type === "hour") hour = Number(part.value);
    else if (part.type === "minute") minute = Number(part.value);
  }
  return { weekday, minuteOfDay: hour * 60 + minute };
}

/** True when the instant falls inside the support hours (Europe/Paris). */
export function withinSupportHours(hours: SupportHours, instant: Date): boolean {
  const { weekday, minuteOfDay } = parisWallClock(instant);
  return hours.days.includes(weekday) && minuteOfDay >= minutesOf(hours.from) && minuteOfDay < minutesOf(hours.to);
}

const DAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const FRENCH_DAY_NAMES = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/**
 * Every rule of the procedure a declaration broke (empty when it follows the procedure).
 * `referentName` is the IT referent active when the declaration was made, or null if none was.
 */
export function checkDeclaration(
  procedure: DeclarationProcedure,
  declaration: Declaration,
  referentName: string | null,
): ProcedureViolation[] {
  const violations: ProcedureViolation[] = [];
  const declarer = normaliseName(declaration.declarerName);
  const isReferent = referentName !== null && normaliseName(referentName) === declarer;
  if (procedure.declarers === "REFERENT_ONLY" && !isReferent) {
    violations.push({
      rule: "DECLARER_NOT_REFERENT",
      message:
        referentName === null
          ? text(
              `Seul le référent informatique peut déclarer, et aucun référent n'était désigné quand ${declaration.declarerName} a déclaré.`,
              `Only the IT referent may declare, and no referent was named when ${declaration.declarerName} declared.`,
            )
          : text(
              `Seul le référent informatique (${referentName}) peut déclarer ; déclaration faite par ${declaration.declarerName}.`,
              `Only the IT referent (${referentName}) may declare; declared by ${declaration.declarerName}.`,
            ),
    });
  }
  if (procedure.declarers === "LISTED" && !isReferent && !procedure.allowedDeclarers.some((n) => normaliseName(n) === declarer)) {
    violations.push({
      rule: "DECLARER_NOT_ALLOWED",
      message: text(
        `${declaration.declarerName} n'est ni le référent informatique${referentName ? ` (${referentName})` : ""} ni un déclarant autorisé.`,
        `${declaration.declarerName} is neither the IT referent${referentName ? ` (${referentName})` : ""} nor a listed declarer.`,
      ),
    });
  }
  const channel = normaliseChannel(declaration.channel);
  if (!procedure.channels.includes(channel)) {
    violations.push({
      rule: "CHANNEL_NOT_ALLOWED",
      message: text(
        `Le canal ${channel} n'est pas autorisé ; la procédure autorise ${procedure.channels.join(", ")}.`,
        `Channel ${channel} is not allowed; the procedure allows ${procedure.channels.join(", ")}.`,
      ),
    });
  }
  for (const field of procedure.requiredFields) {
    const value = declaration[field as RequirableField];
    if (typeof value !== "string" || value.trim() === "") {
      violations.push({
        rule: "REQUIRED_FIELD_MISSING",
        message: text(`La procédure exige le champ ${field}.`, `The procedure requires the field ${field}.`),
      });
    }
  }
  const hours = procedure.supportHours;
  if (hours && !withinSupportHours(hours, declaration.declaredAt)) {
    const days = hours.days.map((d) => DAY_NAMES[d]).join(", ");
    const jours = hours.days.map((d) => FRENCH_DAY_NAMES[d]).join(", ");
    violations.push({
      rule: "OUTSIDE_SUPPORT_HOURS",
      message: text(
        `Déclaration faite en dehors des heures de support (${jours}, ${hours.from}–${hours.to}, heure de Paris).`,
        `Declared outside support hours (${days}, ${hours.from}–${hours.to} Europe/Paris).`,
      ),
    });
  }
  return violations;
}

/** Validates the always-required parts of a declaration; throws naming the bad fields. */
export function validateDeclaration(declaration: Declaration): void {
  const errors: FieldError[] = [];
  const declarer = nameProblem(declaration.declarerName, MAX_NAME_LENGTH);
  if (declarer) errors.push({ field: "declarerName", message: declarer });
  if (!CHANNEL_PATTERN.test(normaliseChannel(declaration.channel))) {
    errors.push({ field: "channel", message: channelCode() });
  }
  if (Number.isNaN(declaration.declaredAt.getTime())) {
    errors.push({ field: "declaredAt", message: text("doit être un instant valide.", "must be a valid instant") });
  }
  if ((declaration.category ?? "").length > 60) errors.push({ field: "category", message: atMostCharacters(60) });
  if ((declaration.description ?? "").length > 20_000) {
    errors.push({ field: "description", message: atMostCharacters(20_000) });
  }
  if (errors.length > 0) throw new DomainValidationError(errors);
}
