"use client";
/**
 * Owner settings (expiry, revoke links, delete) under a fold. The owner token comes
 * from the upload page's sessionStorage hand-over (the same one the notice shows
 * once) or is pasted; it stays in memory and never goes into a URL.
 */
import { OwnerPanel } from "@/components/review/owner-panel";
import { useOwnerToken } from "./owner-token-notice";

export function OwnerSection({ id }: { id: string }) {
  const token = useOwnerToken(id);
  return (
    <details className="group rounded-lg border border-slate-200 dark:border-slate-800" open={token ? true : undefined} data-testid="owner-section">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-300 dark:hover:bg-slate-900">
        Owner settings <span className="font-normal text-slate-500">(expiry, revoke links, delete — needs the owner token)</span>
      </summary>
      <div className="p-2">
        {/* remount when the token arrives after hydration */}
        <OwnerPanel key={token ?? "none"} comparisonId={id} ownerToken={token} />
      </div>
    </details>
  );
}
