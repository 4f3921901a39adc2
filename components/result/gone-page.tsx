import Link from "next/link";

// A page cannot set its HTTP status in the App Router (only notFound/redirect can), so this
// answers 200 with `noindex`; a 410 status needs the proxy (proxy.ts) or the JSON API.

/** Shown instead of a comparison that expired or whose view link was revoked. */
export function GonePage({ reason }: { reason: "expired" | "revoked" }) {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-16 text-center" data-testid="comparison-gone">
      <p className="font-mono text-sm uppercase tracking-wide text-slate-500">Gone</p>
      <h1 className="text-2xl font-bold tracking-tight">This comparison is gone</h1>
      <p className="text-slate-600 dark:text-slate-400">
        {reason === "expired" ? "Its link has expired." : "Its owner revoked this link."} Ask its owner for a new link, or start a new comparison.
      </p>
      <Link href="/" className="inline-block rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        New comparison
      </Link>
    </div>
  );
}
