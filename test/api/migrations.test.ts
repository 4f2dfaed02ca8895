import "reflect-metadata";
import { DataSource, type DataSourceOptions } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../server/src/bootstrap.js";
import { loadConfig } from "../../server/src/config.js";
import { dataSourceOptions, detectMysqlFlavour } from "../../server/src/db/data-source.js";
import { Contract, Customer, Offer, PortingTariffGrid, PortingTariffRow, TermsVersion } from "../../server/src/entities/index.js";
import { InitialSchema1764000000000 } from "../../server/src/migrations/1764000000000-initial-schema.js";
import { MIGRATIONS } from "../../server/src/migrations/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

describe(`migrations and seed (${process.env.TEST_DB})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("two processes starting at once migrate and seed exactly once", async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: db.url });
    const [a, b] = await Promise.all([openApp(config), openApp(config)]);
    try {
      const migrations = await a.database.dataSource.query("SELECT * FROM migrations");
      expect(migrations).toHaveLength(MIGRATIONS.length);
      expect(await a.database.manager.count(Offer)).toBe(6);
      expect(await b.database.manager.count(TermsVersion)).toBe(1);
    } finally {
      await a.database.close();
      await b.database.close();
    }
  });

  it("leaves no schema drift between the entities and the hand-written migrations", async () => {
    const app = await openApp(loadConfig({ ...process.env, DATABASE_URL: db.url }));
    try {
      const sql = await app.database.dataSource.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await app.database.close();
    }
  });

  it("a restart seeds nothing twice, and everything seeded is the source catalogue or marked sample", async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: db.url });
    const first = await openApp(config);
    const counts = async () => ({
      offers: await first.database.manager.count(Offer),
      customers: await first.database.manager.count(Customer),
      contracts: await first.database.manager.count(Contract),
      grids: await first.database.manager.count(PortingTariffGrid),
      rows: await first.database.manager.count(PortingTariffRow),
    });
    const before = await counts();
    await first.database.close();
    const again = await openApp(config);
    try {
      const after = {
        offers: await again.database.manager.count(Offer),
        customers: await again.database.manager.count(Customer),
        contracts: await again.database.manager.count(Contract),
        grids: await again.database.manager.count(PortingTariffGrid),
        rows: await again.database.manager.count(PortingTariffRow),
      };
      expect(after).toEqual(before);
      expect(before.customers).toBeGreaterThan(0);
      expect(await again.database.manager.countBy(Customer, { sample: false })).toBe(0);
      expect(await again.database.manager.countBy(Contract, { sample: false })).toBe(0);
      expect(await again.database.manager.countBy(PortingTariffGrid, { sample: false })).toBe(0);
    } finally {
      await again.database.close();
    }
  });

  it("stores calendar dates as YYYY-MM-DD strings, unshifted", async () => {
    const app = await openApp(loadConfig({ ...process.env, DATABASE_URL: db.url }));
    try {
      const contract = await app.database.manager.findOneOrFail(Contract, { where: { startDate: "2024-02-29" } });
      expect(contract.startDate).toBe("2024-02-29");
      expect(typeof contract.monthlyAmountCents).toBe("number");
    } finally {
      await app.database.close();
    }
  });
});

describe(`porting request lifecycle migration (${process.env.TEST_DB})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("gives requests stored before it their legal deadline as planned date, and DONE becomes COMPLETED", async () => {
    const flavour = db.target.kind === "mysql" ? await detectMysqlFlavour(db.target) : "mysql";
    const options = dataSourceOptions(db.target, flavour);
    const before = new DataSource({ ...options, migrations: [InitialSchema1764000000000] } as DataSourceOptions);
    await before.initialize();
    await before.runMigrations();
    const insert =
      "INSERT INTO porting_request (customerId, direction, number, numberKind, status, requestedOn, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)";
    await before.query(insert, [1, "INBOUND", "+33612345678", "MOBILE", "REQUESTED", "2026-12-24", "2026-12-24 10:00:00"]);
    await before.query(insert, [1, "INBOUND", "+33145678901", "GEOGRAPHIC", "DONE", "2026-12-24", "2026-12-24 10:00:00"]);
    await before.destroy();

    const after = new DataSource({ ...options, migrations: MIGRATIONS } as DataSourceOptions);
    await after.initialize();
    try {
      await after.runMigrations();
      const rows = await after.query("SELECT number, status, plannedOn FROM porting_request ORDER BY id");
      expect(
        rows.map((r: { number: string; status: string; plannedOn: string | Date }) => [
          r.number,
          r.status,
          String(r.plannedOn).slice(0, 10),
        ]),
      ).toEqual([
        ["+33612345678", "REQUESTED", "2026-12-28"],
        ["+33145678901", "COMPLETED", "2027-01-06"],
      ]);
    } finally {
      await after.destroy();
    }
  });
});
