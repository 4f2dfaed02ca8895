/**
 * Commitment status for the API: the domain engine (domain/commitment.ts) plus the two things the
 * API adds, the GraphQL Int limit on amounts and the reading of a stored contract.
 */

import { todayInParis } from "../domain/calendar.js";
import type { CustomerCategory, ServiceFamily } from "../domain/catalogue.js";
import {
  type CommitmentQuery,
  type CommitmentStatus,
  computeCommitment,
  computeCommitmentUnchecked,
  validateCommitmentQuery,
} from "../domain/commitment.js";
import { waiverCounts } from "../domain/consumer-protection.js";
import { DomainValidationError, throwIfAny } from "../domain/errors.js";
import { text } from "../domain/text.js";
import type { Contract } from "../entities/contract.entity.js";
import { MAX_GRAPHQL_INT } from "./db-errors.js";

/** A fee the API cannot return as a 32-bit Int is refused on the input that makes it so large. */
function fitsGraphQLInt(status: CommitmentStatus): CommitmentStatus {
  if (status.earlyTerminationFeeCents > MAX_GRAPHQL_INT) {
    throw new DomainValidationError({
      field: "monthlyAmountCents",
      message: text(
        `Le montant mensuel est trop élevé : les frais de résiliation anticipée dépasseraient ${MAX_GRAPHQL_INT} centimes.`,
        `is too large: the early-termination fee would exceed ${MAX_GRAPHQL_INT} cents`,
      ),
    });
  }
  return status;
}

/** `commitmentPreview`: validated like a quote (protected customers over 24 months are refused). */
export function previewCommitment(query: CommitmentQuery): CommitmentStatus {
  return fitsGraphQLInt(computeCommitment(query));
}

/** What the commitment of a stored contract depends on besides the contract row. */
export interface ContractParties {
  customer: { category: CustomerCategory; waiverSignedOn: string | null };
  offer: { family: ServiceFamily };
}

/** The columns of a stored contract the commitment reads. */
export type StoredContractTerms = Pick<
  Contract,
  | "startDate"
  | "initialTermMonths"
  | "renewalTermMonths"
  | "noticeMonths"
  | "noticeDays"
  | "monthlyAmountCents"
  | "subsidisedDevice"
  | "createdAt"
>;

/**
 * The preview query equivalent to a stored contract on `asOf`. The customer's waiver counts when
 * it is dated on or before the day the contract was signed (domain `waiverCounts`, the rule quotes
 * and signing use); that day is the contract's recording date in Europe/Paris, which for a signed
 * quote is the signing instant.
 */
export function contractCommitmentQuery(contract: StoredContractTerms, parties: ContractParties, asOf: string): CommitmentQuery {
  return {
    startDate: contract.startDate,
    initialTermMonths: contract.initialTermMonths,
    renewalTermMonths: contract.renewalTermMonths,
    noticeMonths: contract.noticeMonths,
    noticeDays: contract.noticeDays,
    asOf,
    monthlyAmountCents: contract.monthlyAmountCents,
    customerCategory: parties.customer.category,
    serviceFamily: parties.offer.family,
    waiverSigned: waiverCounts(parties.customer, todayInParis(contract.createdAt)),
    subsidisedDevice: contract.subsidisedDevice,
  };
}

/**
 * `Contract.commitment`. The 24-month cap for protected customers is a rule on what may be sold:
 * a stored contract exists whatever it says (signed before a category change, imported, or
 * waived then), so reading it must not fail. Its terms are validated as for an unprotected
 * customer, then the status is computed with the customer's real protections (fee caps included).
 */
export function storedContractCommitment(
  contract: StoredContractTerms,
  parties: ContractParties,
  asOf: string,
): CommitmentStatus {
  const query = contractCommitmentQuery(contract, parties, asOf);
  throwIfAny(validateCommitmentQuery({ ...query, customerCategory: "OTHER" }));
  return fitsGraphQLInt(computeCommitmentUnchecked(query));
}
