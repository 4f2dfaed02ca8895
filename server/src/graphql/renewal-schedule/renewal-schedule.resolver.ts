import { Args, Authorized, Query, Resolver } from "type-graphql";
import type { RenewalSchedulePage } from "../../services/renewal-schedule/schedule.service.js";
import { RenewalScheduleService } from "../../services/renewal-schedule/schedule.service.js";
import { CAN } from "../common/roles.js";
import { RenewalScheduleArgs } from "./renewal-schedule.args.js";
import { RenewalSchedulePageType } from "./renewal-schedule.type.js";

@Resolver()
export class RenewalScheduleResolver {
  constructor(private readonly renewalScheduleService: RenewalScheduleService) {}

  @Authorized(...CAN.read)
  @Query(() => RenewalSchedulePageType, {
    description:
      "Finance's renewal schedule: every period end in [from, to] of every contract not ended before from, with notice deadline, renewal and the L215-1 reminder window for CONSUMER and NON_PROFIT customers. Paginated by cursor.",
  })
  renewalSchedule(@Args() args: RenewalScheduleArgs): Promise<RenewalSchedulePage> {
    return this.renewalScheduleService.page(args);
  }
}
