"use client";
/**
 * The Service graph section: its heading is on the page at once; the graph itself
 * (React Flow + dagre, a chunk of its own) loads when the section comes near the
 * viewport, or at once when the link points at it (`#graph`). Nothing of it is
 * rendered on the server.
 */
import { lazy, Suspense, useRef, useSyncExternalStore } from "react";
import type { GraphSource } from "@/lib/view/layout-graph";
import { SECTION_HEADING } from "./styles";
import { useNearViewport } from "./use-near-viewport";

const ServiceGraph = lazy(() => import("./service-graph").then((m) => ({ default: m.ServiceGraph })));

function GraphPlaceholder({ big }: { big: boolean }) {
  return (
    <div
      className={`${big ? "h-[640px]" : "h-[420px]"} flex items-center justify-center rounded-lg border border-slate-200 text-sm text-slate-500 dark:border-slate-800`}
      data-testid="service-graph"
      aria-busy="true"
    >
      Loading the service graph…
    </div>
  );
}

const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
const hashIsGraph = () => window.location.hash === "#graph";

export function GraphSection({ source }: { source: GraphSource }) {
  const ref = useRef<HTMLElement>(null);
  const linked = useSyncExternalStore(subscribeHash, hashIsGraph, () => false);
  const near = useNearViewport(ref, { force: linked });
  const big = Math.max(0, ...Object.values(source.graph).map((g) => g.nodes.length)) > 12;
  const placeholder = <GraphPlaceholder big={big} />;
  return (
    <section ref={ref} aria-labelledby="graph-heading" id="graph" className="scroll-mt-16 space-y-3">
      <h2 id="graph-heading" className={SECTION_HEADING}>
        Service graph
      </h2>
      {near ? (
        <Suspense fallback={placeholder}>
          <ServiceGraph result={source} />
        </Suspense>
      ) : (
        placeholder
      )}
    </section>
  );
}
