import { type EntityManager, In } from "typeorm";
import type { Database } from "../db/database.js";
import { todayInParis } from "../domain/calendar.js";
import { initialTermEnd } from "../domain/commitment.js";
import {
  isProtected,
  PROTECTED_MAX_INITIAL_TERM_MONTHS,
  protectedTermError,
  waiverCounts,
} from "../domain/consumer-protection.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { nameProblem } from "../domain/names.js";
import { parseFrenchNumber } from "../domain/phone-number.js";
import { portingLegalDeadline } from "../domain/porting-request.js";
import { lineTotals } from "../domain/quote-totals.js";
import { text } from "../domain/text.js";
import { Contract, Customer, Offer, PortingRequest, Quote, QuoteLine } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import type { CatalogueService } from "./catalogue.service.js";
import { type ChangeCounterService, SCHEDULE_CHANGES } from "./change-counter.js";
import { isUniqueViolation } from "./db-errors.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { type KeyedRequest, previousAnswer, readIdempotencyKey, recordAnswer, requestFingerprint } from "./idempotency.js";
import type { MandateService } from "./mandate.service.js";
import { notOpenReason, type QuoteService } from "./quote.service.js";

export const SIGN_SCOPE = "signQuote";
export const SIGNER_NAME_MAX_LENGTH = 255;
/** Fresh attempts after losing a race; the next attempt sees the winner's commit and answers from it. */
const MAX_ATTEMPTS = 5;

export interface SignQuoteData {
  quoteId: number;
  signerName: string;
  idempotencyKey: string;
  /** The version the signer was shown; when given, any other current version is a CONFLICT. */
  expectedVersion?: number | null;
}

/** Another signing committed first; retry to answer from its result. */
class LostRace extends Error {}

/** Instants are stored without fractional seconds (entities/columns.ts). */
function nowToTheSecond(): Date {
  const now = new Date();
  now.setMilliseconds(0);
  return now;
}

/**
 * Signing a quote (SPEC section 6): the customer's acceptance of the terms version in force. All
 * or nothing, exactly once: the quote's status moves from DRAFT/SENT to SIGNED by a conditional
 * UPDATE on the version whose lines were read (so the contracts are made from exactly the lines
 * signed, whatever updateQuote does meanwhile), so of concurrent signings (same or different keys, on either database) one alone
 * creates the contracts; unique indexes on the idempotency key and on contract.quoteLineId are
 * the last guards. A retry with the winning key gets the signed quote; any other key, CONFLICT.
 */
export class QuoteSigningService {
  constructor(
    private readonly database: Database,
    private readonly catalogue: CatalogueService,
    private readonly mandates: MandateService,
    private readonly quotes: QuoteService,
    private readonly changes: ChangeCounterService,
  ) {}

  async sign(actor: Actor, input: SignQuoteData): Promise<Quote> {
    const signerName = input.signerName.trim();
    const errors: FieldError[] = [];
    const signerProblem = nameProblem(signerName, SIGNER_NAME_MAX_LENGTH);
    if (signerProblem) errors.push({ field: "signerName", message: signerProblem });
    // Required here (String! in the schema): the same bounds as every other key.
    const key = readIdempotencyKey(errors, input.idempotencyKey) ?? "";
    throwIfAny(errors);

    const signingDate = todayInParis();
    const termsVersion = await this.catalogue.termsVersionInForce(signingDate);
    if (!termsVersion) {
      throw new ConflictError(
        text(
          `Aucune version des conditions générales n'est en vigueur le ${signingDate} : un devis ne peut pas être signé.`,
          `No terms version is in force on ${signingDate}: a quote cannot be signed.`,
        ),
      );
    }
    const attempt = { ...input, signerName, idempotencyKey: key, signingDate, termsVersionId: termsVersion.id };

    for (let round = 1; ; round++) {
      try {
        await this.database.transaction((manager) => this.signOnce(manager, actor, attempt));
        return this.quotes.getOrFail(input.quoteId);
      } catch (error) {
        const raced = error instanceof LostRace || isUniqueViolation(error);
        if (!raced) throw error;
        if (round >= MAX_ATTEMPTS) {
          throw new ConflictError(
            text(
              `Le devis ${input.quoteId} est modifié par des requêtes simultanées : réessayez avec la même clé.`,
              `Quote ${input.quoteId} is being changed by concurrent requests: retry with the same key.`,
            ),
          );
        }
      }
    }
  }

  private async signOnce(
    manager: EntityManager,
    actor: Actor,
    input: SignQuoteData & { signingDate: string; termsVersionId: number },
  ): Promise<void> {
    const request: KeyedRequest = {
      scope: SIGN_SCOPE,
      key: input.idempotencyKey,
      fingerprint: requestFingerprint({
        quoteId: input.quoteId,
        signerName: input.signerName,
        expectedVersion: input.expectedVersion,
      }),
    };
    const first = await previousAnswer<{ quoteId: number }>(
      manager,
      request,
      (first) =>
        new ConflictError(
          first.quoteId === input.quoteId
            ? text(
                `Cette clé d'idempotence (idempotencyKey) a déjà signé le devis ${first.quoteId} avec un autre nom de signataire.`,
                `This idempotencyKey already signed quote ${first.quoteId} with another signer name.`,
              )
            : text(
                `Cette clé d'idempotence (idempotencyKey) a déjà servi à signer le devis ${first.quoteId} ; utilisez une nouvelle clé pour un autre devis.`,
                `This idempotencyKey was already used to sign quote ${first.quoteId}; use a new key for another quote.`,
              ),
          { field: "idempotencyKey", quoteId: String(first.quoteId) },
        ),
    );
    if (first) return; // a retry: the first call's result stands

    const quote = await manager.findOne(Quote, { where: { id: input.quoteId }, relations: { lines: true } });
    if (!quote) throw new NotFoundError("Quote", input.quoteId);
    if (quote.status === "SIGNED") {
      throw new ConflictError(
        text(
          `Le devis ${quote.id} est déjà signé (avec une autre clé d'idempotence).`,
          `Quote ${quote.id} is already signed (with another idempotency key).`,
        ),
        { status: "SIGNED" },
      );
    }
    const closed = notOpenReason(quote, input.signingDate, "signed");
    if (closed) throw closed;
    if (input.expectedVersion !== null && input.expectedVersion !== undefined && quote.version !== input.expectedVersion) {
      throw new ConflictError(
        text(
          `Le devis ${quote.id} a été modifié après avoir été présenté au signataire (version ${quote.version}, version attendue ${input.expectedVersion}) : rechargez-le et signez à nouveau.`,
          `Quote ${quote.id} was changed after it was shown to the signer (version ${quote.version}, expected ${input.expectedVersion}): reload it and sign again.`,
        ),
        { currentVersion: quote.version },
      );
    }

    await this.checkProtection(manager, quote, input.signingDate);
    const mandate = await this.mandates.validMandate(manager, quote.customerId, input.signingDate);
    if (!mandate) {
      throw new DomainValidationError({
        field: "quoteId",
        message: text(
          "Le client n'a pas de mandat SEPA valide (le prélèvement SEPA est obligatoire) : enregistrez-en un, puis signez.",
          "the customer has no valid SEPA mandate (SEPA direct debit is mandatory): register one, then sign.",
        ),
      });
    }

    const signedAt = nowToTheSecond();
    const won = await manager
      .createQueryBuilder()
      .update(Quote)
      .set({
        status: "SIGNED",
        signIdempotencyKey: input.idempotencyKey,
        signerName: input.signerName,
        signedAt,
        termsVersionId: input.termsVersionId,
        sepaMandateId: mandate.id,
        version: () => "version + 1",
        updatedAt: signedAt,
      })
      // The version read with the lines: a concurrent updateQuote that committed after our read
      // makes this match nothing, and the next attempt signs the lines it wrote (issue 16).
      .where("id = :id AND version = :version AND status IN (:...open)", {
        id: quote.id,
        version: quote.version,
        open: ["DRAFT", "SENT"],
      })
      .execute();
    if (won.affected !== 1) throw new LostRace();

    await recordAnswer(manager, request, { quoteId: quote.id }, signedAt);
    const lines = [...(quote.lines ?? [])].sort((a, b) => a.position - b.position);
    const contractIds: number[] = [];
    for (const line of lines) {
      const contractId = await this.createContract(manager, quote, line, input.signingDate, signedAt);
      contractIds.push(contractId);
      await this.createPortingRequests(manager, quote, line, contractId, input.signingDate, signedAt);
    }
    await recordAudit(manager, actor, {
      action: "signQuote",
      entity: "Quote",
      entityId: quote.id,
      before: { status: quote.status },
      after: {
        status: "SIGNED",
        signedAt: signedAt.toISOString(),
        termsVersionId: input.termsVersionId,
        sepaMandateId: mandate.id,
        contractIds,
      },
    });
    // New contracts enter the renewal schedule: every process's snapshots must see them.
    await this.changes.count(manager, SCHEDULE_CHANGES);
  }

  /**
   * The L224-28 cap once more, on the signing date: the contracts are signed today, so the
   * customer's waiver counts only if dated on or before it (domain `waiverCounts`, the same rule the
   * quote was checked with on its own date).
   */
  private async checkProtection(manager: EntityManager, quote: Quote, signingDate: string): Promise<void> {
    const lines = quote.lines ?? [];
    if (!lines.some((line) => line.initialTermMonths > PROTECTED_MAX_INITIAL_TERM_MONTHS)) return;
    const customer = await manager.findOneByOrFail(Customer, { id: quote.customerId });
    const offers = new Map((await manager.findBy(Offer, { id: In(lines.map((l) => l.offerId)) })).map((o) => [o.id, o]));
    const waiverSigned = waiverCounts(customer, signingDate);
    const errors = lines
      .filter(
        (line) =>
          line.initialTermMonths > PROTECTED_MAX_INITIAL_TERM_MONTHS &&
          isProtected(customer.category, offers.get(line.offerId)?.family, waiverSigned),
      )
      .map((line) => protectedTermError("quoteId", line.initialTermMonths, customer.category));
    throwIfAny(errors);
  }

  private async createContract(
    manager: EntityManager,
    quote: Quote,
    line: QuoteLine,
    signingDate: string,
    now: Date,
  ): Promise<number> {
    const startDate = line.startDate ?? signingDate;
    const result = await manager.insert(Contract, {
      customerId: quote.customerId,
      offerId: line.offerId,
      quoteId: quote.id,
      quoteLineId: line.id,
      quantity: line.quantity,
      monthlyAmountCents: lineTotals(line).monthlyCents,
      startDate,
      initialTermMonths: line.initialTermMonths,
      renewalTermMonths: line.renewalTermMonths,
      noticeMonths: line.noticeMonths,
      noticeDays: line.noticeDays,
      subsidisedDevice: line.subsidisedDevice,
      status: "ACTIVE",
      noticeReceivedOn: null,
      // A contract without tacit renewal ends with its initial term: known from the start, so its
      // status reads ENDED afterwards without any job (and the renewal schedule stops there).
      endDate: line.renewalTermMonths === 0 ? initialTermEnd({ startDate, initialTermMonths: line.initialTermMonths }) : null,
      sample: false,
      createdAt: now,
      version: 1,
    });
    return Number(result.identifiers[0]?.id);
  }

  private async createPortingRequests(
    manager: EntityManager,
    quote: Quote,
    line: QuoteLine,
    contractId: number,
    signingDate: string,
    now: Date,
  ): Promise<void> {
    if (line.portingDirection === null || line.portingNumbers.length === 0) return;
    const direction = line.portingDirection;
    await manager.insert(
      PortingRequest,
      line.portingNumbers.map(({ number, rio }) => {
        const numberKind = parseFrenchNumber(number).kind;
        return {
          customerId: quote.customerId,
          contractId,
          quoteLineId: line.id,
          direction,
          number,
          numberKind,
          rio,
          status: "REQUESTED" as const,
          requestedOn: signingDate,
          // Planned for the legal deadline until someone schedules it (domain/porting-request.ts).
          plannedOn: portingLegalDeadline(numberKind, signingDate),
          completedOn: null,
          rejectionReason: null,
          createdAt: now,
        };
      }),
    );
  }
}
