"use client";
/**
 * The uploaded files (redacted) per environment, in load order; findings link to
 * their lines (`#file-<env>-<file>-L<line>`). The outline (names, kinds, line counts)
 * comes with the page; the contents are fetched from GET /api/comparisons/:id/files
 * and highlighted in the browser when the section comes near the viewport, or at
 * once when the link points at a file line — the line is then scrolled to and
 * targeted (`:target`) as if it had been on the page from the start.
 */
import { useEffect, useRef, useSyncExternalStore } from "react";
import { z } from "zod";
import { fileAnchorId } from "@/lib/view/file-anchor";
import { useSectionData } from "./section-fetch";
import { SourceView } from "./source-view";
import { CARD, ROLE_BADGE, SECTION_HEADING } from "./styles";
import { useNearViewport } from "./use-near-viewport";

export interface FilesOutline {
  name: string;
  role: string;
  files: { name: string; path: string; kind: string; lines: number }[];
}

const revisionFilesSchema = z.object({
  revision: z.number(),
  environments: z.array(z.object({ name: z.string(), files: z.array(z.object({ name: z.string(), path: z.string(), kind: z.string(), content: z.string() })) })),
});

const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
const hashIsFileLine = () => /^#file-.+-L\d+$/.test(window.location.hash);

/**
 * Re-navigates to the current fragment once its element exists, so the browser
 * scrolls to it and `:target` matches. Two fragment navigations (to the empty
 * fragment, then back), both replacing the history entry: the App Router keeps out
 * of fragment navigations, whereas it would rewrite a `history.replaceState` URL.
 */
function retarget(): void {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const el = id ? document.getElementById(id) : null;
  if (!el || document.querySelector(":target") === el) return;
  const url = window.location.href;
  window.location.replace(`${url.slice(0, url.indexOf("#"))}#`);
  window.location.replace(url);
}

export function FilesPanel({ comparisonId, revision, reviewKey, environments }: { comparisonId: string; revision: number; reviewKey: string | null; environments: FilesOutline[] }) {
  const ref = useRef<HTMLElement>(null);
  const linked = useSyncExternalStore(subscribeHash, hashIsFileLine, () => false);
  const near = useNearViewport(ref, { force: linked });
  const { state, retry } = useSectionData({ enabled: near, comparisonId, path: "/files", revision, secret: reviewKey, schema: revisionFilesSchema });

  useEffect(() => {
    if (state.status === "ok") retarget();
  }, [state.status]);

  const contentOf = (env: string, path: string, name: string): string | null => {
    if (state.status !== "ok") return null;
    return state.data.environments.find((e) => e.name === env)?.files.find((f) => f.path === path && f.name === name)?.content ?? null;
  };

  return (
    <section ref={ref} aria-labelledby="files-heading" id="files" className="scroll-mt-16 space-y-3" data-state={state.status}>
      <h2 id="files-heading" className={SECTION_HEADING}>
        Files
      </h2>
      <p className="text-sm text-slate-500">As uploaded, with secret values masked in place (line numbers unchanged).</p>
      {state.status === "error" && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          The files could not be loaded: {state.message}{" "}
          <button type="button" onClick={retry} className="underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            Try again
          </button>
        </p>
      )}
      {environments.map((env) => (
        <div key={env.name} className="space-y-2">
          <h3 className="flex items-center gap-2 text-sm font-semibold">
            {env.name}
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ROLE_BADGE[env.role] ?? ROLE_BADGE.other}`}>{env.role}</span>
          </h3>
          {env.files.map((f) => {
            const content = contentOf(env.name, f.path, f.name);
            return (
              <details key={`${f.path}-${f.name}`} open className={`${CARD} overflow-hidden`} id={fileAnchorId({ env: env.name, file: f.path })}>
                <summary className="flex cursor-pointer flex-wrap items-baseline gap-2 bg-white px-3 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:bg-slate-950">
                  <span className="font-mono font-medium">{f.name}</span>
                  {f.path !== f.name && <span className="font-mono text-xs text-slate-500">as {f.path}</span>}
                  <span className="ml-auto text-xs text-slate-500">
                    {f.kind} · {f.lines} lines
                  </span>
                </summary>
                {content === null ? (
                  // the same height as the lines to come (leading-5), so nothing jumps when they arrive
                  <div className="bg-slate-50 py-1 text-xs leading-5 text-slate-400 dark:bg-slate-900/60" style={{ height: f.lines * 20 + 8 }} aria-busy={state.status !== "error"}>
                    <span className="px-3">{state.status === "error" ? "Not loaded." : "Loading…"}</span>
                  </div>
                ) : (
                  <SourceView env={env.name} path={f.path} kind={f.kind} content={content} />
                )}
              </details>
            );
          })}
        </div>
      ))}
    </section>
  );
}
