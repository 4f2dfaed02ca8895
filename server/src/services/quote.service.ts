import { type EntityManager, In } from "typeorm";
import type { Database } from "../db/database.js";
import { addDays, isValidLocalDate, todayInParis } from "../domain/calendar.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { noCustomerMessage, pageSizeMessage } from "../domain/messages.js";
import { type QuoteTotals, quoteTotals } from "../domain/quote-totals.js";
import { type Text, text } from "../domain/text.js";
import { Contract, Customer, Offer, Quote, QuoteLine, TermsVersion } from "../entities/index.js";
import type { QuoteStatus } from "../entities/quote.entity.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";
import type { PortingService } from "./porting.service.js";
import { type LinePricingContext, type PreparedLine, prepareQuoteLines, type QuoteLineData } from "./quote-lines.js";

/** Stands in for a customer id that names none, so a quote's lines are still all checked. */
const UNKNOWN_CUSTOMER: LinePricingContext["customer"] = { category: "OTHER", waiverSignedOn: null };

export const QUOTE_VALIDITY_DAYS = 30;
export const QUOTES_DEFAULT_PAGE = 50;
export const QUOTES_MAX_PAGE = 200;

export interface QuoteData {
  customerId: number;
  lines: QuoteLineData[];
  /** Default: quote date + 30 days. */
  validUntil?: string | null;
  /** Optional: a retry with the same key returns the same quote (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

export interface UpdateQuoteData {
  quoteId: number;
  expectedVersion: number;
  lines: QuoteLineData[];
}

/** The status as of `today`: an unsigned, undeclined quote past its validity date is EXPIRED (never stored). */
export function quoteStatusOn(quote: Pick<Quote, "status" | "validUntil">, today: string): QuoteStatus {
  if ((quote.status === "DRAFT" || quote.status === "SENT") && today > quote.validUntil) return "EXPIRED";
  return quote.status;
}

/** Totals of a stored quote (its lines' frozen porting prices included). */
export function totalsOf(quote: Quote): QuoteTotals {
  return quoteTotals(quote.lines ?? [], quote.vatRateBasisPoints);
}

/** What is being done to a quote, as the refusals name it. */
export type QuoteAction = "updated" | "sent" | "declined" | "signed";

const ACTION_FR: Record<QuoteAction, string> = {
  updated: "modifié",
  sent: "envoyé",
  declined: "refusé",
  signed: "signé",
};

/** Quote statuses as a French reader names them (the code stays in `extensions.status`). */
export const QUOTE_STATUS_FR: Record<QuoteStatus, string> = {
  DRAFT: "brouillon",
  SENT: "envoyé",
  SIGNED: "signé",
  DECLINED: "refusé",
  EXPIRED: "expiré",
};

/** "Quote 12 cannot be sent: it is SIGNED." in both languages. */
function cannotBe(quote: Pick<Quote, "id" | "validUntil">, doing: QuoteAction, status: QuoteStatus): Text {
  const why =
    status === "EXPIRED"
      ? text(`il a expiré après le ${quote.validUntil}`, `it expired after ${quote.validUntil}`)
      : text(`il est ${QUOTE_STATUS_FR[status]} (${status})`, `it is ${status}`);
  return text(
    `Le devis ${quote.id} ne peut pas être ${ACTION_FR[doing]} : ${why.fr}.`,
    `Quote ${quote.id} cannot be ${doing}: ${why.en}.`,
  );
}

/** Why a quote can no longer change, as a CONFLICT; null when it is DRAFT or SENT and valid today. */
export function notOpenReason(quote: Quote, today: string, doing: QuoteAction): ConflictError | null {
  const status = quoteStatusOn(quote, today);
  if (status === "DRAFT" || status === "SENT") return null;
  return new ConflictError(cannotBe(quote, doing, status), { status });
}

function auditedLines(lines: readonly PreparedLine[]) {
  return lines.map((l) => ({
    offerId: l.offerId,
    quantity: l.quantity,
    monthlyUnitPriceCents: l.monthlyUnitPriceCents,
    setupFeeCents: l.setupFeeCents,
    portingCents: l.portingCents,
    initialTermMonths: l.initialTermMonths,
    startDate: l.startDate,
  }));
}

/** Quotes (SPEC section 6): creation, line replacement, sending, declining, reading. Signing: QuoteSigningService. */
export class QuoteService {
  constructor(
    private readonly database: Database,
    private readonly porting: PortingService,
  ) {}

  /** Validates and prices `lines` for `customer` as of `quoteDate`, with the catalogue and grid read through `manager`. */
  private async prepare(
    manager: EntityManager,
    customer: LinePricingContext["customer"],
    quoteDate: string,
    lines: QuoteLineData[],
  ) {
    const codes = [...new Set(lines.map((line) => line.offerCode))];
    const offers = codes.length === 0 ? [] : await manager.find(Offer, { where: { code: In(codes) } });
    const needsGrid = lines.some((line) => (line.portingNumbers?.length ?? 0) > 0 || line.portingDirection);
    const grid = needsGrid ? await this.porting.gridInForce(quoteDate, manager) : null;
    return prepareQuoteLines(lines, {
      offers: new Map(offers.map((offer) => [offer.code, offer])),
      customer,
      quoteDate,
      grid,
    });
  }

  private async saveLines(manager: EntityManager, quoteId: number, lines: PreparedLine[]): Promise<void> {
    await manager.save(lines.map((line) => manager.create(QuoteLine, { ...line, quoteId })));
  }

  async create(actor: Actor, input: QuoteData): Promise<Quote> {
    const quoteDate = todayInParis();
    const validUntil = input.validUntil ?? addDays(quoteDate, QUOTE_VALIDITY_DAYS);
    // Every invalid field at once: the validity date, the customer and every line.
    const errors: FieldError[] = [];
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    if (!isValidLocalDate(validUntil) || validUntil < quoteDate) {
      errors.push({
        field: "validUntil",
        message: text(
          `doit être une date égale ou postérieure à la date du devis (${quoteDate}).`,
          `must be a date on or after the quote date ${quoteDate}.`,
        ),
      });
    }
    // The input as sent is the fingerprint: a default validity computed on another day is the same request.
    const payload = { customerId: input.customerId, validUntil: input.validUntil, lines: input.lines };
    const id = await createOnce(this.database, { scope: "createQuote", key, payload }, async (manager) => {
      const problems = [...errors]; // per attempt: the database layer may run this again
      const customer = await manager.findOneBy(Customer, { id: input.customerId });
      if (!customer) problems.push({ field: "customerId", message: noCustomerMessage(input.customerId) });
      // Without a customer the lines are still checked, as for an unprotected one.
      const priced = await this.prepare(manager, customer ?? UNKNOWN_CUSTOMER, quoteDate, input.lines).catch((error) => {
        if (!(error instanceof DomainValidationError)) throw error;
        problems.push(...error.fields);
        return null;
      });
      throwIfAny(problems);
      // No error: both were found and priced.
      const { lines, totals } = priced as NonNullable<typeof priced>;
      const now = new Date();
      const quote = await manager.save(
        manager.create(Quote, {
          customerId: input.customerId,
          status: "DRAFT",
          quoteDate,
          validUntil,
          signerName: null,
          signedAt: null,
          termsVersionId: null,
          sepaMandateId: null,
          signIdempotencyKey: null,
          createdByTokenId: actor.principal.tokenId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.saveLines(manager, quote.id, lines);
      await recordAudit(manager, actor, {
        action: "createQuote",
        entity: "Quote",
        entityId: quote.id,
        after: { customerId: input.customerId, quoteDate, validUntil, totals, lines: auditedLines(lines) },
      });
      return quote.id;
    });
    return this.getOrFail(id);
  }

  /** Replaces the lines of a DRAFT or SENT quote, if `expectedVersion` is still its version. */
  async update(actor: Actor, input: UpdateQuoteData): Promise<Quote> {
    await this.database.transaction(async (manager) => {
      const quote = await manager.findOne(Quote, { where: { id: input.quoteId }, relations: { lines: true } });
      if (!quote) throw new NotFoundError("Quote", input.quoteId);
      const closed = notOpenReason(quote, todayInParis(), "updated");
      if (closed) throw closed;
      const stale = () =>
        new ConflictError(
          text(
            `Le devis ${quote.id} a été modifié entre-temps (version ${quote.version}, version attendue ${input.expectedVersion}) : rechargez-le puis refaites vos modifications.`,
            `Quote ${quote.id} was changed meanwhile (version ${quote.version}, expected ${input.expectedVersion}): reload it and apply your changes again.`,
          ),
          { currentVersion: quote.version },
        );
      if (quote.version !== input.expectedVersion) throw stale();
      const customer = await manager.findOneByOrFail(Customer, { id: quote.customerId });
      const { lines, totals } = await this.prepare(manager, customer, quote.quoteDate, input.lines);
      const result = await manager
        .createQueryBuilder()
        .update(Quote)
        .set({ version: () => "version + 1", updatedAt: new Date() })
        .where("id = :id AND version = :version AND status IN (:...open)", {
          id: quote.id,
          version: input.expectedVersion,
          open: ["DRAFT", "SENT"],
        })
        .execute();
      if (result.affected !== 1) throw stale();
      const before = totalsOf(quote);
      await manager.delete(QuoteLine, { quoteId: quote.id });
      await this.saveLines(manager, quote.id, lines);
      await recordAudit(manager, actor, {
        action: "updateQuote",
        entity: "Quote",
        entityId: quote.id,
        before: { version: quote.version, totals: before },
        after: { version: quote.version + 1, totals, lines: auditedLines(lines) },
      });
    });
    return this.getOrFail(input.quoteId);
  }

  /** DRAFT → SENT (sending a SENT quote again changes nothing). */
  async send(actor: Actor, quoteId: number): Promise<Quote> {
    return this.transition(actor, quoteId, "sendQuote", "sent", ["DRAFT"], "SENT");
  }

  /** DRAFT or SENT → DECLINED, even past its validity date (declining a DECLINED quote changes nothing). */
  async decline(actor: Actor, quoteId: number): Promise<Quote> {
    return this.transition(actor, quoteId, "declineQuote", "declined", ["DRAFT", "SENT"], "DECLINED");
  }

  private async transition(
    actor: Actor,
    quoteId: number,
    action: string,
    doing: QuoteAction,
    from: QuoteStatus[],
    to: QuoteStatus,
  ): Promise<Quote> {
    await this.database.transaction(async (manager) => {
      const quote = await manager.findOneBy(Quote, { id: quoteId });
      if (!quote) throw new NotFoundError("Quote", quoteId);
      if (quote.status === to) return;
      const today = todayInParis();
      const effective = quoteStatusOn(quote, today);
      // Declining needs no valid offer; sending an expired quote would send a dead offer.
      const allowed = from.includes(quote.status) && (to === "DECLINED" || effective !== "EXPIRED");
      if (!allowed) {
        throw notOpenReason(quote, today, doing) ?? new ConflictError(cannotBe(quote, doing, effective), { status: effective });
      }
      const result = await manager
        .createQueryBuilder()
        .update(Quote)
        .set({ status: to, version: () => "version + 1", updatedAt: new Date() })
        .where("id = :id AND status = :status", { id: quote.id, status: quote.status })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictError(
          text(
            `Le devis ${quote.id} a été modifié entre-temps : rechargez-le.`,
            `Quote ${quote.id} was changed meanwhile: reload it.`,
          ),
        );
      }
      await recordAudit(manager, actor, {
        action,
        entity: "Quote",
        entityId: quote.id,
        before: { status: quote.status },
        after: { status: to },
      });
    });
    return this.getOrFail(quoteId);
  }

  /** A quote with its lines (by position), their offers and terms versions; null when unknown. */
  async byId(id: number, manager: EntityManager = this.database.manager): Promise<Quote | null> {
    const quote = await manager.findOne(Quote, { where: { id }, relations: { lines: { offer: { termsVersion: true } } } });
    quote?.lines?.sort((a, b) => a.position - b.position);
    return quote;
  }

  async getOrFail(id: number): Promise<Quote> {
    const quote = await this.byId(id);
    if (!quote) throw new NotFoundError("Quote", id);
    return quote;
  }

  /** Quotes, newest first, optionally of one customer and in one (effective) status. */
  async list(filter: { customerId?: number | null; status?: QuoteStatus | null; first?: number | null }): Promise<Quote[]> {
    const first = filter.first ?? QUOTES_DEFAULT_PAGE;
    if (!Number.isInteger(first) || first < 1) {
      throw new DomainValidationError({ field: "first", message: pageSizeMessage(QUOTES_MAX_PAGE) });
    }
    const today = todayInParis();
    const query = this.database.manager.createQueryBuilder(Quote, "q").select("q.id", "id");
    if (filter.customerId !== null && filter.customerId !== undefined) {
      query.andWhere("q.customerId = :customerId", { customerId: filter.customerId });
    }
    const status = filter.status;
    if (status === "EXPIRED") {
      query.andWhere("q.status IN (:...open) AND q.validUntil < :today", { open: ["DRAFT", "SENT"], today });
    } else if (status === "DRAFT" || status === "SENT") {
      query.andWhere("q.status = :status AND q.validUntil >= :today", { status, today });
    } else if (status) {
      query.andWhere("q.status = :status", { status });
    }
    const rows: { id: number }[] = await query.orderBy("q.id", "DESC").limit(Math.min(first, QUOTES_MAX_PAGE)).getRawMany();
    const ids = rows.map((row) => Number(row.id));
    if (ids.length === 0) return [];
    const quotes = await this.database.manager.find(Quote, {
      where: { id: In(ids) },
      relations: { lines: { offer: { termsVersion: true } } },
    });
    for (const quote of quotes) quote.lines?.sort((a, b) => a.position - b.position);
    return quotes.sort((a, b) => b.id - a.id);
  }

  /**
   * The quotes of several customers at once (newest first, at most QUOTES_MAX_PAGE each), so a list
   * of customers with their quotes costs one query, not one per customer.
   */
  async forCustomers(customerIds: readonly number[]): Promise<Map<number, Quote[]>> {
    const byCustomer = new Map<number, Quote[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0) return byCustomer;
    const quotes = await this.database.manager.find(Quote, {
      where: { customerId: In([...customerIds]) },
      relations: { lines: { offer: { termsVersion: true } } },
      order: { id: "DESC" },
    });
    for (const quote of quotes) {
      quote.lines?.sort((a, b) => a.position - b.position);
      const list = byCustomer.get(quote.customerId);
      if (list && list.length < QUOTES_MAX_PAGE) list.push(quote);
    }
    return byCustomer;
  }

  /** The terms version a signed quote recorded. */
  async termsVersion(id: number | null): Promise<TermsVersion | null> {
    return id === null ? null : this.database.manager.findOneBy(TermsVersion, { id });
  }

  /** Contracts created by signing the quote, by line position. */
  async contracts(quoteId: number): Promise<Contract[]> {
    return this.database.manager
      .createQueryBuilder(Contract, "c")
      .innerJoin(QuoteLine, "l", "l.id = c.quoteLineId")
      .where("c.quoteId = :quoteId", { quoteId })
      .orderBy("l.position", "ASC")
      .getMany();
  }
}
