import { Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { BoolColumn, DateColumn, TextColumn } from "./columns.js";

/** A dated version of the provider's general terms; a signed quote records the one in force. */
@Index("IDX_terms_version_code", ["code"], { unique: true })
@Entity("terms_version")
export class TermsVersion {
  @PrimaryGeneratedColumn()
  id!: number;

  @TextColumn({ length: 40 })
  code!: string;

  @DateColumn()
  effectiveDate!: string;

  @TextColumn({ length: 255 })
  title!: string;

  @BoolColumn()
  sample!: boolean;
}
