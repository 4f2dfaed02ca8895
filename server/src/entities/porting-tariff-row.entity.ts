import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import type { NumberKind, PortingDirection, PortingUnit, TierMode } from "../domain/porting-price.js";
import { CentsColumn, EnumColumn, IntColumn, JsonColumn } from "./columns.js";
import { PortingTariffGrid } from "./porting-tariff-grid.entity.js";

/** One row of a porting grid: a direction and number kind, priced per number or per block, in tiers. */
@Index("IDX_porting_row_key", ["gridId", "direction", "numberKind"], { unique: true })
@Entity("porting_tariff_row")
export class PortingTariffRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  gridId!: number;

  @ManyToOne(
    () => PortingTariffGrid,
    (grid) => grid.rows,
    { nullable: false, onDelete: "CASCADE" },
  )
  @JoinColumn({ name: "gridId" })
  grid?: Relation<PortingTariffGrid>;

  @EnumColumn({ length: 10 })
  direction!: PortingDirection;

  @EnumColumn({ length: 16 })
  numberKind!: NumberKind;

  @EnumColumn({ length: 12 })
  unit!: PortingUnit;

  @IntColumn({ nullable: true })
  blockSize!: number | null;

  @EnumColumn({ length: 12 })
  tierMode!: TierMode;

  /** `[{ upTo: number | null, unitPriceCents }]`, ascending; the last tier is unbounded. */
  @JsonColumn()
  tiers!: { upTo: number | null; unitPriceCents: number }[];

  @CentsColumn()
  fixedFeeCents!: number;

  @CentsColumn({ nullable: true })
  outsideHoursSurchargeCents!: number | null;
}
