import type { MiddlewareFn } from "type-graphql";
import { inLanguage, isText } from "../../domain/text.js";
import type { GraphQLContext } from "../context.js";

/**
 * Field middleware for a `String` field whose value is a bilingual `Text` (domain/text.ts): the
 * reader gets the text in the request's language. Plain strings pass through (e.g. a message
 * stored before the API spoke French).
 */
export const InReaderLanguage: MiddlewareFn<GraphQLContext> = async ({ context }, next) => {
  const value: unknown = await next();
  return isText(value) || typeof value === "string" ? inLanguage(value, context.language) : value;
};
