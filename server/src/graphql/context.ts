import type { Principal } from "../services/token.service.js";

/** What every resolver receives: the caller and the request id (also sent back to the client). */
export interface GraphQLContext {
  requestId: string;
  principal: Principal;
}
