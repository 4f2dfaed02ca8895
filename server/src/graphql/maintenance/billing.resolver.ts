import { Arg, Authorized, Int, Query, Resolver } from "type-graphql";
import { type FieldError, throwIfAny } from "../../domain/errors.js";
import { betweenMessage } from "../../domain/messages.js";
import { text } from "../../domain/text.js";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { CAN } from "../common/roles.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { BillableItemsPageType } from "./billing.type.js";

const MAX_PAGE = 5000;

@Resolver()
export class BillingResolver {
  constructor(private readonly maintenanceService: MaintenanceService) {}

  @Authorized(...CAN.exportBilling)
  @Query(() => BillableItemsPageType, {
    description:
      "What finance bills for a period (FINANCE, ADMIN): intervention sheets validated in it (signed, or deemed accepted on D+6) by today, and incidents qualified MISDECLARED in it. The same list is downloadable as CSV at GET /exports/billing.csv?from=…&to=….",
  })
  async billableItems(
    @Arg("from", () => LocalDateScalar, { description: "First day of the period (inclusive, Europe/Paris)." }) from: string,
    @Arg("to", () => LocalDateScalar, { description: "Last day of the period (inclusive); at most 366 days after from." })
    to: string,
    @Arg("customerId", () => IdScalar, { nullable: true, description: "Only this customer's items." }) customerId: number | null,
    @Arg("offset", () => Int, { defaultValue: 0, description: "Items to skip." }) offset: number,
    @Arg("limit", () => Int, { defaultValue: 1000, description: `Items per page (1 to ${MAX_PAGE}).` }) limit: number,
  ): Promise<BillableItemsPageType> {
    const errors: FieldError[] = [];
    if (offset < 0) errors.push({ field: "offset", message: text("doit valoir 0 ou plus.", "must be 0 or more") });
    if (limit < 1 || limit > MAX_PAGE) errors.push({ field: "limit", message: betweenMessage(1, MAX_PAGE) });
    throwIfAny(errors);
    const result = await this.maintenanceService.billing.billableItems({ from, to, customerId });
    return {
      from,
      to,
      items: result.items.slice(offset, offset + limit),
      totalCount: result.items.length,
      totalAmountCents: result.totalAmountCents,
      offset,
      hasMore: offset + limit < result.items.length,
    };
  }
}
