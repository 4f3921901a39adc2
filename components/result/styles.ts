/** Shared Tailwind class names of the result page (severity colours, role badges, score). */
import type { Severity } from "@/lib/parity/roles";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

export const SEVERITY_BADGE: Record<Severity, string> = {
  critical: "bg-fuchsia-100 text-fuchsia-900 ring-fuchsia-300 dark:bg-fuchsia-950 dark:text-fuchsia-200 dark:ring-fuchsia-800",
  high: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  medium: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  low: "bg-yellow-100 text-yellow-900 ring-yellow-300 dark:bg-yellow-950 dark:text-yellow-200 dark:ring-yellow-800",
  info: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

export const ROLE_BADGE: Record<string, string> = {
  development: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  staging: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  production: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  other: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
};

export function scoreClass(score: number): string {
  if (score >= 80) return "text-emerald-700 ring-emerald-300 bg-emerald-50 dark:text-emerald-300 dark:bg-emerald-950 dark:ring-emerald-800";
  if (score >= 50) return "text-amber-700 ring-amber-300 bg-amber-50 dark:text-amber-300 dark:bg-amber-950 dark:ring-amber-800";
  return "text-red-700 ring-red-300 bg-red-50 dark:text-red-300 dark:bg-red-950 dark:ring-red-800";
}

export function scoreWord(score: number): string {
  return score >= 80 ? "good" : score >= 50 ? "fair" : "poor";
}

export const SECTION_HEADING = "text-lg font-semibold tracking-tight";
export const CARD = "rounded-lg border border-slate-200 dark:border-slate-800";
export const SELECT =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900";
