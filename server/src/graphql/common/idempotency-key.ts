import { Field } from "type-graphql";
import { IDEMPOTENCY_KEY_MAX_LENGTH } from "../../services/idempotency.js";

/**
 * The optional `idempotencyKey` of a creating mutation's input (API.md "Idempotent creation"),
 * described once; the rule itself is services/idempotency.ts.
 */
export function IdempotencyKeyField(created: string): PropertyDecorator {
  return Field(() => String, {
    nullable: true,
    description: `Optional key chosen by the client (1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters, e.g. a UUID) that makes a retry safe, after a 503 or a lost answer: the same key with the same input returns the same ${created} instead of creating another; the same key with other input is CONFLICT. Keys are per mutation and shared by every token (docs/operations.md "Retrying safely").`,
  });
}
