import { In } from "typeorm";
import type { Database } from "../db/database.js";
import { todayInParis } from "../domain/calendar.js";
import { type FieldError, throwIfAny } from "../domain/errors.js";
import { betweenMessage, notACursorMessage } from "../domain/messages.js";
import type { PortingDirection } from "../domain/porting-price.js";
import { type PortingAction, type PortingStatus, portingTransition } from "../domain/porting-request.js";
import { text } from "../domain/text.js";
import { PortingRequest, QuoteLine } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { decodeCursor, encodeCursor } from "./ids.js";
import { lockById } from "./maintenance-support.js";
import { type Page, pageOfRows } from "./page.js";

export const DEFAULT_PORTING_PAGE = 100;
export const MAX_PORTING_PAGE = 500;
const PORTING_CURSOR = "porting";

export interface PortingRequestFilter {
  status?: PortingStatus | null;
  direction?: PortingDirection | null;
  customerId?: number | null;
  /** Planned on or after this day. */
  from?: string | null;
  /** Planned on or before this day. */
  to?: string | null;
  first?: number | null;
  after?: string | null;
}

export type PortingRequestPage = Page<"portingRequests", PortingRequest>;

/** Planned date then id: the follow-up order, and the key of the cursor. */
function cursorOf(request: PortingRequest): string {
  return encodeCursor(PORTING_CURSOR, `${request.plannedOn}|${request.id}`);
}

function keyOf(cursor: string): { plannedOn: string; id: number } | null {
  const match = /^(\d{4}-\d\d-\d\d)\|([1-9]\d{0,9})$/.exec(decodeCursor(PORTING_CURSOR, cursor) ?? "");
  return match ? { plannedOn: match[1] as string, id: Number(match[2]) } : null;
}

/**
 * Porting requests (SPEC section 5, API.md "Porting requests"): created by signing (QuoteSigningService),
 * read by contract, by quote or as a filtered list, and moved through their lifecycle; the rules
 * are domain/porting-request.ts. Each change is one transaction with the row locked (MySQL) or in
 * the SQLite write queue, and writes an audit row; a repeated request changes nothing.
 */
export class PortingRequestService {
  constructor(private readonly database: Database) {}

  async byId(id: number): Promise<PortingRequest | null> {
    return this.database.manager.findOneBy(PortingRequest, { id });
  }

  /** The requests of several contracts at once, each contract's by number. */
  async forContracts(contractIds: readonly number[]): Promise<Map<number, PortingRequest[]>> {
    const groups = new Map<number, PortingRequest[]>(contractIds.map((id) => [id, []]));
    if (contractIds.length === 0) return groups;
    const rows = await this.database.manager.find(PortingRequest, {
      where: { contractId: In([...contractIds]) },
      order: { id: "ASC" },
    });
    for (const row of rows) if (row.contractId !== null) groups.get(row.contractId)?.push(row);
    return groups;
  }

  /** The requests that signing several quotes created, each quote's by line then number. */
  async forQuotes(quoteIds: readonly number[]): Promise<Map<number, PortingRequest[]>> {
    const groups = new Map<number, PortingRequest[]>(quoteIds.map((id) => [id, []]));
    if (quoteIds.length === 0) return groups;
    const rows: { quoteId: number; id: number }[] = await this.database.manager
      .createQueryBuilder(PortingRequest, "p")
      .innerJoin(QuoteLine, "l", "l.id = p.quoteLineId")
      .select("l.quoteId", "quoteId")
      .addSelect("p.id", "id")
      .where("l.quoteId IN (:...quoteIds)", { quoteIds: [...quoteIds] })
      .orderBy("l.position", "ASC")
      .addOrderBy("p.id", "ASC")
      .getRawMany();
    const requests = new Map(
      (await this.database.manager.findBy(PortingRequest, { id: In(rows.map((r) => Number(r.id))) })).map((r) => [r.id, r]),
    );
    for (const row of rows) {
      const request = requests.get(Number(row.id));
      if (request) groups.get(Number(row.quoteId))?.push(request);
    }
    return groups;
  }

  /** A page of requests by planned date then id, filtered by status, direction, customer and planned dates. */
  async page(filter: PortingRequestFilter): Promise<PortingRequestPage> {
    const first = filter.first ?? DEFAULT_PORTING_PAGE;
    const errors: FieldError[] = [];
    if (!Number.isInteger(first) || first < 0 || first > MAX_PORTING_PAGE) {
      errors.push({ field: "first", message: betweenMessage(0, MAX_PORTING_PAGE) });
    }
    const after = filter.after === null || filter.after === undefined ? null : keyOf(filter.after);
    if (filter.after !== null && filter.after !== undefined && after === null) {
      errors.push({ field: "after", message: notACursorMessage() });
    }
    if (filter.from && filter.to && filter.to < filter.from) {
      errors.push({ field: "to", message: text("ne doit pas précéder la date de début (from).", "must not be before from") });
    }
    throwIfAny(errors);

    const query = this.database.manager.createQueryBuilder(PortingRequest, "p");
    if (filter.status) query.andWhere("p.status = :status", { status: filter.status });
    if (filter.direction) query.andWhere("p.direction = :direction", { direction: filter.direction });
    if (filter.customerId !== null && filter.customerId !== undefined) {
      query.andWhere("p.customerId = :customerId", { customerId: filter.customerId });
    }
    if (filter.from) query.andWhere("p.plannedOn >= :from", { from: filter.from });
    if (filter.to) query.andWhere("p.plannedOn <= :to", { to: filter.to });
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere("(p.plannedOn > :afterDay OR (p.plannedOn = :afterDay AND p.id > :afterId))", {
        afterDay: after.plannedOn,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy("p.plannedOn", "ASC")
      .addOrderBy("p.id", "ASC")
      .take(first + 1)
      .getMany();
    const page = pageOfRows(rows, first, cursorOf);
    return { totalCount, portingRequests: page.items, endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  /** schedulePorting, completePorting, rejectPorting, cancelPorting: one transition, audited; a repeat changes nothing. */
  async transition(actor: Actor, id: number, action: PortingAction, today: string = todayInParis()): Promise<PortingRequest> {
    return this.database.transaction(async (manager) => {
      const request = await lockById(this.database, manager, PortingRequest, id);
      if (!request) throw new NotFoundError("PortingRequest", id);
      const change = portingTransition(request, action, today);
      if (change === null) return request;
      const result = await manager
        .createQueryBuilder()
        .update(PortingRequest)
        .set(change)
        .where("id = :id AND status = :status", { id, status: request.status })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictError(
          text(
            `La demande de portabilité ${id} a changé entre-temps : relisez-la.`,
            `Porting request ${id} was changed meanwhile: read it again.`,
          ),
        );
      }
      await recordAudit(manager, actor, {
        action: `${action.action}Porting`,
        entity: "PortingRequest",
        entityId: id,
        before: {
          status: request.status,
          plannedOn: request.plannedOn,
          completedOn: request.completedOn,
          rejectionReason: request.rejectionReason,
        },
        after: change,
      });
      return manager.findOneByOrFail(PortingRequest, { id });
    });
  }
}
