/** Services × environments: the settings a reviewer compares, differing cells highlighted, renames marked. */
import type { ServiceMatrix } from "@/lib/view/build-service-matrix";
import { CARD, SECTION_HEADING } from "./styles";

const DIFF_CELL = "bg-amber-50 ring-1 ring-inset ring-amber-300 dark:bg-amber-950/50 dark:ring-amber-800";

export function ServicesMatrix({ matrix }: { matrix: ServiceMatrix }) {
  return (
    <section aria-labelledby="services-heading" id="services" className="scroll-mt-16 space-y-3">
      <h2 id="services-heading" className={SECTION_HEADING}>
        Services
      </h2>
      <p className="text-sm text-slate-500">
        <span className={`inline-block h-3 w-3 rounded-sm align-middle ${DIFF_CELL}`} aria-hidden /> differs between environments ·{" "}
        <span className="italic">absent</span> = not in that environment
      </p>
      <div className={`${CARD} overflow-x-auto`}>
        <table className="w-full min-w-[40rem] border-collapse text-left text-sm" data-testid="services-matrix">
          <caption className="sr-only">Services by environment</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              <th scope="col" className="w-28 px-3 py-2 sm:w-40">
                Service
              </th>
              <th scope="col" className="w-20 px-3 py-2 sm:w-24">
                Setting
              </th>
              {matrix.envs.map((env) => (
                <th key={env} scope="col" className="px-3 py-2">
                  {env}
                </th>
              ))}
            </tr>
          </thead>
          {matrix.rows.map((row) => (
            <tbody key={row.id} className="border-t border-slate-200 dark:border-slate-800" data-service={row.id}>
              <tr>
                <th scope="rowgroup" rowSpan={row.fields.length + 1} className="px-3 py-2 align-top">
                  <div className="font-mono text-sm font-semibold">{row.id}</div>
                  <div className="mt-0.5 flex flex-wrap gap-1 text-xs font-normal">
                    <span className="rounded bg-slate-100 px-1 text-slate-600 dark:bg-slate-800 dark:text-slate-300">{row.kind}</span>
                    {row.renamed && (
                      <span className="rounded bg-violet-100 px-1 text-violet-800 dark:bg-violet-950 dark:text-violet-200" title="matched across a rename">
                        renamed
                      </span>
                    )}
                    {row.partial && <span className="rounded bg-red-100 px-1 text-red-800 dark:bg-red-950 dark:text-red-200">not everywhere</span>}
                  </div>
                </th>
                <td className="px-3 py-1.5 text-xs text-slate-500">name</td>
                {row.cells.map((c) => (
                  <td key={c.env} className={`px-3 py-1.5 ${c.state !== "present" && row.partial ? DIFF_CELL : ""}`}>
                    {c.state === "present" ? (
                      <span className="font-mono text-xs">
                        {c.name}
                        {row.renamed && c.name !== row.id && <span className="ml-1 text-violet-700 dark:text-violet-300">(renamed)</span>}
                      </span>
                    ) : (
                      <span className="text-xs italic text-slate-400">{c.state === "inactive" ? "inactive (profile)" : c.state}</span>
                    )}
                  </td>
                ))}
              </tr>
              {row.fields.map((f) => (
                <tr key={f.label} className="align-top" data-field={f.label} data-differs={f.differs || undefined}>
                  <td className="px-3 py-1.5 text-xs text-slate-500">
                    {f.label}
                    {f.differs && <span className="sr-only"> (differs)</span>}
                  </td>
                  {f.values.map((v, i) => (
                    <td key={matrix.envs[i]} className={`whitespace-pre-wrap break-all px-3 py-1.5 font-mono text-xs ${f.differs && row.cells[i]?.state === "present" ? DIFF_CELL : ""}`}>
                      {v ?? (row.cells[i]?.state === "present" ? <span className="font-sans italic text-slate-400">—</span> : "")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
