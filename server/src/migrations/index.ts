import { InitialSchema1764000000000 } from "./1764000000000-initial-schema.js";
import { SharedState1764200000000 } from "./1764200000000-shared-state.js";

/** Every migration, oldest first. Both databases run the same list. */
export const MIGRATIONS = [InitialSchema1764000000000, SharedState1764200000000];
