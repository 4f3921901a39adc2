/** A comparison's activity log, newest first. */
import type { PrismaClient } from "@/lib/db/client";
import type { ActivityEntry } from "./schemas";
import { toActivityEntries } from "./to-activity-entries";

export interface ListActivityOptions {
  prisma: PrismaClient;
  comparisonId: string;
  fingerprint?: string;
  limit?: number;
}

export async function listActivity({ prisma, comparisonId, fingerprint, limit = 200 }: ListActivityOptions): Promise<ActivityEntry[]> {
  const rows = await prisma.activity.findMany({
    where: { comparisonId, ...(fingerprint ? { fingerprint } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 1000),
    select: { id: true, actor: true, action: true, fingerprint: true, detail: true, createdAt: true },
  });
  return toActivityEntries(rows);
}
