import { InitialSchema1764000000000 } from "./1764000000000-initial-schema.js";
import { SharedState1764200000000 } from "./1764200000000-shared-state.js";
import { PortingRequestLifecycle1765000000000 } from "./1765000000000-porting-request-lifecycle.js";

/** Every migration, oldest first. Both databases run the same list. */
export const MIGRATIONS = [InitialSchema1764000000000, SharedState1764200000000, PortingRequestLifecycle1765000000000];
