// npm run purge-expired — one-off admin process (twelve-factor XII): deletes the
// comparisons whose expiry has passed, with everything under them.
//
// On PostgreSQL (DATABASE_URL) it runs safely while the app serves: small batches,
// each DELETE re-checking the expiry. The embedded PGlite database belongs to one
// process at a time, so there it refuses to run while the app answers on HOST:PORT.
import { loadConfig } from "@/lib/config";
import { openAndMigrate } from "@/lib/db/open-and-migrate";
import { getLogger } from "@/lib/log";
import { purgeExpired } from "@/lib/review/purge-expired";

const log = getLogger();

async function appIsServing(host: string, port: number): Promise<boolean> {
  const h = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  try {
    const res = await fetch(`http://${h}:${port}/api/health`, { signal: AbortSignal.timeout(1_500) });
    return res.status < 600;
  } catch {
    return false;
  }
}

try {
  const config = loadConfig();
  if (!config.DATABASE_URL && (await appIsServing(config.HOST, config.PORT))) {
    console.error(
      `purge-expired: the app is serving on ${config.HOST}:${config.PORT} with the embedded database (PGlite), which only one process may open. Stop the app first, or use DATABASE_URL (PostgreSQL), where purge-expired runs while the app serves.`,
    );
    process.exit(1);
  }
  const { db } = await openAndMigrate({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    const { deleted } = await purgeExpired({ prisma: db.prisma });
    log.info({ db: db.location, deleted }, deleted ? "expired comparisons deleted" : "no expired comparison");
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`purge-expired: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
