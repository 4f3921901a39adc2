"use client";
/** The suggested assignment of a dropped set, shown before it is applied: environment and compose path per file, editable. */
import { useEffect, useRef } from "react";
import { formatBytes } from "@/lib/upload/check-file-content";
import type { FormAction, FormEnvironment, ProposalItem } from "@/lib/upload/form-state";
import type { AssignmentTarget } from "@/lib/upload/suggest-assignment";

function valueOf(t: AssignmentTarget): string {
  switch (t.kind) {
    case "all":
    case "skip":
      return t.kind;
    case "env":
      return `env:${t.name}`;
    case "new":
      return `new:${t.role}:${t.name}`;
  }
}

function targetOf(value: string, proposal: readonly ProposalItem[]): AssignmentTarget {
  if (value === "all" || value === "skip") return { kind: value };
  if (value.startsWith("env:")) return { kind: "env", name: value.slice(4) };
  const hit = proposal.find((p) => valueOf(p.target) === value);
  return hit?.target ?? { kind: "all" };
}

export interface AssignmentReviewProps {
  proposal: ProposalItem[];
  environments: FormEnvironment[];
  dispatch: (action: FormAction) => void;
  announce: (message: string) => void;
}

export function AssignmentReview({ proposal, environments, dispatch, announce }: AssignmentReviewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  // environments the proposal would create, offered to every file
  const created = proposal.flatMap((p) => (p.target.kind === "new" ? [p.target] : [])).filter((t, i, all) => all.findIndex((x) => x.name === t.name) === i);
  const input =
    "h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-slate-700 dark:bg-slate-950";

  return (
    <section
      aria-labelledby="assignment-heading"
      data-testid="assignment-review"
      className="rounded-lg border border-indigo-200 bg-indigo-50/50 p-3 dark:border-indigo-900 dark:bg-indigo-950/30"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="assignment-heading" ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
          Where should these {proposal.length} files go?
        </h3>
        <p className="text-xs text-slate-600 dark:text-slate-400">Suggested from the file names — change anything before applying.</p>
      </div>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[36rem] text-sm">
          <thead>
            <tr className="text-left text-[11px] uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-2 font-medium">File</th>
              <th scope="col" className="py-1 pr-2 font-medium">Goes to</th>
              <th scope="col" className="py-1 pr-2 font-medium">Compose path</th>
              <th scope="col" className="py-1 font-medium">Why</th>
            </tr>
          </thead>
          <tbody>
            {proposal.map((p, i) => (
              <tr key={`${p.file.name}-${i}`} className="border-t border-indigo-100 align-middle dark:border-indigo-900/60" data-testid="assignment-row" data-file={p.file.name}>
                <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                  <span className="font-mono">{p.file.name}</span>{" "}
                  <span className="text-xs text-slate-500 dark:text-slate-400">{formatBytes(p.file.size)}</span>
                  {p.file.error && <span className="block text-xs text-red-700 dark:text-red-300">{p.file.error.message}</span>}
                </th>
                <td className="py-1.5 pr-2">
                  <select
                    aria-label={`Environment for ${p.file.name}`}
                    value={valueOf(p.target)}
                    onChange={(e) => dispatch({ type: "changeProposal", index: i, target: targetOf(e.target.value, proposal) })}
                    className={input}
                  >
                    <option value="all">All environments</option>
                    {environments.map((e) => (
                      <option key={e.id} value={`env:${e.name}`}>
                        {e.name || "(unnamed)"}
                      </option>
                    ))}
                    {created.map((t) => (
                      <option key={t.name} value={`new:${t.role}:${t.name}`}>
                        New environment: {t.name}
                      </option>
                    ))}
                    <option value="skip">Leave out</option>
                  </select>
                </td>
                <td className="py-1.5 pr-2">
                  <input
                    aria-label={`Compose path for ${p.file.name}`}
                    value={p.as}
                    placeholder={p.file.name}
                    spellCheck={false}
                    onChange={(e) => dispatch({ type: "changeProposal", index: i, as: e.target.value })}
                    className={`${input} font-mono text-xs`}
                  />
                </td>
                <td className="py-1.5 text-xs text-slate-600 dark:text-slate-400">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <button
          type="button"
          onClick={() => {
            dispatch({ type: "cancelProposal" });
            announce("Files not added.");
          }}
          className="h-8 rounded-md px-3 text-sm text-slate-700 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-900"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={() => {
            dispatch({ type: "applyProposal" });
            announce(`Added ${proposal.filter((p) => p.target.kind !== "skip").length} files.`);
          }}
          className="h-8 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          Apply
        </button>
      </div>
    </section>
  );
}
