import { Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { BoolColumn, DateColumn, InstantColumn } from "./columns.js";
import { PortingTariffRow } from "./porting-tariff-row.entity.js";

/** A version of the porting tariff grid; the one with the latest `effectiveFrom` on or before a date applies. */
@Index("IDX_porting_grid_effective", ["effectiveFrom"], { unique: true })
@Entity("porting_tariff_grid")
export class PortingTariffGrid {
  @PrimaryGeneratedColumn()
  id!: number;

  @DateColumn()
  effectiveFrom!: string;

  @BoolColumn()
  sample!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @OneToMany(
    () => PortingTariffRow,
    (row) => row.grid,
  )
  rows?: Relation<PortingTariffRow>[];
}
