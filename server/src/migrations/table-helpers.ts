import { type TableColumnOptions, TableForeignKey, TableIndex } from "typeorm";

/**
 * Column builders for hand-written migrations. They use only types both drivers understand the
 * same way (`integer`, not `int`: SQLite would see drift), and mirror `entities/columns.ts`.
 */
export const id = (): TableColumnOptions => ({
  name: "id",
  type: "integer",
  isPrimary: true,
  isGenerated: true,
  generationStrategy: "increment",
});
export const int = (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: "integer",
  isNullable: nullable,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
export const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: "varchar",
  length: String(length),
  isNullable: nullable,
});
export const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: "date", isNullable: nullable });
export const instant = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: "datetime",
  isNullable: nullable,
});
export const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: "text", isNullable: nullable });
export const bool = (name: string, defaultValue = false): TableColumnOptions => ({
  name,
  type: "boolean",
  isNullable: false,
  default: defaultValue ? 1 : 0,
});

export const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

/** Spelled out in full: MySQL's implicit RESTRICT would read back as drift from TypeORM's NO ACTION. */
export const foreignKey = (columnName: string, referencedTableName: string, onDelete: "CASCADE" | "NO ACTION" = "NO ACTION") =>
  new TableForeignKey({
    columnNames: [columnName],
    referencedTableName,
    referencedColumnNames: ["id"],
    onDelete,
    onUpdate: "NO ACTION",
  });
