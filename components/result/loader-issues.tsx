/** What the loader reported while reading the files (errors open, warnings and notes folded). */
import type { ParityResult } from "@/lib/parity/result-schema";

const TONE = {
  error: "text-red-800 dark:text-red-300",
  warning: "text-amber-800 dark:text-amber-300",
  info: "text-slate-600 dark:text-slate-400",
} as const;

export function LoaderIssues({ issues }: { issues: ParityResult["issues"] }) {
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  return (
    <details
      open={errors > 0}
      className={`rounded-lg border p-3 text-sm ${errors ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/60" : "border-slate-200 dark:border-slate-800"}`}
      data-testid="loader-issues"
    >
      <summary className="cursor-pointer font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        Loader notes: {errors ? `${errors} error${errors === 1 ? "" : "s"}, ` : ""}
        {warnings} warning{warnings === 1 ? "" : "s"}
        {issues.length - errors - warnings ? `, ${issues.length - errors - warnings} note${issues.length - errors - warnings === 1 ? "" : "s"}` : ""}
      </summary>
      <ul className="mt-2 space-y-1">
        {issues.slice(0, 200).map((i, n) => (
          <li key={n} className={TONE[i.severity]}>
            <span className="font-mono text-xs">
              {i.env}
              {i.file ? ` · ${i.file}${i.line ? `:${i.line}` : ""}` : ""} · {i.code}
            </span>{" "}
            {i.message}
          </li>
        ))}
        {issues.length > 200 && <li className="text-slate-500">… and {issues.length - 200} more</li>}
      </ul>
    </details>
  );
}
