"use client";
/**
 * The review panels of the result page bound to its shared review state: the
 * reviewer's name, the release sign-off (its warning follows statuses saved on the
 * page) and the activity log (reloads after each change made on the page).
 */
import { ActivityLog } from "@/components/review/activity-log";
import { ReviewerName } from "@/components/review/reviewer-name";
import { SignOffPanel } from "@/components/review/sign-off-panel";
import type { ActivityEntry, SignOff } from "@/lib/review/schemas";
import { useReviewState } from "./review-state";

/** Who is reviewing (review link only): asked once, remembered in this browser. */
export function ReviewerBar() {
  const state = useReviewState();
  if (!state?.reviewKey) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-indigo-200 bg-indigo-50/60 px-3 py-2 dark:border-indigo-900 dark:bg-indigo-950/40" data-testid="review-bar">
      <ReviewerName />
      <p className="text-xs text-slate-600 dark:text-slate-400">Review link: you can set statuses, comment, approve and upload revisions.</p>
    </div>
  );
}

export interface SignOffSectionProps {
  revision: number;
  latestRevision: number;
  /** the revision's findings (id + severity); statuses come from the review state */
  findings: readonly { id: string; severity: string }[];
  signOffs: SignOff[];
}

export function SignOffSection({ revision, latestRevision, findings, signOffs }: SignOffSectionProps) {
  const state = useReviewState();
  if (!state) return null;
  const withStatus = findings.map((f) => ({ severity: f.severity, status: state.reviews[f.id]?.status ?? "open" }));
  return (
    <SignOffPanel
      comparisonId={state.comparisonId}
      revision={revision}
      latestRevision={latestRevision}
      findings={withStatus}
      signOffs={signOffs}
      reviewKey={state.reviewKey}
      onSignedOff={state.noteChange}
    />
  );
}

export function ActivitySection({ entries, labels }: { entries: ActivityEntry[]; labels: Record<string, string> }) {
  const state = useReviewState();
  if (!state) return null;
  return <ActivityLog comparisonId={state.comparisonId} secret={state.reviewKey} initialEntries={entries} findingLabel={(fp) => labels[fp]} refreshKey={state.changes} />;
}
