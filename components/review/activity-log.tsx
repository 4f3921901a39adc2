"use client";
/** The comparison's activity log: who changed what and when, newest first. */
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { describeActivity } from "@/lib/review/describe-activity";
import { activitySchema, type ActivityEntry } from "@/lib/review/schemas";
import type { ReviewResponse } from "@/lib/review/read-review-response";
import { reviewRequest } from "./review-api";
import { AlertLine } from "./alert-line";

export interface ActivityLogProps {
  comparisonId: string;
  /** review key or owner token, when the page has one (the view link needs none) */
  secret?: string | null;
  initialEntries?: ActivityEntry[];
  /** a label for a finding in sentences (e.g. rule + service); fingerprint prefix otherwise */
  findingLabel?: (fingerprint: string) => string | undefined;
  /** bump to reload (e.g. after a change made elsewhere on the page) */
  refreshKey?: number;
}

const answerSchema = z.object({ activity: z.array(activitySchema) });

export function ActivityLog({ comparisonId, secret, initialEntries, findingLabel, refreshKey = 0 }: ActivityLogProps) {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(initialEntries ?? null);
  const [error, setError] = useState<string | null>(null);

  const apply = useCallback((r: ReviewResponse<z.infer<typeof answerSchema>>) => {
    if (r.ok) {
      setEntries(r.data.activity);
      setError(null);
    } else setError(r.error.message);
  }, []);
  const fetchActivity = useCallback(
    (signal?: AbortSignal) => reviewRequest({ comparisonId, path: "/activity?limit=200", schema: answerSchema, secret, signal }),
    [comparisonId, secret],
  );

  useEffect(() => {
    if (initialEntries && refreshKey === 0) return;
    const ctrl = new AbortController();
    void fetchActivity(ctrl.signal).then((r) => {
      if (!ctrl.signal.aborted) apply(r);
    });
    return () => ctrl.abort();
  }, [fetchActivity, apply, initialEntries, refreshKey]);

  return (
    <section aria-labelledby="activity-title" className="space-y-2 text-sm" data-testid="activity-log">
      <div className="flex items-center justify-between">
        <h2 id="activity-title" className="text-base font-semibold">Activity</h2>
        <button type="button" onClick={() => void fetchActivity().then(apply)} className="rounded px-2 py-0.5 text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
          Refresh
        </button>
      </div>
      <AlertLine text={error} />
      {entries === null && !error && <p className="text-slate-500">Loading…</p>}
      {entries?.length === 0 && <p className="text-slate-500 dark:text-slate-400">No review activity yet.</p>}
      {entries && entries.length > 0 && (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((e) => (
            <li key={e.id} className="flex gap-3 py-1.5">
              <time dateTime={e.createdAt} className="shrink-0 font-mono text-xs text-slate-500 dark:text-slate-400">
                {e.createdAt.slice(0, 16).replace("T", " ")}
              </time>
              <span>{describeActivity({ entry: e, findingLabel })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
