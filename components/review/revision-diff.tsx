"use client";
/** What changed between two revisions: new findings (highlighted), resolved ones, and changed ones. */
import { useEffect, useState } from "react";
import { z } from "zod";
import { findingReviewSchema, STATUS_LABELS, type FindingReview } from "@/lib/review/schemas";
import { InlineCode } from "@/components/result/inline-code";
import { reviewRequest } from "./review-api";
import { AlertLine } from "./alert-line";

export interface RevisionDiffProps {
  comparisonId: string;
  from: number;
  to: number;
  secret?: string | null;
}

const diffSchema = z.object({
  from: z.number(),
  to: z.number(),
  scoreFrom: z.number(),
  scoreTo: z.number(),
  added: z.array(findingReviewSchema),
  removed: z.array(findingReviewSchema),
  changed: z.array(z.object({ fingerprint: z.string(), before: findingReviewSchema, after: findingReviewSchema, fields: z.array(z.enum(["severity", "message", "status"])) })),
  unchanged: z.number(),
});
export type RevisionDiffData = z.infer<typeof diffSchema>;

function Item({ f }: { f: FindingReview }) {
  return (
    <>
      <span className="mr-2 rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{f.severity}</span>
      <span className="mr-2 font-mono text-xs text-slate-500">{f.rule}</span>
      <InlineCode text={f.message} />
    </>
  );
}

export function RevisionDiff({ comparisonId, from, to, secret }: RevisionDiffProps) {
  const [state, setState] = useState<{ key: string; diff?: RevisionDiffData; error?: string } | null>(null);
  const key = `${comparisonId}:${from}:${to}`;

  useEffect(() => {
    const ctrl = new AbortController();
    void reviewRequest({ comparisonId, path: `/revisions/compare?from=${from}&to=${to}`, schema: diffSchema, secret, signal: ctrl.signal }).then((r) => {
      if (ctrl.signal.aborted) return;
      setState(r.ok ? { key, diff: r.data } : { key, error: r.error.message });
    });
    return () => ctrl.abort();
  }, [comparisonId, from, to, secret, key]);

  const current = state?.key === key ? state : null;
  return (
    <section aria-labelledby="revision-diff-title" className="space-y-3 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="revision-diff">
      <h2 id="revision-diff-title" className="text-base font-semibold">
        Changes from revision {from} to {to}
      </h2>
      {!current && <p className="text-slate-500">Loading…</p>}
      <AlertLine text={current?.error ?? null} />
      {current?.diff && (
        <>
          <p>
            Score {current.diff.scoreFrom} → <strong>{current.diff.scoreTo}</strong> · {current.diff.added.length} new · {current.diff.removed.length} resolved ·{" "}
            {current.diff.changed.length} changed · {current.diff.unchanged} unchanged
          </p>
          {current.diff.added.length > 0 && (
            <div>
              <h3 className="font-medium text-red-800 dark:text-red-300">New in revision {to}</h3>
              <ul className="mt-1 space-y-1">
                {current.diff.added.map((f) => (
                  <li key={f.fingerprint} className="rounded border-l-4 border-red-500 bg-red-50 px-2 py-1 dark:bg-red-950/40">
                    <Item f={f} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {current.diff.removed.length > 0 && (
            <div>
              <h3 className="font-medium text-emerald-800 dark:text-emerald-300">Resolved (no longer found)</h3>
              <ul className="mt-1 space-y-1">
                {current.diff.removed.map((f) => (
                  <li key={f.fingerprint} className="rounded border-l-4 border-emerald-500 bg-emerald-50 px-2 py-1 line-through decoration-emerald-700/40 dark:bg-emerald-950/40">
                    <Item f={f} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {current.diff.changed.length > 0 && (
            <div>
              <h3 className="font-medium">Changed</h3>
              <ul className="mt-1 space-y-1">
                {current.diff.changed.map((c) => (
                  <li key={c.fingerprint} className="rounded border-l-4 border-amber-500 bg-amber-50 px-2 py-1 dark:bg-amber-950/40">
                    <Item f={c.after} />
                    <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
                      {c.fields
                        .map((k) => (k === "status" ? `status ${STATUS_LABELS[c.before.status]} → ${STATUS_LABELS[c.after.status]}` : k === "severity" ? `severity ${c.before.severity} → ${c.after.severity}` : "message changed"))
                        .join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
