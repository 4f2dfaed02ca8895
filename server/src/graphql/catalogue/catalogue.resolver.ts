import { Authorized, Query, Resolver } from "type-graphql";
import type { Services } from "../../services/index.js";
import { OfferType } from "./offer.type.js";

@Resolver()
export class CatalogueResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [OfferType], { description: "The catalogue: every active service with its commitment terms." })
  offers(): Promise<OfferType[]> {
    return this.services.catalogue.offers() as Promise<OfferType[]>;
  }
}
