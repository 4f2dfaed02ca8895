import { registerEnumType } from "type-graphql";
import { DECLARER_POLICIES, PROCEDURE_RULES } from "../../domain/incident-procedure.js";
import { INTERVENTION_MEDIUMS, INTERVENTION_SHEET_STATUSES } from "../../domain/intervention-sheet.js";
import { enumObject } from "../common/enums.js";

/** `DateTime` (common/scalars.ts): the same instance wherever it is used, so the schema has one. */
export { DateTimeScalar } from "../common/scalars.js";

export const InterventionMediumEnum = enumObject(INTERVENTION_MEDIUMS);
registerEnumType(InterventionMediumEnum, {
  name: "InterventionMedium",
  description: "How an intervention sheet is handed over to the customer.",
  valuesConfig: {
    PAPER: { description: "A paper sheet: signing it validates what it says." },
    ELECTRONIC: { description: "An electronic sheet: the customer may contest it within 5 days of sending." },
  },
});

export const InterventionSheetStatusEnum = enumObject(INTERVENTION_SHEET_STATUSES);
registerEnumType(InterventionSheetStatusEnum, {
  name: "InterventionSheetStatus",
  description: "Status of an intervention sheet as of a date, derived from its dated facts (never stored).",
  valuesConfig: {
    DRAFT: { description: "Not signed (PAPER) or not sent (ELECTRONIC) as of the date." },
    SIGNED: { description: "PAPER sheet signed on or before the date: validated." },
    AWAITING_CONTEST_WINDOW: { description: "ELECTRONIC sheet sent on D, as of D … D+5: the customer may still contest it." },
    CONTESTED: { description: "ELECTRONIC sheet contested inside its window, on or before the date." },
    DEEMED_ACCEPTED: { description: "ELECTRONIC sheet sent on D, not contested, as of D+6 or later: validated." },
  },
});

export const DeclarerPolicyEnum = enumObject(DECLARER_POLICIES);
registerEnumType(DeclarerPolicyEnum, {
  name: "DeclarerPolicy",
  description: "Who may declare incidents under a maintenance contract.",
  valuesConfig: {
    REFERENT_ONLY: { description: "Only the customer's IT referent active when the incident is declared." },
    LISTED: { description: "The active IT referent or one of the procedure's allowed declarers." },
  },
});

export const ProcedureRuleEnum = enumObject(PROCEDURE_RULES);
registerEnumType(ProcedureRuleEnum, {
  name: "ProcedureRule",
  description: "A rule of the declaration procedure that an incident declaration broke.",
  valuesConfig: {
    DECLARER_NOT_REFERENT: { description: "REFERENT_ONLY procedure, declared by someone other than the active IT referent." },
    DECLARER_NOT_ALLOWED: { description: "LISTED procedure, declared by someone neither the referent nor listed." },
    CHANNEL_NOT_ALLOWED: { description: "Declared through a channel the procedure does not list." },
    REQUIRED_FIELD_MISSING: { description: "A field the procedure requires was missing or blank (one entry per field)." },
    OUTSIDE_SUPPORT_HOURS: { description: "Declared outside the procedure's support hours (Europe/Paris)." },
  },
});

export const IncidentQualificationEnum = enumObject(["VALID", "MISDECLARED"] as const);
registerEnumType(IncidentQualificationEnum, {
  name: "IncidentQualification",
  description: "What an incident turned out to be once handled.",
  valuesConfig: {
    VALID: { description: "A real incident covered by the maintenance contract: nothing billed." },
    MISDECLARED: { description: "A wrongly declared incident: the minutes spent are billed at the contract's hourly rate." },
  },
});

export const BillableItemKindEnum = enumObject(["INTERVENTION_SHEET", "MISDECLARED_INCIDENT"] as const);
registerEnumType(BillableItemKindEnum, {
  name: "BillableItemKind",
  description: "What a billing export line comes from.",
  valuesConfig: {
    INTERVENTION_SHEET: { description: "A validated intervention sheet (SIGNED, or DEEMED_ACCEPTED)." },
    MISDECLARED_INCIDENT: { description: "An incident qualified MISDECLARED." },
  },
});
