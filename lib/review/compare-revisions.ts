/**
 * What changed between two revisions of a comparison, by finding fingerprint:
 * `added` (only in `to`), `removed` (only in `from` — resolved), `changed` (in
 * both, with another severity, message or review status) and the number unchanged.
 */
import type { PrismaClient } from "@/lib/db/client";
import { diffFindingReviews } from "./diff-finding-reviews";
import { findRevision } from "./find-revision";
import type { FindingReview } from "./schemas";
import { FINDING_REVIEW_SELECT, toFindingReview } from "./to-finding-review";

export interface CompareRevisionsOptions {
  prisma: PrismaClient;
  comparisonId: string;
  from: number;
  to: number;
}

export interface FindingChange {
  fingerprint: string;
  before: FindingReview;
  after: FindingReview;
  /** which of severity, message, status differ */
  fields: ("severity" | "message" | "status")[];
}

export interface RevisionDiff {
  from: number;
  to: number;
  scoreFrom: number;
  scoreTo: number;
  added: FindingReview[];
  removed: FindingReview[];
  changed: FindingChange[];
  unchanged: number;
}

export async function compareRevisions({ prisma, comparisonId, from, to }: CompareRevisionsOptions): Promise<RevisionDiff> {
  const [a, b] = await Promise.all([findRevision({ prisma, comparisonId, number: from }), findRevision({ prisma, comparisonId, number: to })]);
  const [ra, rb] = await Promise.all(
    [a, b].map((r) => prisma.revision.findUniqueOrThrow({ where: { id: r.id }, select: { score: true, findings: { select: FINDING_REVIEW_SELECT } } })),
  );
  const before = (ra?.findings ?? []).map((f) => toFindingReview(f));
  const after = (rb?.findings ?? []).map((f) => toFindingReview(f));
  return { from, to, scoreFrom: ra?.score ?? 0, scoreTo: rb?.score ?? 0, ...diffFindingReviews({ before, after }) };
}
