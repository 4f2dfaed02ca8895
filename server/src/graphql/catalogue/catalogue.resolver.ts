import { Authorized, Query, Resolver } from "type-graphql";
import { CatalogueService } from "../../services/catalogue.service.js";
import { OfferType } from "./offer.type.js";

@Resolver()
export class CatalogueResolver {
  constructor(private readonly catalogueService: CatalogueService) {}

  @Authorized()
  @Query(() => [OfferType], { description: "The catalogue: every active service with its commitment terms." })
  offers(): Promise<OfferType[]> {
    return this.catalogueService.offers() as Promise<OfferType[]>;
  }
}
