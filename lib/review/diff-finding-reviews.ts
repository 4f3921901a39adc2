/**
 * What changed between two revisions' findings, by fingerprint: `added` (only in
 * `after`, in its order), `removed` (only in `before`, in its order — resolved),
 * `changed` (in both, with another severity, message or review status) and the
 * number unchanged. Pure: compareRevisions reads the revisions, the result page
 * reads them with its page statement.
 */
import type { FindingChange } from "./compare-revisions";
import type { FindingReview } from "./schemas";

export interface FindingReviewsDiff {
  added: FindingReview[];
  removed: FindingReview[];
  changed: FindingChange[];
  unchanged: number;
}

export function diffFindingReviews({ before, after }: { before: readonly FindingReview[]; after: readonly FindingReview[] }): FindingReviewsDiff {
  const was = new Map(before.map((f) => [f.fingerprint, f]));
  const is = new Map(after.map((f) => [f.fingerprint, f]));
  const diff: FindingReviewsDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [fp, f] of is) if (!was.has(fp)) diff.added.push(f);
  for (const [fp, f] of was) {
    const g = is.get(fp);
    if (!g) {
      diff.removed.push(f);
      continue;
    }
    const fields = (["severity", "message", "status"] as const).filter((k) => f[k] !== g[k]);
    if (fields.length) diff.changed.push({ fingerprint: fp, before: f, after: g, fields: [...fields] });
    else diff.unchanged++;
  }
  return diff;
}
