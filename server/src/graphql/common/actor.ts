import type { Actor } from "../../services/actor.js";
import type { GraphQLContext } from "../context.js";

/** The actor a resolver passes to a service. */
export function actorOf(context: GraphQLContext): Actor {
  return { principal: context.principal, requestId: context.requestId };
}
