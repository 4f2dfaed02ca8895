import { In } from "typeorm";
import type { Database } from "../db/database.js";
import { addDays, todayInParis } from "../domain/calendar.js";
import { DomainValidationError, throwIfAny } from "../domain/errors.js";
import { CONTEST_WINDOW_DAYS, validatedOn } from "../domain/intervention-sheet.js";
import { timeAmountCents } from "../domain/misdeclaration-billing.js";
import { type Text, text } from "../domain/text.js";
import { Customer, Incident, InterventionSheet, MaintenanceContract } from "../entities/index.js";
import { MAX_GRAPHQL_INT } from "./db-errors.js";
import { decodeCursor, encodeCursor } from "./ids.js";
import { parisDateOf, periodErrors } from "./maintenance-support.js";

export type BillableItemKind = "INTERVENTION_SHEET" | "MISDECLARED_INCIDENT";

/** One line of the billing export (amounts in euro cents excl. VAT). */
export interface BillableItem {
  kind: BillableItemKind;
  /** The sheet's or the incident's id. */
  sourceId: number;
  customerId: number;
  customerName: string;
  maintenanceContractId: number | null;
  /** Validation date of a sheet (signing day, or D+6), qualification date of an incident (Paris). */
  date: string;
  description: string;
  minutes: number;
  hourlyRateCents: number | null;
  amountCents: number;
  /** Why an amount is 0 or otherwise special, in both languages; null when nothing needs saying. */
  note: Text | null;
}

export interface BillableItems {
  from: string;
  to: string;
  items: BillableItem[];
  totalAmountCents: number;
}

export const NOT_PRICED_NOTE: Text = text(
  "Aucun contrat de maintenance n'est lié à cette fiche : minutes non valorisées (0).",
  "No maintenance contract linked to this sheet: minutes not priced (0).",
);

/**
 * What finance bills for a period `[from, to]` (Paris calendar dates, both inclusive):
 * - intervention sheets validated in the period and by today: PAPER signed in it; ELECTRONIC not
 *   contested whose acceptance day (sent on D → D+6) is in it; minutes billed at the hourly rate of
 *   the sheet's maintenance contract (0, with a note, when the sheet names none);
 * - incidents qualified MISDECLARED in the period, at the amount stored when qualified.
 * Sorted by date, then kind, then id. The same list feeds GraphQL and the CSV download.
 */
export class BillingExportService {
  constructor(private readonly database: Database) {}

  async billableItems(
    period: { from: string; to: string; customerId?: number | null },
    today: string = todayInParis(),
  ): Promise<BillableItems> {
    const { from, to } = period;
    throwIfAny(periodErrors(from, to));
    const customerId = period.customerId ?? null;
    const [sheets, incidents] = await Promise.all([
      this.validatedSheets(from, to, today, customerId),
      this.misdeclared(from, to, customerId),
    ]);
    const contractIds = [
      ...new Set([...sheets.map((s) => s.maintenanceContractId), ...incidents.map((i) => i.maintenanceContractId)]),
    ];
    const customerIds = [...new Set([...sheets.map((s) => s.customerId), ...incidents.map((i) => i.customerId)])];
    const manager = this.database.manager;
    const [contracts, customers] = await Promise.all([
      manager.findBy(MaintenanceContract, { id: In(contractIds.filter((id): id is number => id !== null)) }),
      manager.findBy(Customer, { id: In(customerIds) }),
    ]);
    const rateOf = new Map(contracts.map((c) => [c.id, c.hourlyRateCents]));
    const nameOf = new Map(customers.map((c) => [c.id, c.name]));

    const items: BillableItem[] = [];
    for (const sheet of sheets) {
      const rate = sheet.maintenanceContractId === null ? null : (rateOf.get(sheet.maintenanceContractId) ?? null);
      items.push({
        kind: "INTERVENTION_SHEET",
        sourceId: sheet.id,
        customerId: sheet.customerId,
        customerName: nameOf.get(sheet.customerId) ?? "",
        maintenanceContractId: sheet.maintenanceContractId,
        date: validatedOn(sheet) as string,
        description: sheet.summary,
        minutes: sheet.minutes,
        hourlyRateCents: rate,
        amountCents: rate === null ? 0 : timeAmountCents(sheet.minutes, rate),
        note: rate === null ? NOT_PRICED_NOTE : null,
      });
    }
    for (const incident of incidents) {
      items.push({
        kind: "MISDECLARED_INCIDENT",
        sourceId: incident.id,
        customerId: incident.customerId,
        customerName: nameOf.get(incident.customerId) ?? "",
        maintenanceContractId: incident.maintenanceContractId,
        date: parisDateOf(incident.qualifiedAt as Date),
        description: incident.description || incident.category || "",
        minutes: incident.minutesSpent ?? 0,
        hourlyRateCents: rateOf.get(incident.maintenanceContractId) ?? null,
        amountCents: incident.billedAmountCents ?? 0,
        note:
          incident.procedureViolations.length > 0
            ? text(
                `Procédure non respectée : ${incident.procedureViolations.map((v) => v.rule).join(", ")}`,
                `Procedure broken: ${incident.procedureViolations.map((v) => v.rule).join(", ")}`,
              )
            : null,
      });
    }
    items.sort(compareBillable);
    const totalAmountCents = items.reduce((sum, item) => sum + item.amountCents, 0);
    if (totalAmountCents > MAX_GRAPHQL_INT) {
      throw new DomainValidationError({
        field: "to",
        message: text(
          "Le total de la période dépasse 21 millions d'euros : exportez une période plus courte.",
          "The period's total exceeds 21 million euros: export a shorter period.",
        ),
      });
    }
    return { from, to, items, totalAmountCents };
  }

  private async validatedSheets(
    from: string,
    to: string,
    today: string,
    customerId: number | null,
  ): Promise<InterventionSheet[]> {
    // Validated by today: the period's end is capped at today.
    const end = to < today ? to : today;
    if (end < from) return [];
    const acceptanceLag = CONTEST_WINDOW_DAYS + 1;
    const query = this.database.manager
      .createQueryBuilder(InterventionSheet, "s")
      .where(
        "((s.medium = 'PAPER' AND s.signedOn >= :from AND s.signedOn <= :end) OR " +
          "(s.medium = 'ELECTRONIC' AND s.contestedOn IS NULL AND s.sentOn >= :sentFrom AND s.sentOn <= :sentEnd))",
        { from, end, sentFrom: addDays(from, -acceptanceLag), sentEnd: addDays(end, -acceptanceLag) },
      );
    if (customerId !== null) query.andWhere("s.customerId = :customerId", { customerId });
    return query.getMany();
  }

  private async misdeclared(from: string, to: string, customerId: number | null): Promise<Incident[]> {
    // qualifiedAt is an instant: widen by a day in UTC, keep the exact Paris dates in code.
    const query = this.database.manager
      .createQueryBuilder(Incident, "i")
      .where("i.qualification = 'MISDECLARED'")
      .andWhere("i.qualifiedAt >= :lo AND i.qualifiedAt < :hi", {
        lo: new Date(`${addDays(from, -1)}T00:00:00Z`),
        hi: new Date(`${addDays(to, 2)}T00:00:00Z`),
      });
    if (customerId !== null) query.andWhere("i.customerId = :customerId", { customerId });
    const rows = await query.getMany();
    return rows.filter((row) => {
      const day = parisDateOf(row.qualifiedAt as Date);
      return day >= from && day <= to;
    });
  }
}

type BillableKey = Pick<BillableItem, "date" | "kind" | "sourceId">;

/** The list's order, and its cursors' key: date, then kind, then the sheet's or incident's id. */
export function compareBillable(a: BillableKey, b: BillableKey): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind.localeCompare(b.kind) || a.sourceId - b.sourceId;
}

const BILLABLE_CURSOR = "billable";

export function billableCursor(item: BillableKey): string {
  return encodeCursor(BILLABLE_CURSOR, `${item.date}|${item.kind}|${item.sourceId}`);
}

/** The items after a cursor of this list (in its order), or null when `cursor` is not one. */
export function billableItemsAfter(items: readonly BillableItem[], cursor: string): BillableItem[] | null {
  const match = /^(\d{4}-\d\d-\d\d)\|([A-Z_]{1,40})\|([1-9]\d{0,9})$/.exec(decodeCursor(BILLABLE_CURSOR, cursor) ?? "");
  if (!match) return null;
  const key = { date: match[1] as string, kind: match[2] as BillableItemKind, sourceId: Number(match[3]) };
  return items.filter((item) => compareBillable(item, key) > 0);
}
