/** Environment variables per service: keys × environments, differences highlighted, secrets only masked. */
import type { EnvCell, ServiceEnvMatrix } from "@/lib/view/build-env-matrix";
import { CARD, SECTION_HEADING } from "./styles";

const DIFF_ROW = "bg-amber-50 dark:bg-amber-950/40";

function CellValue({ cell }: { cell: EnvCell }) {
  switch (cell.state) {
    case "set":
      return <span className="font-mono text-xs">{cell.value}</span>;
    case "secret":
      return (
        <span className="rounded bg-slate-100 px-1 font-mono text-xs text-fuchsia-800 dark:bg-slate-800 dark:text-fuchsia-300" title="secret (masked)">
          {cell.value}
        </span>
      );
    case "empty":
      return <span className="text-xs italic text-slate-500">empty</span>;
    case "missing":
      return <span className="text-xs font-medium italic text-red-700 dark:text-red-400">missing</span>;
    case "unknown":
      return (
        <span className="text-xs italic text-amber-700 dark:text-amber-400" title="comes from an env file that was not uploaded">
          unknown
        </span>
      );
    case "no-service":
      return <span className="text-xs italic text-slate-400">no service</span>;
  }
}

export function EnvMatrix({ matrices }: { matrices: ServiceEnvMatrix[] }) {
  return (
    <section aria-labelledby="env-heading" id="env" className="scroll-mt-16 space-y-3">
      <h2 id="env-heading" className={SECTION_HEADING}>
        Environment variables
      </h2>
      {matrices.length === 0 && <p className="text-sm text-slate-500">No service sets environment variables.</p>}
      {matrices.map((m) => (
        <details key={m.service} open={m.differing > 0} className={`${CARD} group`} data-env-service={m.service}>
          <summary className="flex cursor-pointer items-baseline gap-2 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            <span className="font-mono font-semibold">{m.service}</span>
            <span className="text-slate-500">
              {m.keys.length} key{m.keys.length === 1 ? "" : "s"}
              {m.differing > 0 && <span className="ml-1 text-amber-700 dark:text-amber-400">· {m.differing} differ</span>}
            </span>
          </summary>
          <div className="overflow-x-auto border-t border-slate-200 dark:border-slate-800">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Environment variables of {m.service}</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
                <tr>
                  <th scope="col" className="px-3 py-1.5">
                    Key
                  </th>
                  {m.envs.map((env) => (
                    <th key={env} scope="col" className="px-3 py-1.5">
                      {env}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.keys.map((k) => (
                  <tr key={k.key} className={`border-t border-slate-100 align-top dark:border-slate-800 ${k.differs ? DIFF_ROW : ""}`} data-key={k.key} data-differs={k.differs || undefined}>
                    <th scope="row" className="px-3 py-1 font-mono text-xs font-medium">
                      {k.key}
                      {k.differs && <span className="ml-1 text-amber-700 dark:text-amber-400" aria-label="differs">≠</span>}
                    </th>
                    {k.cells.map((c) => (
                      <td key={c.env} className="break-all px-3 py-1" data-state={c.state}>
                        <CellValue cell={c} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </section>
  );
}
