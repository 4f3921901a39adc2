/** Appends one entry to a comparison's activity log (inside the caller's transaction). */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActivityAction } from "./schemas";

type Tx = Pick<Prisma.TransactionClient, "activity">;

export interface RecordActivityOptions {
  tx: Tx;
  comparisonId: string;
  actor: string;
  action: ActivityAction;
  fingerprint?: string | null;
  detail?: Record<string, string | number | boolean | null>;
  at?: Date;
}

export async function recordActivity({ tx, comparisonId, actor, action, fingerprint = null, detail, at }: RecordActivityOptions): Promise<void> {
  await tx.activity.create({
    data: { comparisonId, actor, action, fingerprint, detail: detail ?? undefined, ...(at ? { createdAt: at } : {}) },
    select: { id: true },
  });
}
