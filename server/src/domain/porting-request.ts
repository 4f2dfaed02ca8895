/**
 * Porting requests (SPEC section 5, API.md "Porting requests"): the legal deadline of each number
 * and the lifecycle REQUESTED → SCHEDULED → COMPLETED, or REJECTED / CANCELLED before completion.
 * Pure: the service loads and stores, these functions decide.
 *
 * Conventions fixed here (docs/rules.md "Porting requests"):
 * - Legal deadline: MOBILE numbers 1 working day after `requestedOn`, every other kind 7 working
 *   days after it (working-days.ts: Monday to Friday except French public holidays). The request
 *   date itself never counts, whatever day it is.
 * - `plannedOn` is the legal deadline until someone schedules the porting; it may be set later
 *   than the deadline (the customer's wish, an operator's delay) but never before `requestedOn`.
 * - schedule: from REQUESTED or SCHEDULED (re-planning) to SCHEDULED; complete: from SCHEDULED,
 *   on a date from `requestedOn` to today; reject (with a reason) and cancel: from REQUESTED or
 *   SCHEDULED. Asking again for the state a request is already in, with the same values, changes
 *   nothing (a retry); anything else from a state where the action makes no sense is
 *   BAD_USER_INPUT on `id`.
 */
import { isValidLocalDate } from "./calendar.js";
import { DomainValidationError, type FieldError, throwIfAny } from "./errors.js";
import { notADate } from "./messages.js";
import type { NumberKind } from "./phone-number.js";
import { type Text, text } from "./text.js";
import { addWorkingDays } from "./working-days.js";

export const PORTING_STATUSES = ["REQUESTED", "SCHEDULED", "COMPLETED", "REJECTED", "CANCELLED"] as const;
export type PortingStatus = (typeof PORTING_STATUSES)[number];

/** Working days from the request to the legal deadline, by number kind (convention). */
export const LEGAL_WORKING_DAYS: Readonly<Record<NumberKind, number>> = {
  MOBILE: 1,
  GEOGRAPHIC: 7,
  NON_GEOGRAPHIC: 7,
  SPECIAL: 7,
};

/** Longest rejection reason kept. */
export const REJECTION_REASON_MAX_LENGTH = 500;

/** The legal deadline of a request for a number of this kind made on `requestedOn`. */
export function portingLegalDeadline(kind: NumberKind, requestedOn: string): string {
  return addWorkingDays(requestedOn, LEGAL_WORKING_DAYS[kind]);
}

/** What a transition reads of a stored request. */
export interface PortingRequestState {
  id: number;
  status: PortingStatus;
  requestedOn: string;
  plannedOn: string;
  completedOn: string | null;
  rejectionReason: string | null;
}

export type PortingAction =
  | { action: "schedule"; plannedOn: string }
  | { action: "complete"; completedOn: string }
  | { action: "reject"; reason: string }
  | { action: "cancel" };

/** The columns a transition writes; `null` when the request is already in the state asked (a retry). */
export type PortingChange = Pick<PortingRequestState, "status" | "plannedOn" | "completedOn" | "rejectionReason"> | null;

const STATUS_FR: Record<PortingStatus, string> = {
  REQUESTED: "demandée",
  SCHEDULED: "planifiée",
  COMPLETED: "réalisée",
  REJECTED: "rejetée",
  CANCELLED: "annulée",
};

const ACTION: Record<PortingAction["action"], { fr: string; en: string }> = {
  schedule: { fr: "planifiée", en: "scheduled" },
  complete: { fr: "réalisée", en: "completed" },
  reject: { fr: "rejetée", en: "rejected" },
  cancel: { fr: "annulée", en: "cancelled" },
};

/** Which statuses each action starts from. */
const FROM: Record<PortingAction["action"], readonly PortingStatus[]> = {
  schedule: ["REQUESTED", "SCHEDULED"],
  complete: ["SCHEDULED"],
  reject: ["REQUESTED", "SCHEDULED"],
  cancel: ["REQUESTED", "SCHEDULED"],
};

function wrongState(request: PortingRequestState, action: PortingAction["action"]): FieldError {
  const scheduleFirst = action === "complete" && request.status === "REQUESTED";
  const hint = scheduleFirst
    ? { fr: " ; planifiez-la d'abord (schedulePorting).", en: "; schedule it first (schedulePorting)." }
    : { fr: ".", en: "." };
  const message: Text = text(
    `La demande de portabilité ${request.id} est ${STATUS_FR[request.status]} (${request.status}) : elle ne peut pas être ${ACTION[action].fr}${hint.fr}`,
    `Porting request ${request.id} is ${request.status}: it cannot be ${ACTION[action].en}${hint.en}`,
  );
  return { field: "id", message };
}

/** A date of the lifecycle: a real date, not before the request (and not after `latest` when given). */
function dateErrors(field: string, value: string, requestedOn: string, latest?: string): FieldError[] {
  if (!isValidLocalDate(value)) return [{ field, message: notADate(value) }];
  if (value < requestedOn) {
    return [
      {
        field,
        message: text(
          `La date ${value} précède la date de la demande (${requestedOn}).`,
          `${value} is before the request date ${requestedOn}.`,
        ),
      },
    ];
  }
  if (latest !== undefined && value > latest) {
    return [
      {
        field,
        message: text(
          `La date ${value} est dans le futur (nous sommes le ${latest}) : enregistrez la portabilité une fois réalisée.`,
          `${value} is in the future (today is ${latest}): record a porting once it is done.`,
        ),
      },
    ];
  }
  return [];
}

/**
 * What `action` does to `request` on `today` (Europe/Paris): the new values, or null when the
 * request already is where the action leads with the same values. Throws DomainValidationError
 * naming every bad field (`id` for a state the action cannot start from).
 */
export function portingTransition(request: PortingRequestState, action: PortingAction, today: string): PortingChange {
  const errors: FieldError[] = [];
  const keep = {
    status: request.status,
    plannedOn: request.plannedOn,
    completedOn: request.completedOn,
    rejectionReason: request.rejectionReason,
  };
  switch (action.action) {
    case "schedule": {
      errors.push(...dateErrors("plannedOn", action.plannedOn, request.requestedOn));
      if (request.status === "SCHEDULED" && request.plannedOn === action.plannedOn && errors.length === 0) return null;
      if (!FROM.schedule.includes(request.status)) errors.push(wrongState(request, "schedule"));
      throwIfAny(errors);
      return { ...keep, status: "SCHEDULED", plannedOn: action.plannedOn };
    }
    case "complete": {
      errors.push(...dateErrors("completedOn", action.completedOn, request.requestedOn, today));
      if (request.status === "COMPLETED" && request.completedOn === action.completedOn && errors.length === 0) return null;
      if (!FROM.complete.includes(request.status)) errors.push(wrongState(request, "complete"));
      throwIfAny(errors);
      return { ...keep, status: "COMPLETED", completedOn: action.completedOn };
    }
    case "reject": {
      const reason = action.reason.trim();
      if (reason === "" || reason.length > REJECTION_REASON_MAX_LENGTH) {
        errors.push({
          field: "reason",
          message: text(
            `Le motif du rejet est obligatoire (1 à ${REJECTION_REASON_MAX_LENGTH} caractères).`,
            `A rejection reason of 1 to ${REJECTION_REASON_MAX_LENGTH} characters is required.`,
          ),
        });
      }
      if (request.status === "REJECTED" && request.rejectionReason === reason && errors.length === 0) return null;
      if (!FROM.reject.includes(request.status)) errors.push(wrongState(request, "reject"));
      throwIfAny(errors);
      return { ...keep, status: "REJECTED", rejectionReason: reason };
    }
    case "cancel": {
      if (request.status === "CANCELLED") return null;
      if (!FROM.cancel.includes(request.status)) throw new DomainValidationError(wrongState(request, "cancel"));
      return { ...keep, status: "CANCELLED" };
    }
  }
}
