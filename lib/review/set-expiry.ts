/** Sets when a comparison's links stop working: 1, 7 or 30 days from now, or never. */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";
import { recordActivity } from "./record-activity";
import type { ExpiryChoice } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_DAYS: Record<ExpiryChoice, number | null> = { "1d": 1, "7d": 7, "30d": 30, never: null };

export interface SetExpiryOptions {
  prisma: PrismaClient;
  comparisonId: string;
  expiresIn: ExpiryChoice;
  by?: string;
  now?: Date;
}

export async function setExpiry({ prisma, comparisonId, expiresIn, by = "owner", now = new Date() }: SetExpiryOptions): Promise<{ expiresAt: string | null }> {
  const days = EXPIRY_DAYS[expiresIn];
  const expiresAt = days === null ? null : new Date(now.getTime() + days * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.comparison.updateMany({ where: { id: comparisonId }, data: { expiresAt } });
    if (count === 0) throw new ReviewError("NOT_FOUND", "No comparison with this id.");
    await recordActivity({ tx, comparisonId, actor: by, action: "expiry.set", detail: { expiresIn, expiresAt: expiresAt?.toISOString() ?? null }, at: now });
    return { expiresAt: expiresAt?.toISOString() ?? null };
  });
}
