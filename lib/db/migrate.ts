/**
 * Our migration runner. Prisma's `migrate deploy` needs a schema-engine binary
 * these machines cannot download, so we apply `prisma/migrations/<ts>_<name>/migration.sql`
 * ourselves, each in one transaction, and record them in `_prisma_migrations` with
 * the same columns and checksum (sha256 of the file) Prisma uses, so that
 * `prisma migrate deploy` sees them as applied where it can run.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlDriver } from "./sql-driver";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** applied migrations whose file changed since (Prisma warns about these too) */
  modified: string[];
}

export class MigrationError extends Error {
  constructor(
    public readonly migration: string,
    public readonly cause: unknown,
  ) {
    super(`migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MigrationError";
  }
}

const MIGRATION_DIR_NAME = /^\d{14}_[A-Za-z0-9_]+$/;
/** arbitrary, fixed: serialises concurrent migrators on one PostgreSQL database */
const LOCK_KEY = 72_707_369;

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && MIGRATION_DIR_NAME.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migrateDatabase({
  driver,
  migrations = readMigrations(),
}: {
  driver: SqlDriver;
  migrations?: Migration[];
}): Promise<MigrationReport> {
  return driver.withLock(LOCK_KEY, async () => {
    await driver.exec(CREATE_TABLE);
    const rows = await driver.query<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], modified: [] };
    for (const m of migrations) {
      const known = done.get(m.name);
      if (known !== undefined) {
        report.alreadyApplied.push(m.name);
        if (known !== m.checksum) report.modified.push(m.name);
        continue;
      }
      try {
        await driver.transaction(async (tx) => {
          await tx.exec(m.sql);
          await tx.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
        });
      } catch (err) {
        throw new MigrationError(m.name, err);
      }
      report.applied.push(m.name);
    }
    return report;
  });
}
