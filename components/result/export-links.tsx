/** Export buttons: the report routes as downloads. */
const FORMATS = [
  { ext: "json", label: "JSON" },
  { ext: "md", label: "Markdown" },
  { ext: "sarif", label: "SARIF" },
] as const;

export function ExportLinks({ id, revision }: { id: string; revision?: number }) {
  const qs = revision ? `?revision=${revision}` : "";
  return (
    <nav aria-label="Export" className="flex flex-wrap items-center gap-1.5">
      <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Export</span>
      {FORMATS.map((f) => (
        <a
          key={f.ext}
          href={`/api/comparisons/${encodeURIComponent(id)}/report.${f.ext}${qs}`}
          download={`compose-parity-${id}.${f.ext}`}
          className="rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {f.label}
        </a>
      ))}
    </nav>
  );
}
