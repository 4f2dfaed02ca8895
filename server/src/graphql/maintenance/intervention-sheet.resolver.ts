import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { todayInParis } from "../../domain/calendar.js";
import {
  type InterventionSheetStatus,
  sheetContestDeadline,
  sheetStatus,
  validatedOn,
  whyNotEditable,
} from "../../domain/intervention-sheet.js";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { CreateInterventionSheetInput, UpdateInterventionSheetInput } from "./intervention-sheet.input.js";
import { InterventionSheetType } from "./intervention-sheet.type.js";
import { InterventionSheetStatusEnum } from "./maintenance.enums.js";

const WRITE_ROLES = "TECHNICIAN, ADMIN";

@Resolver(() => InterventionSheetType)
export class InterventionSheetResolver {
  constructor(private readonly maintenanceService: MaintenanceService) {}

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => InterventionSheetType, { description: `Records a new intervention sheet, DRAFT (${WRITE_ROLES}).` })
  createInterventionSheet(
    @Arg("input", () => CreateInterventionSheetInput, { description: "The sheet." }) input: CreateInterventionSheetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<InterventionSheetType> {
    return this.maintenanceService.sheets.create(actorOf(context), input);
  }

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => InterventionSheetType, {
    description: `Edits what a sheet says (${WRITE_ROLES}). CONFLICT once it is signed (PAPER), or sent, contested or deemed accepted (ELECTRONIC): what the customer received or validated can no longer change.`,
  })
  updateInterventionSheet(
    @Arg("input", () => UpdateInterventionSheetInput, { description: "The changes." }) input: UpdateInterventionSheetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<InterventionSheetType> {
    return this.maintenanceService.sheets.update(actorOf(context), input);
  }

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => InterventionSheetType, {
    description: `Records that an ELECTRONIC sheet was sent on D (${WRITE_ROLES}); the customer may contest it on D … D+5, it is DEEMED_ACCEPTED from D+6. BAD_USER_INPUT for a PAPER sheet or a date before the intervention or in the future; CONFLICT if already sent.`,
  })
  sendInterventionSheet(
    @Arg("id", () => IdScalar, { description: "The sheet." }) id: number,
    @Arg("sentOn", () => LocalDateScalar, { description: "Day it was sent (D)." }) sentOn: string,
    @Ctx() context: GraphQLContext,
  ): Promise<InterventionSheetType> {
    return this.maintenanceService.sheets.send(actorOf(context), id, sentOn);
  }

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => InterventionSheetType, {
    description: `Records the customer's signature of a PAPER sheet, which validates it (${WRITE_ROLES}). BAD_USER_INPUT for an ELECTRONIC sheet or a date before the intervention or in the future; CONFLICT if already signed.`,
  })
  signInterventionSheet(
    @Arg("id", () => IdScalar, { description: "The sheet." }) id: number,
    @Arg("signerName", { description: "Who signed for the customer." }) signerName: string,
    @Arg("signedOn", () => LocalDateScalar, { description: "Day it was signed." }) signedOn: string,
    @Ctx() context: GraphQLContext,
  ): Promise<InterventionSheetType> {
    return this.maintenanceService.sheets.sign(actorOf(context), id, signerName, signedOn);
  }

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => InterventionSheetType, {
    description: `Records the customer's contest of an ELECTRONIC sheet sent on D (${WRITE_ROLES}): accepted when received on D … D+5 (the sending day included); received later, BAD_USER_INPUT on receivedOn (the sheet is deemed accepted). CONFLICT if not sent or already contested.`,
  })
  contestInterventionSheet(
    @Arg("id", () => IdScalar, { description: "The sheet." }) id: number,
    @Arg("reason", { description: "The customer's reason." }) reason: string,
    @Arg("receivedOn", () => LocalDateScalar, { description: "Day the contest was received." }) receivedOn: string,
    @Ctx() context: GraphQLContext,
  ): Promise<InterventionSheetType> {
    return this.maintenanceService.sheets.contest(actorOf(context), id, reason, receivedOn);
  }

  @Authorized(...CAN.read)
  @Query(() => InterventionSheetType, {
    nullable: true,
    description: "One intervention sheet, or null when there is none with this id.",
  })
  interventionSheet(@Arg("id", () => IdScalar, { description: "Sheet id." }) id: number): Promise<InterventionSheetType | null> {
    return this.maintenanceService.sheets.byId(id);
  }

  @Authorized(...CAN.read)
  @Query(() => [InterventionSheetType], {
    description: "A customer's intervention sheets with an intervention day in [from, to], oldest first.",
  })
  interventionSheets(
    @Arg("customerId", () => IdScalar, { description: "The customer." }) customerId: number,
    @Arg("from", () => LocalDateScalar, {
      nullable: true,
      description: "First intervention day (inclusive); none = from the start.",
    })
    from: string | null,
    @Arg("to", () => LocalDateScalar, { nullable: true, description: "Last intervention day (inclusive); none = no end." })
    to: string | null,
  ): Promise<InterventionSheetType[]> {
    return this.maintenanceService.sheets.forCustomer(customerId, from, to);
  }

  @FieldResolver(() => InterventionSheetStatusEnum, {
    description:
      "Status as of a date, derived from the dated facts: PAPER DRAFT → SIGNED from the signing day; ELECTRONIC sent on D: DRAFT before D, AWAITING_CONTEST_WINDOW on D … D+5, DEEMED_ACCEPTED from D+6, CONTESTED from the day a contest was received.",
  })
  status(
    @Root() sheet: InterventionSheetType,
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "The date; default today in Europe/Paris." })
    asOf: string | null,
  ): InterventionSheetStatus {
    return sheetStatus(sheet, asOf ?? todayInParis());
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description:
      "ELECTRONIC sheet sent on D: D+5, the last day a contest is accepted (calendar days, sending day not counted). Null otherwise.",
  })
  contestDeadline(@Root() sheet: InterventionSheetType): string | null {
    return sheetContestDeadline(sheet);
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description:
      "Day the sheet is (or will be, if not contested) validated: the signing day (PAPER) or D+6 (ELECTRONIC sent on D and not contested). Null otherwise.",
  })
  validatedOn(@Root() sheet: InterventionSheetType): string | null {
    return validatedOn(sheet);
  }

  @FieldResolver(() => Boolean, {
    description: "True while what the sheet says may still be edited today: not signed (PAPER) or not sent (ELECTRONIC).",
  })
  editable(@Root() sheet: InterventionSheetType): boolean {
    return whyNotEditable(sheet, todayInParis()) === null;
  }
}
