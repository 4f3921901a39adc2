import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { MigrationError, migrateDatabase, readMigrations, type Migration } from "@/lib/db/migrate";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";

const tables = async (db: Database) =>
  (await db.sql.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r.t);

describe(`migration runner on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let db: Database;
  beforeEach(async () => {
    tdb = await createTestDatabase();
    db = await openDatabase(tdb.options);
  });
  afterEach(async () => {
    await db.close().catch(() => undefined);
    await tdb.drop();
  });

  it("applies every migration once and records it like prisma migrate does", async () => {
    const first = await migrateDatabase({ driver: db.sql });
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect(await tables(db)).toEqual(expect.arrayContaining(["_prisma_migrations", "comparison", "revision", "environment", "uploaded_file", "finding", "comment", "sign_off", "activity"]));
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const [i, m] of readMigrations().entries()) {
      expect(rows[i]?.checksum).toBe(m.checksum);
      expect(rows[i]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[i]?.finished_at).not.toBeNull();
    }
    const second = await migrateDatabase({ driver: db.sql });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const good: Migration = { name: "20990101000000_good", sql: `CREATE TABLE "good_one" (id int);`, checksum: "a".repeat(64) };
    const bad: Migration = {
      name: "20990101000001_bad",
      sql: `CREATE TABLE "half_done" (id int);\nINSERT INTO "no_such_table" VALUES (1);`,
      checksum: "b".repeat(64),
    };
    await expect(migrateDatabase({ driver: db.sql, migrations: [good, bad] })).rejects.toThrow(MigrationError);
    await expect(migrateDatabase({ driver: db.sql, migrations: [good, bad] })).rejects.toThrow(/20990101000001_bad failed and was rolled back/);
    const t = await tables(db);
    expect(t).toContain("good_one");
    expect(t).not.toContain("half_done");
    const names = (await db.sql.query<{ n: string }>(`SELECT migration_name AS n FROM "_prisma_migrations"`)).map((r) => r.n);
    expect(names).toEqual(["20990101000000_good"]);
  });

  it("reports an applied migration whose file changed", async () => {
    const m: Migration = { name: "20990101000000_x", sql: `CREATE TABLE "x" (id int);`, checksum: "c".repeat(64) };
    await migrateDatabase({ driver: db.sql, migrations: [m] });
    const again = await migrateDatabase({ driver: db.sql, migrations: [{ ...m, checksum: "d".repeat(64) }] });
    expect(again.modified).toEqual(["20990101000000_x"]);
    expect(again.applied).toEqual([]);
  });

  it("keeps data across a close and reopen", async () => {
    await migrateDatabase({ driver: db.sql });
    await db.prisma.comparison.create({ data: { id: "persist-me", reviewKeyHash: "r", ownerTokenHash: "o" } });
    await db.close();
    db = await openDatabase(tdb.options);
    expect((await db.prisma.comparison.findUnique({ where: { id: "persist-me" } }))?.id).toBe("persist-me");
  });

  it.runIf(testDbKind() === "postgres")("serialises two migrators racing on the same database", async () => {
    const other = await openDatabase(tdb.options);
    try {
      const [a, b] = await Promise.all([migrateDatabase({ driver: db.sql }), migrateDatabase({ driver: other.sql })]);
      const all = readMigrations().map((m) => m.name);
      expect([...a.applied, ...b.applied].sort()).toEqual(all);
      const count = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "_prisma_migrations"`);
      expect(Number(count[0]?.n)).toBe(all.length);
    } finally {
      await other.close();
    }
  });
});
