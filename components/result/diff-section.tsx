"use client";
/**
 * The Canonical model diff section: its heading is on the page at once; the models
 * (GET /api/comparisons/:id/models) and the diff code (`yaml` + jsdiff, a chunk of
 * its own) load when the section comes near the viewport, or at once when the link
 * points at it (`#diff`). Nothing of it is rendered on the server.
 */
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from "react";
import { z } from "zod";
import { useSectionData } from "./section-fetch";
import { SECTION_HEADING } from "./styles";
import { useNearViewport } from "./use-near-viewport";

const loadModelDiff = () => import("./model-diff");
const ModelDiff = lazy(() => loadModelDiff().then((m) => ({ default: m.ModelDiff })));

const revisionModelsSchema = z.object({ revision: z.number(), models: z.record(z.string(), z.unknown()) });

const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
const hashIsDiff = () => window.location.hash === "#diff";

function DiffPlaceholder({ text = "Loading the models…" }: { text?: string }) {
  return (
    <div className="flex h-40 items-center justify-center rounded-lg border border-slate-200 text-sm text-slate-500 dark:border-slate-800" data-testid="model-diff" aria-busy="true">
      {text}
    </div>
  );
}

export function DiffSection({ comparisonId, revision, reviewKey, envs }: { comparisonId: string; revision: number; reviewKey: string | null; envs: string[] }) {
  const ref = useRef<HTMLElement>(null);
  const linked = useSyncExternalStore(subscribeHash, hashIsDiff, () => false);
  const near = useNearViewport(ref, { force: linked });
  const { state, retry } = useSectionData({ enabled: near, comparisonId, path: "/models", revision, secret: reviewKey, schema: revisionModelsSchema });
  // the diff's code loads while the models do
  useEffect(() => {
    if (near) void loadModelDiff().catch(() => undefined);
  }, [near]);

  return (
    <section ref={ref} aria-labelledby="diff-heading" id="diff" className="scroll-mt-16 space-y-3" data-state={state.status}>
      <h2 id="diff-heading" className={SECTION_HEADING}>
        Canonical model diff
      </h2>
      <p className="text-sm text-slate-500">Each environment as Docker Compose resolves it (merged, interpolated, defaults applied; secrets masked).</p>
      {state.status === "ok" ? (
        <Suspense fallback={<DiffPlaceholder />}>
          <ModelDiff envs={envs} models={state.data.models} />
        </Suspense>
      ) : state.status === "error" ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          The models could not be loaded: {state.message}{" "}
          <button type="button" onClick={retry} className="underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            Try again
          </button>
        </p>
      ) : (
        <DiffPlaceholder />
      )}
    </section>
  );
}
