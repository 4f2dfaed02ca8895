import { Arg, Authorized, Int, Query, Resolver } from "type-graphql";
import { type FieldError, throwIfAny } from "../../domain/errors.js";
import { betweenMessage, notACursorMessage } from "../../domain/messages.js";
import { text } from "../../domain/text.js";
import { billableCursor, billableItemsAfter } from "../../services/billing-export.service.js";
import { MaintenanceService } from "../../services/maintenance.service.js";
import { pageOfRows } from "../../services/page.js";
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
    @Arg("first", () => Int, { nullable: true, description: `Page size (1 to ${MAX_PAGE}); default limit.` })
    first: number | null,
    @Arg("after", () => String, {
      nullable: true,
      description: "Cursor: the endCursor of the previous page (the paging every list uses; instead of offset).",
    })
    after: string | null,
  ): Promise<BillableItemsPageType> {
    // Left out, type-graphql passes undefined.
    const cursor = after ?? null;
    const size = first ?? limit;
    const errors: FieldError[] = [];
    if (offset < 0) errors.push({ field: "offset", message: text("doit valoir 0 ou plus.", "must be 0 or more") });
    if (limit < 1 || limit > MAX_PAGE) errors.push({ field: "limit", message: betweenMessage(1, MAX_PAGE) });
    if ((first ?? null) !== null && (size < 1 || size > MAX_PAGE))
      errors.push({ field: "first", message: betweenMessage(1, MAX_PAGE) });
    if (cursor !== null && offset > 0) {
      errors.push({ field: "after", message: text("ne se combine pas avec offset.", "cannot be combined with offset") });
    }
    throwIfAny(errors);
    const result = await this.maintenanceService.billing.billableItems({ from, to, customerId });
    const rest = cursor === null ? result.items.slice(offset) : billableItemsAfter(result.items, cursor);
    if (rest === null) throwIfAny([{ field: "after", message: notACursorMessage() }]);
    const page = pageOfRows((rest ?? []).slice(0, size + 1), size, billableCursor);
    return {
      from,
      to,
      items: page.items,
      totalCount: result.items.length,
      totalAmountCents: result.totalAmountCents,
      offset: cursor === null ? offset : result.items.length - (rest ?? []).length,
      hasMore: page.hasNextPage,
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }
}
