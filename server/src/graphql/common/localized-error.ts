import { type ASTNode, GraphQLError } from "graphql";
import { isText, type Text } from "../../domain/text.js";

/**
 * A refusal raised while GraphQL coerces an input value (our scalars), carrying its message in
 * both languages. graphql-js keeps it as the `originalError` of the variable error it builds, or
 * reports it as it is for an inline literal (hence `nodes`: the literal it is about), so the error
 * formatter finds the text in the reader's language (format-error.ts, input-errors.ts).
 */
export class LocalizedInputError extends GraphQLError {
  constructor(
    readonly text: Text,
    nodes?: ASTNode,
  ) {
    super(text.en, nodes ? { nodes } : {});
    this.name = "LocalizedInputError";
  }
}

/** The bilingual text carried anywhere along an error's `originalError` chain; null when none. */
export function localizedTextOf(error: unknown): Text | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = (current as { text?: unknown }).text;
    if (isText(candidate)) return candidate;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}
