/**
 * Sets the review status of a finding of the latest revision, optimistically:
 * the update applies only if the finding still has `expectedVersion` (one
 * conditional UPDATE, so two reviewers racing on the same version cannot both
 * win); otherwise a CONFLICT error carries the finding as it is now.
 */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";
import { findRevision } from "./find-revision";
import { recordActivity } from "./record-activity";
import type { FindingReview, FindingStatus } from "./schemas";
import { FINDING_REVIEW_SELECT, toFindingReview } from "./to-finding-review";

export interface SetFindingStatusOptions {
  prisma: PrismaClient;
  comparisonId: string;
  fingerprint: string;
  status: FindingStatus;
  reason?: string | null;
  by: string;
  expectedVersion: number;
  now?: Date;
}

export async function setFindingStatus({ prisma, comparisonId, fingerprint, status, reason, by, expectedVersion, now = new Date() }: SetFindingStatusOptions): Promise<FindingReview> {
  return prisma.$transaction(async (tx) => {
    const revision = await findRevision({ prisma: tx, comparisonId });
    const where = { revisionId_fingerprint: { revisionId: revision.id, fingerprint } };
    const before = await tx.finding.findUnique({ where, select: { id: true, status: true } });
    if (!before) throw new ReviewError("NOT_FOUND", `No finding ${fingerprint} in revision ${revision.number}.`);
    const { count } = await tx.finding.updateMany({
      where: { id: before.id, version: expectedVersion },
      data: { status, statusReason: reason || null, statusBy: by, statusAt: now, version: { increment: 1 } },
    });
    const after = await tx.finding.findUniqueOrThrow({ where: { id: before.id }, select: FINDING_REVIEW_SELECT });
    if (count === 0) {
      throw new ReviewError("CONFLICT", `${after.statusBy ?? "Someone"} changed this finding first.`, { current: toFindingReview(after) });
    }
    await recordActivity({
      tx,
      comparisonId,
      actor: by,
      action: "status.set",
      fingerprint,
      detail: { from: before.status, to: status, reason: reason || null, revision: revision.number },
      at: now,
    });
    return toFindingReview(after);
  });
}
