import type { EntityManager } from "typeorm";
import type { Database } from "../db/database.js";
import { DomainValidationError, throwIfAny } from "../domain/errors.js";
import {
  type PortingPrice,
  type PortingPriceRequest,
  type PortingTariffGrid as PortingTariffGridRule,
  type PortingTariffRow as PortingTariffRowRule,
  pricePorting,
  validateTariffGrid,
} from "../domain/porting-price.js";
import { checkRio, type RioCheck } from "../domain/rio.js";
import { text } from "../domain/text.js";
import { PortingTariffGrid, PortingTariffRow } from "../entities/index.js";
import type { Actor } from "./actor.js";
import { recordAudit } from "./audit.service.js";
import { isUniqueViolation, MAX_GRAPHQL_INT } from "./db-errors.js";
import { createOnce, readIdempotencyKey } from "./idempotency.js";

/** A stored grid as the pricing rules see it. */
export function gridRule(grid: PortingTariffGrid): PortingTariffGridRule {
  return {
    effectiveFrom: grid.effectiveFrom,
    rows: (grid.rows ?? []).map((row) => ({
      direction: row.direction,
      numberKind: row.numberKind,
      unit: row.unit,
      blockSize: row.blockSize,
      tierMode: row.tierMode,
      tiers: row.tiers,
      fixedFeeCents: row.fixedFeeCents,
      outsideHoursSurchargeCents: row.outsideHoursSurchargeCents,
    })),
  };
}

/** A grid as clients send it: optional fields may be absent. */
export interface TariffGridData {
  effectiveFrom: string;
  rows: (Omit<PortingTariffRowRule, "blockSize" | "outsideHoursSurchargeCents" | "tiers"> & {
    blockSize?: number | null;
    outsideHoursSurchargeCents?: number | null;
    tiers: { upTo?: number | null; unitPriceCents: number }[];
  })[];
  /** Optional: a retry with the same key returns the same grid (services/idempotency.ts). */
  idempotencyKey?: string | null;
}

function effectiveFromTaken(effectiveFrom: string): DomainValidationError {
  return new DomainValidationError({
    field: "effectiveFrom",
    message: text(
      `Une grille tarifaire de portabilité prend déjà effet le ${effectiveFrom} ; les grilles sont versionnées par date : choisissez une autre date.`,
      `A porting tariff grid already takes effect on ${effectiveFrom}; grids are versioned by date, so choose another date.`,
    ),
  });
}

/**
 * Porting tariff grids (SPEC section 5): versioned by effective date, immutable once stored (a new
 * price list is a new grid), and the prices computed from the grid in force on a date.
 */
export class PortingService {
  constructor(private readonly database: Database) {}

  /** Every grid with its rows, oldest first. */
  async grids(): Promise<PortingTariffGrid[]> {
    const grids = await this.database.manager.find(PortingTariffGrid, {
      relations: { rows: true },
      order: { effectiveFrom: "ASC" },
    });
    for (const grid of grids) grid.rows?.sort((a, b) => a.id - b.id);
    return grids;
  }

  /** The grid in force on `date` (latest effectiveFrom <= date), with its rows; null when none. */
  async gridInForce(date: string, manager: EntityManager = this.database.manager): Promise<PortingTariffGridRule | null> {
    const grid = await manager
      .createQueryBuilder(PortingTariffGrid, "g")
      .where("g.effectiveFrom <= :date", { date })
      .orderBy("g.effectiveFrom", "DESC")
      .getOne();
    if (!grid) return null;
    grid.rows = await manager.find(PortingTariffRow, { where: { gridId: grid.id }, order: { id: "ASC" } });
    return gridRule(grid);
  }

  /** Price of a porting request with the grid in force on its date (errors name `numbers[i]`). */
  async price(request: PortingPriceRequest): Promise<PortingPrice> {
    const grid = await this.gridInForce(request.requestDate);
    const price = pricePorting(request, grid);
    if (price.totalCents > MAX_GRAPHQL_INT) {
      throw new DomainValidationError({
        field: "numbers",
        message: text(
          `Le prix de portabilité de ces numéros dépasse ${MAX_GRAPHQL_INT} centimes : répartissez-les sur plusieurs demandes.`,
          `The porting price of these numbers exceeds ${MAX_GRAPHQL_INT} cents; split the request.`,
        ),
      });
    }
    return price;
  }

  /** RIO check; never throws: a malformed RIO or number is `valid: false` with the reason. */
  checkRio(rio: string, number: string): RioCheck {
    return checkRio(rio, number);
  }

  async createGrid(actor: Actor, input: TariffGridData): Promise<PortingTariffGrid> {
    const rows: PortingTariffRowRule[] = input.rows.map((row) => ({
      ...row,
      blockSize: row.blockSize ?? null,
      outsideHoursSurchargeCents: row.outsideHoursSurchargeCents ?? null,
      tiers: row.tiers.map((tier) => ({ upTo: tier.upTo ?? null, unitPriceCents: tier.unitPriceCents })),
    }));
    const errors = validateTariffGrid({ effectiveFrom: input.effectiveFrom, rows });
    const key = readIdempotencyKey(errors, input.idempotencyKey);
    throwIfAny(errors);
    try {
      const request = { scope: "createPortingTariffGrid", key, payload: { effectiveFrom: input.effectiveFrom, rows } };
      const id = await createOnce(this.database, request, async (manager) => {
        if (await manager.existsBy(PortingTariffGrid, { effectiveFrom: input.effectiveFrom })) {
          throw effectiveFromTaken(input.effectiveFrom);
        }
        const grid = await manager.save(
          manager.create(PortingTariffGrid, { effectiveFrom: input.effectiveFrom, sample: false, createdAt: new Date() }),
        );
        await manager.save(rows.map((row) => manager.create(PortingTariffRow, { ...row, gridId: grid.id })));
        await recordAudit(manager, actor, {
          action: "createPortingTariffGrid",
          entity: "PortingTariffGrid",
          entityId: grid.id,
          after: { effectiveFrom: input.effectiveFrom, rows },
        });
        return grid.id;
      });
      const grid = await this.database.manager.findOneOrFail(PortingTariffGrid, { where: { id }, relations: { rows: true } });
      grid.rows?.sort((a, b) => a.id - b.id);
      return grid;
    } catch (error) {
      // Two admins creating a grid for the same date at once: the unique index decides.
      if (isUniqueViolation(error)) throw effectiveFromTaken(input.effectiveFrom);
      throw error;
    }
  }
}
