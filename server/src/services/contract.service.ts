import { type EntityManager, In } from "typeorm";
import type { Database } from "../db/database.js";
import { addDays, isValidLocalDate, todayInParis } from "../domain/calendar.js";
import {
  type ContractTerms,
  noticeDeadline,
  periodBoundary,
  renewalReminderWindow,
  requiresRenewalReminder,
  terminationEffect,
} from "../domain/commitment.js";
import { DomainValidationError, type FieldError, throwIfAny } from "../domain/errors.js";
import { betweenMessage, notACursorMessage, notADate } from "../domain/messages.js";
import { type Text, text } from "../domain/text.js";
import { Contract, type ContractStatus } from "../entities/contract.entity.js";
import { Customer } from "../entities/customer.entity.js";
import { Offer } from "../entities/offer.entity.js";
import { RenewalReminder } from "../entities/renewal-reminder.entity.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { type ChangeCounterService, SCHEDULE_CHANGES } from "./change-counter.js";
import { contractStatusSql } from "./contract-status.sql.js";
import { isUniqueViolation } from "./db-errors.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { decodeCursor, encodeCursor, parseId } from "./ids.js";
import { type Page, pageOfRows } from "./page.js";

export const DEFAULT_CONTRACTS_PAGE = 100;
export const MAX_CONTRACTS_PAGE = 500;
const CONTRACT_CURSOR = "contract";

export interface ContractListFilter {
  customerId?: number | null;
  status?: ContractStatus | null;
  first?: number | null;
  after?: string | null;
}

export type ContractPage = Page<"contracts", Contract>;

export interface TerminationNoticeInput {
  contractId: number;
  receivedOn: string;
  /** The version the caller last read; a different current version is a CONFLICT. */
  expectedVersion?: number | null;
}

export interface RenewalReminderInput {
  contractId: number;
  periodIndex: number;
  sentOn: string;
}

/** A recorded L215-1 reminder, with the period it announces. */
export interface RenewalReminderRecord {
  contractId: number;
  periodIndex: number;
  sentOn: string;
  periodEnd: string;
  noticeDeadline: string;
  reminderWindowStart: string;
  reminderWindowEnd: string;
}

export function contractTerms(contract: Contract): ContractTerms {
  return {
    startDate: contract.startDate,
    initialTermMonths: contract.initialTermMonths,
    renewalTermMonths: contract.renewalTermMonths,
    noticeMonths: contract.noticeMonths,
    noticeDays: contract.noticeDays,
  };
}

/** Contracts: reads (batched for GraphQL lists), termination notices and renewal reminders. */
export class ContractService {
  /** `changes` counts each write that moves contract dates or records a reminder (every process's schedule snapshots see it). */
  constructor(
    private readonly database: Database,
    private readonly changes: ChangeCounterService,
  ) {}

  async findById(id: number): Promise<Contract | null> {
    return this.database.manager.findOneBy(Contract, { id });
  }

  async byIds(ids: readonly number[]): Promise<Contract[]> {
    return ids.length === 0 ? [] : this.database.manager.findBy(Contract, { id: In([...ids]) });
  }

  async offersByIds(ids: readonly number[]): Promise<Offer[]> {
    if (ids.length === 0) return [];
    return this.database.manager.find(Offer, { where: { id: In([...ids]) }, relations: { termsVersion: true } });
  }

  /** Every contract of these customers, oldest first. */
  async contractsOfCustomers(customerIds: readonly number[]): Promise<Contract[]> {
    if (customerIds.length === 0) return [];
    return this.database.manager.find(Contract, { where: { customerId: In([...customerIds]) }, order: { id: "ASC" } });
  }

  /** A page of contracts in id order, filtered by customer and by status as readers see it today. */
  async list(filter: ContractListFilter, today = todayInParis()): Promise<ContractPage> {
    const first = filter.first ?? DEFAULT_CONTRACTS_PAGE;
    const errors: FieldError[] = [];
    if (!Number.isInteger(first) || first < 0 || first > MAX_CONTRACTS_PAGE) {
      errors.push({ field: "first", message: betweenMessage(0, MAX_CONTRACTS_PAGE) });
    }
    let afterId = 0;
    if (filter.after !== null && filter.after !== undefined) {
      const id = parseId(decodeCursor(CONTRACT_CURSOR, filter.after));
      if (id === null) errors.push({ field: "after", message: notACursorMessage() });
      else afterId = id;
    }
    throwIfAny(errors);
    const customerId = filter.customerId ?? undefined;

    const query = this.database.manager.createQueryBuilder(Contract, "c");
    if (customerId !== undefined) query.andWhere("c.customerId = :customerId", { customerId });
    if (filter.status) {
      query.andWhere(`${contractStatusSql("c")} = :status`, { today, status: filter.status });
    }
    const totalCount = await query.clone().getCount();
    const rows = await query
      .andWhere("c.id > :afterId", { afterId })
      .orderBy("c.id", "ASC")
      .take(first + 1)
      .getMany();
    const page = pageOfRows(rows, first, (row) => encodeCursor(CONTRACT_CURSOR, String(row.id)));
    return { totalCount, contracts: page.items, endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  /**
   * Records a termination notice: the contract ends at the end of the first period (current or
   * later) whose notice deadline is on or after `receivedOn` (SPEC section 3). Sending the same
   * date again returns the contract unchanged (a retry), whatever `expectedVersion` says; a
   * different date once a notice is recorded is a CONFLICT.
   */
  async recordTerminationNotice(actor: Actor, input: TerminationNoticeInput): Promise<Contract> {
    const id = input.contractId;
    const contract = await this.database.transaction(async (manager) => {
      const contract = await manager.findOne(Contract, {
        where: { id },
        // MySQL: concurrent notices for one contract queue here (SQLite transactions are already serial).
        ...(this.database.kind === "mysql" ? { lock: { mode: "pessimistic_write" as const } } : {}),
      });
      if (!contract) throw new NotFoundError("Contract", input.contractId);
      if (contract.noticeReceivedOn !== null) {
        if (contract.noticeReceivedOn === input.receivedOn) return contract;
        throw new ConflictError(
          text(
            `Un préavis de résiliation reçu le ${contract.noticeReceivedOn} est déjà enregistré.`,
            `A termination notice received on ${contract.noticeReceivedOn} is already recorded`,
          ),
          {
            noticeReceivedOn: contract.noticeReceivedOn,
            endDate: contract.endDate,
          },
        );
      }
      if (input.expectedVersion !== null && input.expectedVersion !== undefined && input.expectedVersion !== contract.version) {
        throw new ConflictError(changedSinceRead(), { currentVersion: contract.version });
      }
      if (contract.status === "ENDED") {
        throw new ConflictError(text("Le contrat est terminé.", "The contract has ended"), { status: contract.status });
      }
      if (input.receivedOn < contract.startDate) {
        throw new DomainValidationError({ field: "receivedOn", message: notBeforeStart(contract.startDate) });
      }
      const endDate = endDateForNotice(contract, input.receivedOn);
      const result = await manager
        .createQueryBuilder()
        .update(Contract)
        .set({ noticeReceivedOn: input.receivedOn, endDate, status: "NOTICE_RECEIVED" })
        .where("id = :id AND version = :version", { id, version: contract.version })
        .execute();
      if (result.affected !== 1) throw new ConflictError(changedSinceRead());
      await recordAudit(manager, actor, {
        action: "recordTerminationNotice",
        entity: "Contract",
        entityId: id,
        before: { status: contract.status, endDate: contract.endDate, noticeReceivedOn: null },
        after: { status: "NOTICE_RECEIVED", endDate, noticeReceivedOn: input.receivedOn },
      });
      await this.changes.count(manager, SCHEDULE_CHANGES);
      return manager.findOneByOrFail(Contract, { id });
    });
    return contract;
  }

  /**
   * Records that the L215-1 renewal reminder for period `periodIndex` was sent on `sentOn`.
   * Accepted only for a contract that needs one (CONSUMER or NON_PROFIT customer, tacit renewal,
   * a period that does renew), and only for a date from the contract's start up to the period's
   * notice deadline and not after today. A date outside the legal window is recorded as it is
   * (it is a fact; the schedule shows it next to the window). The same date again returns the
   * record; another date for a recorded period is a CONFLICT.
   */
  async recordRenewalReminder(actor: Actor, input: RenewalReminderInput): Promise<RenewalReminderRecord> {
    try {
      return await this.database.transaction((manager) => this.recordReminderIn(manager, actor, input));
    } catch (error) {
      // Two requests for the same period at once: the unique index stopped the second one.
      if (!isUniqueViolation(error)) throw error;
      return this.database.transaction((manager) => this.recordReminderIn(manager, actor, input));
    }
  }

  private async recordReminderIn(
    manager: EntityManager,
    actor: Actor,
    input: RenewalReminderInput,
  ): Promise<RenewalReminderRecord> {
    const contract = await manager.findOneBy(Contract, { id: input.contractId });
    if (!contract) throw new NotFoundError("Contract", input.contractId);
    const customer = await manager.findOneByOrFail(Customer, { id: contract.customerId });
    const record = reminderPeriod(contract, customer, input);
    const existing = await manager.findOneBy(RenewalReminder, { contractId: contract.id, periodIndex: input.periodIndex });
    if (existing) {
      if (existing.sentOn === input.sentOn) return record;
      throw new ConflictError(
        text(
          `Un rappel pour la période ${input.periodIndex} est déjà enregistré comme envoyé le ${existing.sentOn}.`,
          `A reminder for period ${input.periodIndex} is already recorded as sent on ${existing.sentOn}`,
        ),
        { sentOn: existing.sentOn },
      );
    }
    await manager.insert(RenewalReminder, {
      contractId: contract.id,
      periodIndex: input.periodIndex,
      sentOn: input.sentOn,
      recordedAt: new Date(),
    });
    await recordAudit(manager, actor, {
      action: "recordRenewalReminder",
      entity: "Contract",
      entityId: contract.id,
      after: { periodIndex: input.periodIndex, sentOn: input.sentOn, noticeDeadline: record.noticeDeadline },
    });
    // The schedule's snapshots hold the reminders too.
    await this.changes.count(manager, SCHEDULE_CHANGES);
    return record;
  }
}

/** Checks that this period of this contract needs a reminder and that `sentOn` is plausible. */
function reminderPeriod(
  contract: Contract,
  customer: Customer,
  input: RenewalReminderInput,
  today = todayInParis(),
): RenewalReminderRecord {
  if (!requiresRenewalReminder(customer.category) || contract.renewalTermMonths === 0) {
    throw new DomainValidationError({
      field: "contractId",
      message: text(
        "Ce contrat n'appelle pas de rappel de reconduction : seuls les contrats à reconduction tacite des clients CONSUMER et NON_PROFIT en ont besoin (article L215-1).",
        "needs no renewal reminder: only tacitly renewed contracts of CONSUMER and NON_PROFIT customers do (L215-1)",
      ),
    });
  }
  const terms = contractTerms(contract);
  let periodEnd: string;
  let deadline: string;
  try {
    if (!Number.isSafeInteger(input.periodIndex) || input.periodIndex < 0) throw new RangeError("negative");
    periodEnd = addDays(periodBoundary(terms, input.periodIndex + 1), -1);
    deadline = noticeDeadline(terms, input.periodIndex);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new DomainValidationError({
      field: "periodIndex",
      message: text(
        "ne désigne pas une période de ce contrat (0 = la période initiale).",
        "is not a period of this contract (0 = the initial term)",
      ),
    });
  }
  if (contract.endDate !== null && periodEnd >= contract.endDate) {
    throw new DomainValidationError({
      field: "periodIndex",
      message: text(
        `Cette période n'est pas reconduite : le contrat se termine le ${contract.endDate} après un préavis de résiliation.`,
        `does not renew: the contract ends on ${contract.endDate} after a termination notice`,
      ),
    });
  }
  const errors: FieldError[] = [];
  if (!isValidLocalDate(input.sentOn)) errors.push({ field: "sentOn", message: notADate(input.sentOn) });
  else if (input.sentOn < contract.startDate) {
    errors.push({ field: "sentOn", message: notBeforeStart(contract.startDate) });
  } else if (input.sentOn > deadline) {
    errors.push({
      field: "sentOn",
      message: text(
        `ne doit pas être postérieure à la date limite de préavis de la période (${deadline}).`,
        `must not be after the period's notice deadline ${deadline}`,
      ),
    });
  } else if (input.sentOn > today) {
    errors.push({
      field: "sentOn",
      message: text(
        "ne doit pas être dans le futur : enregistrez un rappel une fois qu'il est envoyé.",
        "must not be in the future: record a reminder once it is sent",
      ),
    });
  }
  throwIfAny(errors);
  const window = renewalReminderWindow(deadline);
  return {
    contractId: contract.id,
    periodIndex: input.periodIndex,
    sentOn: input.sentOn,
    periodEnd,
    noticeDeadline: deadline,
    reminderWindowStart: window.from,
    reminderWindowEnd: window.to,
  };
}

function changedSinceRead(): Text {
  return text("Le contrat a changé depuis sa lecture : relisez-le.", "The contract changed since it was read: read it again");
}

function notBeforeStart(startDate: string): Text {
  return text(
    `ne doit pas précéder la date de début du contrat (${startDate}).`,
    `must not be before the contract's start date ${startDate}`,
  );
}

/** The last day of service for a notice received on `receivedOn`; a date past the calendar's range is the input's fault. */
function endDateForNotice(contract: Contract, receivedOn: string): string {
  try {
    return terminationEffect(contractTerms(contract), receivedOn);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DomainValidationError({
        field: "receivedOn",
        message: text(
          "est trop loin dans le futur : la fin du contrat tomberait au-delà du calendrier pris en charge (31/12/9999).",
          `is too far in the future: ${error.message}`,
        ),
      });
    }
    throw error;
  }
}
