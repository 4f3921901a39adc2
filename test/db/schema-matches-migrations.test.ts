/**
 * Fails when prisma/schema.prisma and prisma/migrations disagree: the database our
 * migrations build must have exactly the structure Prisma derives from the schema.
 * (Fix: `npm run db:diff -- <name>` writes the missing migration.)
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, readMigrations } from "@/lib/db/migrate";
import { pgliteDriver } from "@/lib/db/sql-driver";
import { createPrisma6Workspace, sqlFromEmpty } from "@/scripts/lib/prisma6";
import { describeCatalog } from "./describe-catalog";

describe("prisma schema vs migrations", () => {
  const ws = createPrisma6Workspace();
  afterAll(() => ws.dispose());

  it("builds the same tables, columns, constraints and indexes either way", async () => {
    const expectedSql = await sqlFromEmpty(ws);
    expect(expectedSql).toMatch(/CREATE TABLE "comparison"/);

    const fromSchema = await PGlite.create();
    await fromSchema.exec(expectedSql);
    const fromMigrations = await PGlite.create();
    const report = await migrateDatabase({ driver: pgliteDriver(fromMigrations), migrations: readMigrations() });
    expect(report.applied.length).toBeGreaterThan(0);

    const want = await describeCatalog(fromSchema);
    const got = await describeCatalog(fromMigrations);
    expect(got).toEqual(want);
    await fromSchema.close();
    await fromMigrations.close();
  }, 120_000);
});
