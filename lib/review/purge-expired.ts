/**
 * Deletes comparisons whose expiry has passed (admin one-off, `npm run
 * purge-expired`). Works in small batches, each one DELETE … WHERE expires_at <= now
 * re-checked per row, so it can run while the app serves: a comparison whose
 * expiry an owner extends meanwhile is kept, and requests for a purged one get 404.
 */
import type { PrismaClient } from "@/lib/db/client";

export interface PurgeExpiredOptions {
  prisma: PrismaClient;
  now?: Date;
  batchSize?: number;
}

export async function purgeExpired({ prisma, now = new Date(), batchSize = 100 }: PurgeExpiredOptions): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const batch = await prisma.comparison.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take: batchSize, orderBy: { expiresAt: "asc" } });
    if (batch.length === 0) break;
    const { count } = await prisma.comparison.deleteMany({ where: { id: { in: batch.map((b) => b.id) }, expiresAt: { lte: now } } });
    deleted += count;
    if (batch.length < batchSize) break;
  }
  return { deleted };
}
