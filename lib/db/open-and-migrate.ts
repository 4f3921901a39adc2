import { openDatabase, type Database, type OpenDatabaseOptions } from "./client";
import { migrateDatabase, type MigrationReport } from "./migrate";

/** Opens the database and applies pending migrations; closes it again if they fail. */
export async function openAndMigrate(opts: OpenDatabaseOptions): Promise<{ db: Database; report: MigrationReport }> {
  const db = await openDatabase(opts);
  try {
    const report = await migrateDatabase({ driver: db.sql });
    return { db, report };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
