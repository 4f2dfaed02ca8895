import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import type { GraphQLContext } from "../context.js";
import { DeclareIncidentInput, QualifyIncidentInput } from "./incident.input.js";
import { IncidentType } from "./incident.type.js";

@Resolver(() => IncidentType)
export class IncidentResolver {
  constructor(private readonly maintenanceService: MaintenanceService) {}

  @Authorized(...CAN.recordInterventions)
  @Mutation(() => IncidentType, {
    description:
      "Records an incident declaration (TECHNICIAN, ADMIN). It is never refused for breaking the contract's procedure: it is stored with every rule it broke in procedureViolations.",
  })
  declareIncident(
    @Arg("input", () => DeclareIncidentInput, { description: "The declaration as made." }) input: DeclareIncidentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<IncidentType> {
    return this.maintenanceService.incidents.declare(actorOf(context), input) as Promise<IncidentType>;
  }

  @Authorized(...CAN.qualifyIncidents)
  @Mutation(() => IncidentType, {
    description:
      "Qualifies a handled incident VALID or MISDECLARED (TECHNICIAN, ADMIN). MISDECLARED bills minutesSpent × the contract's hourly rate / 60, rounded half up to the cent. It may be requalified while its qualification dates from the current month (Europe/Paris); after that, CONFLICT (the month may have been billed).",
  })
  qualifyIncident(
    @Arg("input", () => QualifyIncidentInput, { description: "The qualification." }) input: QualifyIncidentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<IncidentType> {
    return this.maintenanceService.incidents.qualify(actorOf(context), input) as Promise<IncidentType>;
  }

  @Authorized(...CAN.read)
  @Query(() => IncidentType, { nullable: true, description: "One incident, or null when there is none with this id." })
  incident(@Arg("id", () => IdScalar, { description: "Incident id." }) id: number): Promise<IncidentType | null> {
    return this.maintenanceService.incidents.byId(id) as Promise<IncidentType | null>;
  }

  @Authorized(...CAN.read)
  @Query(() => [IncidentType], {
    description: "A customer's incidents declared in [from, to] (Europe/Paris dates), oldest first.",
  })
  incidents(
    @Arg("customerId", () => IdScalar, { description: "The customer." }) customerId: number,
    @Arg("from", () => LocalDateScalar, {
      nullable: true,
      description: "First declaration day (inclusive); none = from the start.",
    })
    from: string | null,
    @Arg("to", () => LocalDateScalar, { nullable: true, description: "Last declaration day (inclusive); none = up to now." })
    to: string | null,
  ): Promise<IncidentType[]> {
    return this.maintenanceService.incidents.forCustomer(customerId, from, to) as Promise<IncidentType[]>;
  }

  @FieldResolver(() => Boolean, {
    description: "True when the declaration broke the procedure (procedureViolations is not empty).",
  })
  flagged(@Root() incident: IncidentType): boolean {
    return incident.procedureViolations.length > 0;
  }
}
