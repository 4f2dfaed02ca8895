/**
 * One page of a list that grows without bound: its items under the list's own name, how many
 * there are across all pages, and where the next page starts. Every such list of the API has this
 * shape (graphql/common/page.type.ts) and is read after a cursor (ids.ts encodeCursor).
 */
export interface PageInfo {
  totalCount: number;
  /** The cursor of the page's last item; null on an empty page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export type Page<K extends string, T> = PageInfo & { [key in K]: T[] };

/**
 * The items, end cursor and next-page flag of rows read with one row more than the page holds
 * (`take(first + 1)`): the extra row only says that more follow.
 */
export function pageOfRows<T>(
  rows: readonly T[],
  first: number,
  cursorOf: (row: T) => string,
): { items: T[]; endCursor: string | null; hasNextPage: boolean } {
  const items = rows.slice(0, first);
  const last = items.at(-1);
  return { items, endCursor: last === undefined ? null : cursorOf(last), hasNextPage: rows.length > first };
}
