"use client";
/**
 * The review state the result page shares between its parts: each finding's review
 * (status, reason, who, version) as last seen, and a counter that bumps after every
 * change made on the page, so the activity log reloads. Statuses saved in one
 * finding show at once in its badge, the status filters and the sign-off warning.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { FindingReview } from "@/lib/review/schemas";

export interface ReviewState {
  comparisonId: string;
  /** a valid review key (the page checked it on the server); null on a view link */
  reviewKey: string | null;
  reviews: Record<string, FindingReview>;
  /** bumps after each change made on this page */
  changes: number;
  saveReview: (review: FindingReview) => void;
  noteChange: () => void;
}

const ReviewContext = createContext<ReviewState | null>(null);

export function ReviewProvider({ comparisonId, reviewKey, initialReviews, children }: { comparisonId: string; reviewKey: string | null; initialReviews: FindingReview[]; children: ReactNode }) {
  const [reviews, setReviews] = useState<Record<string, FindingReview>>(() => Object.fromEntries(initialReviews.map((r) => [r.fingerprint, r])));
  const [changes, setChanges] = useState(0);
  const noteChange = useCallback(() => setChanges((n) => n + 1), []);
  const saveReview = useCallback((review: FindingReview) => {
    setReviews((all) => ({ ...all, [review.fingerprint]: review }));
    setChanges((n) => n + 1);
  }, []);
  const value = useMemo(() => ({ comparisonId, reviewKey, reviews, changes, saveReview, noteChange }), [comparisonId, reviewKey, reviews, changes, saveReview, noteChange]);
  return <ReviewContext.Provider value={value}>{children}</ReviewContext.Provider>;
}

/** The page's review state, or null outside a ReviewProvider. */
export function useReviewState(): ReviewState | null {
  return useContext(ReviewContext);
}
