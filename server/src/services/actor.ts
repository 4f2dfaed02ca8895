import type { Principal } from "./token.service.js";

/** Who performs a use case, and under which request: passed to every service method that writes. */
export interface Actor {
  principal: Principal;
  requestId: string;
}
