"use client";
/**
 * Switches between revisions of a comparison (links that keep the review key)
 * and offers "what changed since" the previous one.
 */
import { revisionHref } from "@/lib/review/revision-href";

export interface RevisionSwitcherProps {
  comparisonId: string;
  revisions: readonly { number: number; createdAt: string | Date; score: number }[];
  /** the revision shown */
  current: number;
  reviewKey?: string | null;
}

const dateOf = (d: string | Date) => (typeof d === "string" ? d : d.toISOString()).slice(0, 16).replace("T", " ");

export function RevisionSwitcher({ comparisonId, revisions, current, reviewKey }: RevisionSwitcherProps) {
  if (revisions.length <= 1) return null;
  const latest = revisions.at(-1)?.number ?? current;
  return (
    <nav aria-label="Revisions" className="flex flex-wrap items-center gap-2 text-sm" data-testid="revision-switcher">
      <span className="font-medium">Revision</span>
      <ol className="flex flex-wrap gap-1">
        {revisions.map((r) => (
          <li key={r.number}>
            <a
              href={revisionHref({ comparisonId, revision: r.number, reviewKey })}
              aria-current={r.number === current ? "page" : undefined}
              title={`${dateOf(r.createdAt)} UTC · score ${r.score}`}
              className={
                r.number === current
                  ? "rounded bg-indigo-600 px-2 py-0.5 font-medium text-white"
                  : "rounded px-2 py-0.5 text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
              }
            >
              {r.number}
              {r.number === latest ? " (latest)" : ""}
            </a>
          </li>
        ))}
      </ol>
      {current > 1 && (
        <a href={revisionHref({ comparisonId, revision: current, reviewKey, compareWith: current - 1 })} className="text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
          What changed since revision {current - 1}
        </a>
      )}
    </nav>
  );
}
