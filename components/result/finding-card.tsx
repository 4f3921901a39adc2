"use client";
/**
 * One finding: a summary line that expands to the values per environment, the fix
 * and the file links. The expanded part is rendered when the card is opened (not
 * for every card of the page, on the server and in the browser, up front).
 */
import { useState, type ReactNode } from "react";
import type { Finding, FindingValue } from "@/lib/parity/result-schema";
import { FACTORS, type Factor } from "@/lib/parity/roles";
import { fileAnchorId } from "@/lib/view/file-anchor";
import { STATUS_LABELS, type FindingStatus } from "@/lib/view/view-types";
import { InlineCode } from "./inline-code";
import { SeverityBadge } from "./severity-badge";

const STATUS_BADGE: Record<FindingStatus, string> = {
  open: "bg-white text-slate-700 ring-slate-300 dark:bg-slate-900 dark:text-slate-300 dark:ring-slate-700",
  accepted_risk: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  will_fix: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  fixed: "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  false_positive: "bg-slate-100 text-slate-600 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600",
};

export function FindingValueText({ value }: { value: FindingValue | undefined }) {
  if (!value || value.state === "absent") return <span className="italic text-slate-400 dark:text-slate-500" data-state="absent">absent</span>;
  if (value.state === "unknown")
    return (
      <span className="italic text-amber-700 dark:text-amber-400" data-state="unknown" title="the value comes from an env file that was not uploaded">
        unknown
      </span>
    );
  if (value.value === null) return <span className="italic text-slate-400" data-state="unset">not set</span>;
  return (
    <span
      className={`break-all font-mono text-xs ${value.secret ? "rounded bg-slate-100 px-1 text-fuchsia-800 dark:bg-slate-800 dark:text-fuchsia-300" : ""}`}
      data-state={value.secret ? "secret" : "set"}
      title={value.secret && value.fingerprint ? `secret · fingerprint ${value.fingerprint.slice(0, 12)}…` : undefined}
    >
      {value.value}
    </span>
  );
}

export function FindingCard({
  finding,
  envs,
  status,
  fileAnchors,
  isNew = false,
  comments = 0,
  children,
}: {
  finding: Finding;
  envs: string[];
  status: FindingStatus;
  /** anchor ids of the files on the page (`file-<env>-<file>`); locations in other files are not links */
  fileAnchors: ReadonlySet<string>;
  /** not in the previous revision (highlighted) */
  isNew?: boolean;
  /** number of comments on the finding */
  comments?: number;
  /** the review part (status form, comments), shown when expanded */
  children?: ReactNode;
}) {
  const shown = envs.filter((e) => finding.environments.includes(e) || finding.values.some((v) => v.env === e));
  const [open, setOpen] = useState(false);
  return (
    <details
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className={`group rounded-md border open:shadow-sm ${isNew ? "border-l-4 border-slate-200 border-l-red-500 dark:border-slate-800 dark:border-l-red-500" : "border-slate-200 dark:border-slate-800"}`}
      data-finding={finding.id}
      data-rule={finding.rule}
      data-status={status}
      {...(isNew ? { "data-new": "true" } : {})}
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-slate-900 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="text-slate-400 transition-transform group-open:rotate-90">▸</span>
        <SeverityBadge severity={finding.severity} />
        <span className="min-w-0 flex-1 text-sm">
          <InlineCode text={finding.message} />
        </span>
        {isNew && (
          <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-white" title="not found in the previous revision">
            New
          </span>
        )}
        {finding.service && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">{finding.service}</span>}
        {comments > 0 && (
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="comment-count">
            {comments} comment{comments === 1 ? "" : "s"}
          </span>
        )}
        <span className={`rounded px-1.5 py-0.5 text-xs ring-1 ring-inset ${STATUS_BADGE[status]}`}>{STATUS_LABELS[status]}</span>
      </summary>
      {open && (
        <div className="space-y-3 border-t border-slate-200 px-3 py-3 text-sm dark:border-slate-800">
          {finding.values.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Values per environment</caption>
                <thead>
                  <tr className="text-xs text-slate-500">
                    {shown.map((env) => (
                      <th key={env} scope="col" className="px-2 py-1 font-medium">
                        {env}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr className="align-top">
                    {shown.map((env) => (
                      <td key={env} className="border-t border-slate-100 px-2 py-1.5 dark:border-slate-800">
                        <FindingValueText value={finding.values.find((v) => v.env === env)} />
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          )}
          <p className="rounded bg-emerald-50 px-2 py-1.5 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200">
            <span className="font-semibold">Fix: </span>
            <InlineCode text={finding.fix} />
          </p>
          {finding.locations.length > 0 && (
            <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Where it is written">
              {finding.locations.map((l) => (
                <li key={`${l.env}-${l.file}-${l.line}-${l.col}`}>
                  {fileAnchors.has(fileAnchorId({ env: l.env, file: l.file })) ? (
                  <a
                    href={`#${fileAnchorId({ env: l.env, file: l.file, line: l.line })}`}
                    className="font-mono text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 dark:text-indigo-300"
                  >
                    {l.env}: {l.file}:{l.line}
                  </a>
                  ) : (
                    <span className="font-mono text-slate-600 dark:text-slate-400">
                      {l.env}: {l.file}:{l.line}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="text-xs text-slate-500">
            <span className="font-mono">{finding.rule}</span> · factor {finding.factor} ({FACTORS[finding.factor as Factor]}) · key{" "}
            <span className="font-mono">{finding.key ?? "—"}</span> · id <span className="font-mono">{finding.id}</span>
          </p>
          {children}
        </div>
      )}
    </details>
  );
}
