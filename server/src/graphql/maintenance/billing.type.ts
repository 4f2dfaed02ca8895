import { Field, Int, ObjectType, UseMiddleware } from "type-graphql";
import type { Text } from "../../domain/text.js";
import type { BillableItemKind } from "../../services/billing-export.service.js";
import { InReaderLanguage } from "../common/localized.js";
import { IdScalar, LocalDateScalar } from "../common/scalars.js";
import { BillableItemKindEnum } from "./maintenance.enums.js";

@ObjectType("BillableItem", { description: "One line finance bills: a validated intervention sheet or a misdeclared incident." })
export class BillableItemType {
  @Field(() => BillableItemKindEnum, { description: "What the line comes from." })
  kind!: BillableItemKind;

  @Field(() => IdScalar, { description: "Id of the intervention sheet or of the incident." })
  sourceId!: number;

  @Field(() => IdScalar, { description: "The customer to bill." })
  customerId!: number;

  @Field({ description: "The customer's name." })
  customerName!: string;

  @Field(() => IdScalar, {
    nullable: true,
    description: "The maintenance contract whose rate applies; null for a sheet that names none.",
  })
  maintenanceContractId!: number | null;

  @Field(() => LocalDateScalar, {
    description:
      "Sheet: the day it was validated (signing day, or D+6 for an electronic sheet sent on D). Incident: the day it was qualified MISDECLARED (Europe/Paris).",
  })
  date!: string;

  @Field({ description: "The sheet's summary, or the incident's description (its category when it has none)." })
  description!: string;

  @Field(() => Int, { description: "Minutes billed." })
  minutes!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Hourly rate excl. VAT in euro cents; null when no maintenance contract applies.",
  })
  hourlyRateCents!: number | null;

  @Field(() => Int, {
    description: "Amount excl. VAT in euro cents: minutes × hourly rate / 60 rounded half up; 0 when not priced (see note).",
  })
  amountCents!: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the amount is 0, or procedure rules the incident broke, in the reader's language (Accept-Language); null otherwise.",
  })
  @UseMiddleware(InReaderLanguage)
  note!: Text | null;
}

@ObjectType("BillableItemsPage", { description: "A page of what is billable over a period, with totals for the whole period." })
export class BillableItemsPageType {
  @Field(() => LocalDateScalar, { description: "First day of the period (inclusive)." })
  from!: string;

  @Field(() => LocalDateScalar, { description: "Last day of the period (inclusive)." })
  to!: string;

  @Field(() => [BillableItemType], { description: "The page's items, by date, then kind, then id." })
  items!: BillableItemType[];

  @Field(() => Int, { description: "Number of items over the whole period." })
  totalCount!: number;

  @Field(() => Int, { description: "Sum of amountCents over the whole period, excl. VAT." })
  totalAmountCents!: number;

  @Field(() => Int, { description: "Index of the page's first item in the whole list." })
  offset!: number;

  @Field({ description: "True when items remain after this page (ask again with offset + items.length)." })
  hasMore!: boolean;

  // The page shape every list shares (common/page.type.ts), beside offset and hasMore kept for existing callers.
  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item of this page: pass it as `after` for the next page.",
  })
  endCursor!: string | null;

  @Field(() => Boolean, { description: "True when more items follow this page." })
  hasNextPage!: boolean;
}
