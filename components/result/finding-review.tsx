"use client";
/**
 * The review part of an expanded finding: the status form (review link only) and
 * the comment thread (read-only on a view link). Saved statuses and comments go
 * to the page's review state, so the badge, the filters and the activity log follow.
 */
import { CommentThread } from "@/components/review/comment-thread";
import { FindingReviewControls } from "@/components/review/finding-review-controls";
import type { ReviewComment } from "@/lib/review/schemas";
import { useReviewState } from "./review-state";

export function FindingReview({ fingerprint, comments }: { fingerprint: string; comments: ReviewComment[] }) {
  const state = useReviewState();
  if (!state) return null;
  const { comparisonId, reviewKey, reviews, saveReview, noteChange } = state;
  const review = reviews[fingerprint];
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800" data-testid="finding-review">
      {review?.statusBy && !reviewKey && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Status set by {review.statusBy}
          {review.statusAt ? ` on ${review.statusAt.slice(0, 16).replace("T", " ")} UTC` : ""}
          {review.statusReason ? `: ${review.statusReason}` : ""}
        </p>
      )}
      {reviewKey && review && <FindingReviewControls comparisonId={comparisonId} reviewKey={reviewKey} finding={review} onSaved={saveReview} />}
      <CommentThread comparisonId={comparisonId} fingerprint={fingerprint} reviewKey={reviewKey} initialComments={comments} onAdded={noteChange} />
    </div>
  );
}
