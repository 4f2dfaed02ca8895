import { describe, expect, it } from "vitest";
import { EventDigest, SCHEDULE_EVENT_FIELDS, type ScheduleEvent } from "../../bench/schedule-client.js";

const event = (contractId: number, overrides: Partial<ScheduleEvent> = {}): ScheduleEvent => ({
  ...(Object.fromEntries(SCHEDULE_EVENT_FIELDS.map((field) => [field, null])) as ScheduleEvent),
  contractId: String(contractId),
  customerName: "Boulangerie Martin",
  periodIndex: 2,
  periodEnd: "2026-03-31",
  reminderRequired: true,
  ...overrides,
});

/** The bench's check that GraphQL and the raw-SQL floor return the same events (`sameEvents`). */
describe("EventDigest", () => {
  const digestOf = (events: ScheduleEvent[]) => {
    const digest = new EventDigest();
    digest.add(events);
    return digest;
  };

  it("ignores the order of events and of pages", () => {
    const pagedOneWay = new EventDigest();
    pagedOneWay.add([event(1), event(2)]);
    pagedOneWay.add([event(3)]);
    expect(pagedOneWay.equals(digestOf([event(3), event(1), event(2)]))).toBe(true);
  });

  it("tells a missing, an extra or a duplicated event", () => {
    const all = digestOf([event(1), event(2), event(3)]);
    expect(all.equals(digestOf([event(1), event(2)]))).toBe(false);
    expect(all.equals(digestOf([event(1), event(2), event(3), event(4)]))).toBe(false);
    expect(all.equals(digestOf([event(1), event(2), event(2)]))).toBe(false);
  });

  it("tells a difference in any single field", () => {
    const reference = digestOf([event(1), event(2)]);
    for (const field of SCHEDULE_EVENT_FIELDS) {
      const changed = event(2, { [field]: field === "reminderRequired" ? false : "9999-12-31" });
      expect(reference.equals(digestOf([event(1), changed])), field).toBe(false);
    }
  });
});
