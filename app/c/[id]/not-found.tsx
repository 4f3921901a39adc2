import Link from "next/link";

export default function ComparisonNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <p className="font-mono text-sm text-slate-500">404</p>
      <h1 className="text-2xl font-bold tracking-tight">Comparison not found</h1>
      <p className="text-slate-600 dark:text-slate-400">There is no comparison at this link. Check that you copied the whole link, or start a new comparison.</p>
      <Link href="/" className="inline-block rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        New comparison
      </Link>
    </div>
  );
}
