import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { PageInfo } from "../../services/page.js";

/**
 * The one shape of the API's lists that grow without bound (contracts, porting requests, the
 * renewal schedule, billable items), as Vendure's PaginatedList is one shape for all of its lists:
 * the page's items under the list's own name (API.md fixes `portingRequests`; the add-in and
 * integrators already read `contracts` and `events`), `totalCount` across all pages, and
 * `endCursor`/`hasNextPage`; the query takes `first` and `after` (the previous page's endCursor).
 * Lists that stay small (a customer's contracts, the offers, search results capped at 200) are plain
 * arrays, as API.md fixes `Customer.contracts: [Contract!]!` and `Quote.contracts`.
 */
export function CursorPage<K extends string, T extends object>(options: {
  /** The GraphQL type's name, e.g. `ContractPage`. */
  name: string;
  description: string;
  /** The field holding the page's items, e.g. `contracts`. */
  items: K;
  itemType: ClassType<T>;
  /** The items in words, plural then singular: "contracts", "contract". */
  nouns: [string, string];
  /** "matching the filters", "in the window matching the filters", … */
  counted?: string;
}): ClassType<PageInfo & Record<K, T[]>> {
  const [plural, singular] = options.nouns;

  @ObjectType(options.name, { description: options.description })
  class Page {
    @Field(() => Int, { description: `Number of ${plural} ${options.counted ?? "matching the filters"}, across all pages.` })
    totalCount!: number;

    @Field(() => String, {
      nullable: true,
      description: `Cursor of the last ${singular} of this page: pass it as \`after\` for the next page.`,
    })
    endCursor!: string | null;

    @Field(() => Boolean, { description: `True when more ${plural} follow this page.` })
    hasNextPage!: boolean;
  }
  // The items' field has the list's own name, so it is declared here rather than in the class body.
  Field(() => [options.itemType], { description: `The ${plural} of this page.` })(Page.prototype, options.items);
  return Page as unknown as ClassType<PageInfo & Record<K, T[]>>;
}
