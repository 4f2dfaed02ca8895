import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * How many changes of one kind (`scope`, e.g. the contracts the renewal schedule reads) each server
 * process (`writer`) has committed. A process only ever increments its own row, inside the
 * transaction of the change, so the sum over a scope's rows grows with every committed change and
 * every process can tell, with one small read, whether anything changed since it last looked
 * (services/change-counter.ts). One row per writer: concurrent writers never touch the same row, so
 * on a Galera cluster they never fail certification against each other.
 */
@Entity("change_counter")
export class ChangeCounter {
  @PrimaryColumn({ type: "varchar", length: 40 })
  scope!: string;

  @PrimaryColumn({ type: "varchar", length: 100 })
  writer!: string;

  @Column({ type: "integer" })
  value!: number;
}
