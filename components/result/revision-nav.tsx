/** Links to the comparison's revisions (`?revision=N`), the shown one marked. */
export function RevisionNav({ id, revisions, current }: { id: string; revisions: { number: number; score: number }[]; current: number }) {
  if (revisions.length < 2) return null;
  const latest = revisions.at(-1)?.number;
  return (
    <nav aria-label="Revisions" className="flex flex-wrap items-center gap-1 text-xs">
      <span className="font-semibold uppercase tracking-wide text-slate-500">Revision</span>
      {revisions.map((r) => (
        <a
          key={r.number}
          href={r.number === latest ? `/c/${encodeURIComponent(id)}` : `/c/${encodeURIComponent(id)}?revision=${r.number}`}
          aria-current={r.number === current ? "page" : undefined}
          title={`revision ${r.number}: score ${r.score}`}
          className={`rounded px-1.5 py-0.5 tabular-nums focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
            r.number === current ? "bg-indigo-600 text-white" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          }`}
        >
          {r.number}
        </a>
      ))}
    </nav>
  );
}
