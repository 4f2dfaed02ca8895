import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../server/src/domain/calendar.js";
import { DomainValidationError, type FieldError } from "../../../server/src/domain/errors.js";
import { NUMBER_KINDS } from "../../../server/src/domain/phone-number.js";
import {
  type PortingAction,
  type PortingRequestState,
  type PortingStatus,
  portingLegalDeadline,
  portingTransition,
} from "../../../server/src/domain/porting-request.js";
import { isWorkingDay } from "../../../server/src/domain/working-days.js";

const TODAY = "2027-01-15";
const request = (status: PortingStatus, patch: Partial<PortingRequestState> = {}): PortingRequestState => ({
  id: 7,
  status,
  requestedOn: "2026-12-24",
  plannedOn: "2026-12-28",
  completedOn: null,
  rejectionReason: null,
  ...patch,
});

function fields(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.fields;
    throw error;
  }
  return [];
}

describe("legal deadline (convention, SPEC section 5)", () => {
  it.each([
    ["MOBILE", "2026-12-24", "2026-12-28"],
    ["GEOGRAPHIC", "2026-12-24", "2027-01-06"],
    ["NON_GEOGRAPHIC", "2026-12-24", "2027-01-06"],
    ["SPECIAL", "2026-12-24", "2027-01-06"],
    ["MOBILE", "2025-05-07", "2025-05-09"],
    ["GEOGRAPHIC", "2025-05-07", "2025-05-19"],
  ] as const)("%s requested on %s → %s", (kind, requestedOn, deadline) => {
    expect(portingLegalDeadline(kind, requestedOn)).toBe(deadline);
  });

  it("is a working day after the request, MOBILE before or with every other kind", () => {
    const day = fc.integer({ min: 0, max: 366 * 50 }).map((n) => addDays("2000-01-01", n));
    fc.assert(
      fc.property(day, fc.constantFrom(...NUMBER_KINDS), (requestedOn, kind) => {
        const deadline = portingLegalDeadline(kind, requestedOn);
        expect(deadline > requestedOn && isWorkingDay(deadline)).toBe(true);
        expect(portingLegalDeadline("MOBILE", requestedOn) <= deadline).toBe(true);
      }),
    );
  });
});

describe("lifecycle", () => {
  it.each<[string, PortingRequestState, PortingAction, Partial<PortingRequestState> | null]>([
    [
      "schedules a requested porting",
      request("REQUESTED"),
      { action: "schedule", plannedOn: "2027-01-04" },
      { status: "SCHEDULED", plannedOn: "2027-01-04" },
    ],
    [
      "schedules earlier than the deadline, from the request date",
      request("REQUESTED"),
      { action: "schedule", plannedOn: "2026-12-24" },
      { status: "SCHEDULED", plannedOn: "2026-12-24" },
    ],
    [
      "re-plans a scheduled porting",
      request("SCHEDULED"),
      { action: "schedule", plannedOn: "2027-02-01" },
      { status: "SCHEDULED", plannedOn: "2027-02-01" },
    ],
    ["takes the same plan again as a retry", request("SCHEDULED"), { action: "schedule", plannedOn: "2026-12-28" }, null],
    [
      "completes a scheduled porting",
      request("SCHEDULED"),
      { action: "complete", completedOn: "2026-12-28" },
      { status: "COMPLETED", completedOn: "2026-12-28" },
    ],
    [
      "takes the same completion again as a retry",
      request("COMPLETED", { completedOn: "2026-12-28" }),
      { action: "complete", completedOn: "2026-12-28" },
      null,
    ],
    [
      "rejects with a trimmed reason",
      request("REQUESTED"),
      { action: "reject", reason: "  RIO inconnu " },
      { status: "REJECTED", rejectionReason: "RIO inconnu" },
    ],
    [
      "takes the same rejection again as a retry",
      request("REJECTED", { rejectionReason: "RIO inconnu" }),
      { action: "reject", reason: "RIO inconnu" },
      null,
    ],
    ["cancels a scheduled porting", request("SCHEDULED"), { action: "cancel" }, { status: "CANCELLED" }],
    ["cancels twice as a retry", request("CANCELLED"), { action: "cancel" }, null],
  ])("%s", (_label, state, action, expected) => {
    const change = portingTransition(state, action, TODAY);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toMatchObject(expected);
  });

  it.each<[string, PortingRequestState, PortingAction, string[]]>([
    ["plans before the request date", request("REQUESTED"), { action: "schedule", plannedOn: "2026-12-23" }, ["plannedOn"]],
    [
      "schedules a completed porting",
      request("COMPLETED", { completedOn: "2026-12-28" }),
      { action: "schedule", plannedOn: "2027-01-04" },
      ["id"],
    ],
    ["completes a porting never scheduled", request("REQUESTED"), { action: "complete", completedOn: "2026-12-28" }, ["id"]],
    ["completes in the future", request("SCHEDULED"), { action: "complete", completedOn: "2027-01-16" }, ["completedOn"]],
    [
      "completes twice on another day",
      request("COMPLETED", { completedOn: "2026-12-28" }),
      { action: "complete", completedOn: "2026-12-29" },
      ["id"],
    ],
    ["rejects without a reason", request("SCHEDULED"), { action: "reject", reason: "   " }, ["reason"]],
    [
      "rejects a cancelled porting without a reason (both named)",
      request("CANCELLED"),
      { action: "reject", reason: "" },
      ["reason", "id"],
    ],
    ["cancels a completed porting", request("COMPLETED", { completedOn: "2026-12-28" }), { action: "cancel" }, ["id"]],
    ["cancels a rejected porting", request("REJECTED", { rejectionReason: "x" }), { action: "cancel" }, ["id"]],
  ])("refuses: %s", (_label, state, action, named) => {
    expect(fields(() => portingTransition(state, action, TODAY)).map((f) => f.field)).toEqual(named);
  });

  it("says how to go on when a porting is completed before being scheduled", () => {
    const [error] = fields(() =>
      portingTransition(request("REQUESTED"), { action: "complete", completedOn: "2026-12-28" }, TODAY),
    );
    expect(error?.message.fr).toBe(
      "La demande de portabilité 7 est demandée (REQUESTED) : elle ne peut pas être réalisée ; planifiez-la d'abord (schedulePorting).",
    );
    expect(error?.message.en).toBe(
      "Porting request 7 is REQUESTED: it cannot be completed; schedule it first (schedulePorting).",
    );
  });
});
