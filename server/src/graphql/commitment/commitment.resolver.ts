import { Arg, Authorized, Query, Resolver } from "type-graphql";
import type { CommitmentStatus } from "../../domain/commitment.js";
import { previewCommitment } from "../../services/commitment-status.js";
import { CAN } from "../common/roles.js";
import { CommitmentInput } from "./commitment.input.js";
import { CommitmentStatusType } from "./commitment-status.type.js";

@Resolver()
export class CommitmentResolver {
  @Authorized(...CAN.read)
  @Query(() => CommitmentStatusType, {
    description:
      "Stateless commitment computation (SPEC sections 3 and 4): periods, notice deadlines, earliest end and early-termination fee for the given terms on asOf. Invalid terms are BAD_USER_INPUT naming the field; a protected customer over 24 months without waiver is refused on initialTermMonths, as a quote would be.",
  })
  commitmentPreview(@Arg("input", { description: "The terms and the date." }) input: CommitmentInput): CommitmentStatus {
    return previewCommitment(input);
  }
}
