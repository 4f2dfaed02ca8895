import { Column, type ColumnOptions } from "typeorm";

/**
 * Column helpers shared by every entity, so both databases see the same types:
 * calendar dates are `date` columns read as `YYYY-MM-DD` strings (mysql2 is set to
 * `dateStrings: ["DATE"]`), money is integer euro cents, enums are short varchars
 * (portable: no SQLite CHECK constraints, no MySQL ENUM type to migrate).
 */
export const DateColumn = (options: { nullable?: boolean; name?: string } = {}) =>
  Column({ type: "date", nullable: options.nullable ?? false, name: options.name });

/** Integer euro cents. INT is enough per row (±21 million euros); totals are computed in code. */
export const CentsColumn = (options: { nullable?: boolean; name?: string } = {}) =>
  Column({ type: "integer", nullable: options.nullable ?? false, name: options.name });

export const IntColumn = (options: { nullable?: boolean; name?: string; default?: number } = {}) =>
  Column({ type: "integer", nullable: options.nullable ?? false, name: options.name, default: options.default });

export const EnumColumn = (options: { nullable?: boolean; name?: string; length?: number } = {}) =>
  Column({ type: "varchar", length: options.length ?? 24, nullable: options.nullable ?? false, name: options.name });

export const TextColumn = (options: { nullable?: boolean; name?: string; length?: number } = {}) =>
  Column({ type: "varchar", length: options.length ?? 255, nullable: options.nullable ?? false, name: options.name });

/** Long free text or JSON documents. */
export const LongTextColumn = (options: { nullable?: boolean; name?: string } = {}) =>
  Column({ type: "text", nullable: options.nullable ?? false, name: options.name });

export const BoolColumn = (options: { name?: string; default?: boolean } = {}) =>
  Column({ type: "boolean", name: options.name, default: options.default ?? false });

/** An instant (UTC). Stored without fractional seconds so both databases agree. */
export const InstantColumn = (options: { nullable?: boolean; name?: string } = {}) =>
  Column({ type: "datetime", nullable: options.nullable ?? false, name: options.name } as ColumnOptions);

/** JSON kept as text: portable, and read whole with its row. */
export function JsonColumn(options: { nullable?: boolean; name?: string } = {}) {
  return Column({
    type: "text",
    nullable: options.nullable ?? false,
    name: options.name,
    transformer: {
      to: (value: unknown) => (value === undefined || value === null ? value : JSON.stringify(value)),
      from: (value: string | null) => (value === null || value === undefined ? value : JSON.parse(value)),
    },
  });
}
