import type { AppConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { CatalogueService } from "./catalogue.service.js";
import { TokenService } from "./token.service.js";

/** Every use case, built once per server over one database. Resolvers receive this. */
export class Services {
  readonly tokens: TokenService;
  readonly catalogue: CatalogueService;

  constructor(
    readonly database: Database,
    readonly config: AppConfig,
  ) {
    this.tokens = new TokenService(database);
    this.catalogue = new CatalogueService(database);
  }
}
