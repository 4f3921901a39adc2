// npm run db:migrate — one-off admin process (twelve-factor XII): applies pending migrations.
import { loadConfig } from "@/lib/config";
import { openAndMigrate } from "@/lib/db/open-and-migrate";
import { getLogger } from "@/lib/log";

const log = getLogger();
try {
  const config = loadConfig();
  const { db, report } = await openAndMigrate({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  for (const m of report.modified) log.warn({ migration: m }, "applied migration was modified since it was applied");
  log.info({ db: db.location, applied: report.applied, alreadyApplied: report.alreadyApplied.length }, report.applied.length ? "migrations applied" : "database is up to date");
  await db.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
