/** A comparison's activity log, newest first. */
import type { PrismaClient } from "@/lib/db/client";
import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityEntry } from "./schemas";

export interface ListActivityOptions {
  prisma: PrismaClient;
  comparisonId: string;
  fingerprint?: string;
  limit?: number;
}

const isAction = (a: string): a is ActivityAction => (ACTIVITY_ACTIONS as readonly string[]).includes(a);

export async function listActivity({ prisma, comparisonId, fingerprint, limit = 200 }: ListActivityOptions): Promise<ActivityEntry[]> {
  const rows = await prisma.activity.findMany({
    where: { comparisonId, ...(fingerprint ? { fingerprint } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 1000),
    select: { id: true, actor: true, action: true, fingerprint: true, detail: true, createdAt: true },
  });
  return rows
    .filter((r) => isAction(r.action))
    .map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action as ActivityAction,
      fingerprint: r.fingerprint,
      detail: r.detail !== null && typeof r.detail === "object" && !Array.isArray(r.detail) ? (r.detail as Record<string, unknown>) : null,
      createdAt: r.createdAt.toISOString(),
    }));
}
