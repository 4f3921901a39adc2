/**
 * Revisions on the result page: the switcher (links keep the review key), a form to
 * compare any two revisions (`?revision=B&compare=A`), and, from revision 2 on,
 * the findings of the previous revision that are no longer found (resolved).
 */
import { RevisionSwitcher } from "@/components/review/revision-switcher";
import type { FindingReview } from "@/lib/review/schemas";
import { STATUS_LABELS } from "@/lib/review/schemas";
import { InlineCode } from "./inline-code";
import { SELECT } from "./styles";

export interface RevisionChangesProps {
  comparisonId: string;
  revisions: readonly { number: number; createdAt: Date; score: number }[];
  current: number;
  reviewKey: string | null;
  /** the revision compared with (`?compare=`), if any */
  compareWith: number | null;
  /** vs the previous revision: how many findings are new, and the ones resolved */
  sincePrevious: { added: number; removed: FindingReview[] } | null;
}

export function RevisionChanges({ comparisonId, revisions, current, reviewKey, compareWith, sincePrevious }: RevisionChangesProps) {
  if (revisions.length < 2) return null;
  return (
    <section aria-label="Revisions" className="space-y-3 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="revisions">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RevisionSwitcher comparisonId={comparisonId} revisions={revisions} current={current} reviewKey={reviewKey} />
        <form method="get" action={`/c/${encodeURIComponent(comparisonId)}`} className="flex flex-wrap items-center gap-1.5" aria-label="Compare two revisions">
          {reviewKey && <input type="hidden" name="key" value={reviewKey} />}
          <label className="flex items-center gap-1">
            <span className="text-slate-600 dark:text-slate-400">Compare</span>
            <select name="compare" defaultValue={String(compareWith ?? Math.max(1, current - 1))} className={SELECT} aria-label="From revision">
              {revisions.map((r) => (
                <option key={r.number} value={r.number}>
                  {r.number}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <span className="text-slate-600 dark:text-slate-400">with</span>
            <select name="revision" defaultValue={String(current)} className={SELECT} aria-label="To revision">
              {revisions.map((r) => (
                <option key={r.number} value={r.number}>
                  {r.number}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:hover:bg-slate-800">
            Show changes
          </button>
        </form>
      </div>
      {sincePrevious && (
        <div data-testid="since-previous">
          <p>
            Since revision {current - 1}: <strong>{sincePrevious.added}</strong> new {sincePrevious.added === 1 ? "finding" : "findings"} (marked <span className="rounded bg-red-600 px-1 text-xs font-semibold uppercase text-white">New</span> below),{" "}
            <strong>{sincePrevious.removed.length}</strong> resolved.
          </p>
          {/* the full diff below lists them already */}
          {sincePrevious.removed.length > 0 && compareWith !== current - 1 && (
            <ul className="mt-2 space-y-1" aria-label={`Resolved since revision ${current - 1}`}>
              {sincePrevious.removed.map((f) => (
                <li key={f.fingerprint} className="rounded border-l-4 border-emerald-500 bg-emerald-50 px-2 py-1 dark:bg-emerald-950/40" data-resolved={f.fingerprint}>
                  <span className="mr-2 rounded bg-emerald-600 px-1 text-xs font-semibold uppercase text-white">Resolved</span>
                  <span className="mr-2 font-mono text-xs text-slate-500">{f.rule}</span>
                  <span className="line-through decoration-emerald-700/40">
                    <InlineCode text={f.message} />
                  </span>
                  <span className="ml-2 text-xs text-slate-500">({STATUS_LABELS[f.status]})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
