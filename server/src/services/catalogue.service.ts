import type { Database } from "../db/database.js";
import { Offer, TermsVersion } from "../entities/index.js";
import { NotFoundError } from "./errors.js";

/** The catalogue: offers with their terms version, and the terms version in force on a date. */
export class CatalogueService {
  constructor(private readonly database: Database) {}

  async offers(options: { includeInactive?: boolean } = {}): Promise<Offer[]> {
    return this.database.manager.find(Offer, {
      where: options.includeInactive ? {} : { active: true },
      relations: { termsVersion: true },
      order: { id: "ASC" },
    });
  }

  async offerByCode(code: string): Promise<Offer> {
    const offer = await this.database.manager.findOne(Offer, { where: { code }, relations: { termsVersion: true } });
    if (!offer) throw new NotFoundError("Offer", code);
    return offer;
  }

  /** The terms version in force on a date: the latest whose effective date is on or before it. */
  async termsVersionInForce(date: string): Promise<TermsVersion | null> {
    return this.database.manager
      .createQueryBuilder(TermsVersion, "t")
      .where("t.effectiveDate <= :date", { date })
      .orderBy("t.effectiveDate", "DESC")
      .getOne();
  }
}
