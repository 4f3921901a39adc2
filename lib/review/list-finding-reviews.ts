/** The review state (status, reason, who, when, version) of every finding of a revision (the latest by default). */
import type { PrismaClient } from "@/lib/db/client";
import { findRevision } from "./find-revision";
import type { FindingReview } from "./schemas";
import { FINDING_REVIEW_SELECT, toFindingReview } from "./to-finding-review";

export interface ListFindingReviewsOptions {
  prisma: PrismaClient;
  comparisonId: string;
  revision?: number;
}

export async function listFindingReviews({ prisma, comparisonId, revision }: ListFindingReviewsOptions): Promise<{ revision: number; findings: FindingReview[] }> {
  const rev = await findRevision({ prisma, comparisonId, number: revision });
  const rows = await prisma.finding.findMany({ where: { revisionId: rev.id }, select: FINDING_REVIEW_SELECT });
  return { revision: rev.number, findings: rows.map(toFindingReview) };
}
