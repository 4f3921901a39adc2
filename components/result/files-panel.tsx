/** The uploaded files (redacted) per environment, in load order; findings link to their lines. */
import type { ViewEnvironment } from "@/lib/view/view-types";
import { fileAnchorId } from "@/lib/view/file-anchor";
import { SourceView } from "./source-view";
import { CARD, ROLE_BADGE, SECTION_HEADING } from "./styles";

export function FilesPanel({ environments }: { environments: ViewEnvironment[] }) {
  return (
    <section aria-labelledby="files-heading" id="files" className="scroll-mt-16 space-y-3">
      <h2 id="files-heading" className={SECTION_HEADING}>
        Files
      </h2>
      <p className="text-sm text-slate-500">As uploaded, with secret values masked in place (line numbers unchanged).</p>
      {environments.map((env) => (
        <div key={env.name} className="space-y-2">
          <h3 className="flex items-center gap-2 text-sm font-semibold">
            {env.name}
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ROLE_BADGE[env.role] ?? ROLE_BADGE.other}`}>{env.role}</span>
          </h3>
          {env.files.map((f) => (
            <details key={`${f.path}-${f.name}`} open className={`${CARD} overflow-hidden`} id={fileAnchorId({ env: env.name, file: f.path })}>
              <summary className="flex cursor-pointer flex-wrap items-baseline gap-2 bg-white px-3 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:bg-slate-950">
                <span className="font-mono font-medium">{f.name}</span>
                {f.path !== f.name && <span className="font-mono text-xs text-slate-500">as {f.path}</span>}
                <span className="ml-auto text-xs text-slate-500">
                  {f.kind} · {f.content.split("\n").length} lines
                </span>
              </summary>
              <SourceView env={env.name} path={f.path} kind={f.kind} content={f.content} />
            </details>
          ))}
        </div>
      ))}
    </section>
  );
}
