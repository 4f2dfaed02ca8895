import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildApiSchema } from "./schema.js";

/** The SDL checked in at schema/schema.graphql: sorted, so diffs show only real changes. */
export async function printApiSchema(): Promise<string> {
  const schema = await buildApiSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = path.resolve("schema/schema.graphql");

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("emit-schema.ts")) {
  const sdl = await printApiSchema();
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
