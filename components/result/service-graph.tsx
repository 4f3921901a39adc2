"use client";
/**
 * The service graph of one environment (dagre layout, @xyflow/react), or two overlaid:
 * the union graph, each node and edge coloured by which environment has it.
 * Loaded on demand by GraphSection (its own chunk: neither React Flow nor dagre is
 * part of the page's first load, nor rendered on the server).
 */
import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { useId, useMemo, useState, useSyncExternalStore } from "react";
import { countEdgeKinds, EDGE_KINDS, layoutGraph, type EdgeKind, type GraphSource, type GraphViewNode } from "@/lib/view/layout-graph";
import { SELECT } from "./styles";

type Presence = "both" | "a" | "b" | "single";
type ServiceNodeData = { node: GraphViewNode; presence: Presence; note: string | null };
type ServiceNode = Node<ServiceNodeData, "service">;

const CATEGORY_STYLE: Record<GraphViewNode["category"], string> = {
  app: "bg-white dark:bg-slate-900",
  backing: "bg-teal-50 dark:bg-teal-950",
  external: "bg-slate-100 dark:bg-slate-800 rounded-full",
};
const PRESENCE_BORDER: Record<Presence, string> = {
  single: "border-slate-400 dark:border-slate-500",
  both: "border-slate-400 dark:border-slate-500",
  a: "border-sky-500 border-2",
  b: "border-orange-500 border-2",
};
const EDGE_COLOR: Record<Presence, string> = { single: "#64748b", both: "#64748b", a: "#0ea5e9", b: "#f97316" };

function ServiceNodeView({ data }: NodeProps<ServiceNode>) {
  const { node, presence, note } = data;
  return (
    <div
      className={`flex h-[56px] w-[180px] flex-col justify-center rounded-md border px-2 text-left text-xs shadow-sm ${CATEGORY_STYLE[node.category]} ${PRESENCE_BORDER[presence]} ${
        presence === "single" && node.partial ? "border-dashed border-2" : ""
      }`}
      data-node={node.id}
      data-presence={presence}
    >
      <Handle type="target" position={Position.Left} className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-slate-400" />
      <div className="flex items-center gap-1">
        <span className="truncate font-mono font-semibold text-slate-900 dark:text-slate-100">{node.label}</span>
        <span className="ml-auto shrink-0 rounded bg-slate-200/70 px-1 text-[10px] text-slate-600 dark:bg-slate-700 dark:text-slate-300">
          {node.category === "external" ? "external" : node.kind}
        </span>
      </div>
      <div className="truncate text-[10px] text-slate-500 dark:text-slate-400">{note ?? node.detail ?? ""}</div>
      <Handle type="source" position={Position.Right} className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-slate-400" />
    </div>
  );
}

const nodeTypes = { service: ServiceNodeView };

/** The page's dark mode is class-based (`.dark` on <html>, app/globals.css); the canvas follows it. */
function subscribeDarkClass(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isDarkClass = () => document.documentElement.classList.contains("dark");

const EDGE_KIND_LABEL: Record<EdgeKind, string> = { depends_on: "depends on", links: "links", network: "shared network", "env-url": "env URLs" };
/** above this many, shared-network edges (every pair on a network) start hidden: they bury the dependencies */
const MAX_NETWORK_EDGES_SHOWN = 12;

export function ServiceGraph({ result }: { result: GraphSource }) {
  const envs = result.environments.filter((e) => e.status === "loaded").map((e) => e.name);
  const [envA, setEnvA] = useState(envs[0] ?? "");
  const [overlay, setOverlay] = useState(false);
  const [envB, setEnvB] = useState(envs[1] ?? envs[0] ?? "");
  const ids = useId();
  const dark = useSyncExternalStore(subscribeDarkClass, isDarkClass, () => false);
  const [hiddenKinds, setHiddenKinds] = useState<EdgeKind[]>(() =>
    Object.keys(result.graph).some((env) => countEdgeKinds({ result, envs: [env] }).network > MAX_NETWORK_EDGES_SHOWN) ? ["network"] : [],
  );
  // the overlay environment is never the base one
  const other = envB !== envA ? envB : (envs.find((e) => e !== envA) ?? null);
  const second = overlay ? other : null;
  const view = useMemo(() => {
    const loaded = result.environments.filter((e) => e.status === "loaded").map((e) => e.name);
    const b = envB !== envA ? envB : loaded.find((e) => e !== envA);
    return layoutGraph({ result, envs: overlay && b ? [envA, b] : [envA], edgeKinds: EDGE_KINDS.filter((k) => !hiddenKinds.includes(k)) });
  }, [result, envA, envB, overlay, hiddenKinds]);
  const kindCounts = countEdgeKinds({ result, envs: view.envs });
  const shown = view.envs;

  const presenceOf = (shownIn: string[]): Presence =>
    shown.length === 1 ? "single" : shownIn.length === 2 ? "both" : shownIn[0] === envA ? "a" : "b";
  const onlyNote = (presentIn: string[], partial: boolean): string | null =>
    partial ? `only in ${presentIn.join(", ")}` : null;

  const nodes: ServiceNode[] = view.nodes.map((n) => ({
    id: n.id,
    type: "service",
    position: { x: n.x, y: n.y },
    data: { node: n, presence: presenceOf(n.shownIn), note: onlyNote(n.presentIn, n.partial) },
    draggable: true,
    connectable: false,
  }));
  // parallel edges (depends_on and an env URL between the same two services) are drawn as one, labels joined
  const merged = new Map<string, { id: string; from: string; to: string; labels: string[]; kinds: string[]; shownIn: string[]; partial: boolean }>();
  for (const e of view.edges) {
    const key = `${e.from}\u0000${e.to}\u0000${e.shownIn.join(",")}\u0000${e.partial}`;
    const m = merged.get(key);
    if (m) {
      m.labels.push(e.label);
      m.kinds.push(e.kind);
    } else merged.set(key, { id: e.id, from: e.from, to: e.to, labels: [e.label], kinds: [e.kind], shownIn: e.shownIn, partial: e.partial });
  }
  const edges: Edge[] = [...merged.values()].map((e) => {
    const presence = presenceOf(e.shownIn);
    const color = EDGE_COLOR[presence];
    const onlyEnvUrl = e.kinds.every((k) => k === "env-url");
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      label: e.labels.join(" · "),
      style: { stroke: color, strokeWidth: presence === "a" || presence === "b" ? 2 : 1.25, strokeDasharray: onlyEnvUrl || (presence === "single" && e.partial) ? "5 4" : undefined },
      labelStyle: { fontSize: 10, fill: color },
      labelBgStyle: { fillOpacity: 0.85 },
      markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
      data: { presence },
    };
  });

  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1.5" htmlFor={`${ids}-a`}>
          <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Environment</span>
        </label>
        <select id={`${ids}-a`} className={SELECT} value={envA} onChange={(e) => setEnvA(e.target.value)}>
          {envs.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} className="h-4 w-4 accent-indigo-600" disabled={envs.length < 2} />
          Overlay with
        </label>
        <select aria-label="Overlay environment" className={SELECT} value={other ?? ""} onChange={(e) => setEnvB(e.target.value)} disabled={!overlay}>
          {envs
            .filter((e) => e !== envA)
            .map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
        </select>
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <legend className="sr-only">Edges to draw</legend>
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500" aria-hidden>
          Edges
        </span>
        {EDGE_KINDS.filter((k) => kindCounts[k] > 0).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input
              type="checkbox"
              className="h-4 w-4 accent-indigo-600"
              checked={!hiddenKinds.includes(k)}
              onChange={(e) => setHiddenKinds(e.target.checked ? hiddenKinds.filter((x) => x !== k) : [...hiddenKinds, k])}
            />
            {EDGE_KIND_LABEL[k]} <span className="text-xs tabular-nums text-slate-500">{kindCounts[k]}</span>
          </label>
        ))}
      </fieldset>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
        <li><span className="mr-1 inline-block h-3 w-5 rounded-sm border border-slate-400 bg-white align-middle dark:bg-slate-900" />service</li>
        <li><span className="mr-1 inline-block h-3 w-5 rounded-sm border border-slate-400 bg-teal-50 align-middle dark:bg-teal-950" />backing service</li>
        <li><span className="mr-1 inline-block h-3 w-5 rounded-full border border-slate-400 bg-slate-100 align-middle dark:bg-slate-800" />external</li>
        {shown.length === 2 ? (
          <>
            <li><span className="mr-1 inline-block h-3 w-5 rounded-sm border-2 border-sky-500 align-middle" />only in {envA}</li>
            <li><span className="mr-1 inline-block h-3 w-5 rounded-sm border-2 border-orange-500 align-middle" />only in {second}</li>
          </>
        ) : (
          <li><span className="mr-1 inline-block h-3 w-5 rounded-sm border-2 border-dashed border-slate-400 align-middle" />not in every environment</li>
        )}
        <li><span className="mr-1 inline-block w-5 border-t border-dashed border-slate-500 align-middle" />env URL</li>
      </ul>
      <div
        className={`${view.nodes.length > 12 ? "h-[640px]" : "h-[420px]"} rounded-lg border border-slate-200 dark:border-slate-800`}
        data-testid="service-graph"
        data-envs={shown.join(",")}
      >
        <ReactFlow
          key={shown.join(",")}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          colorMode={dark ? "dark" : "light"}
          fitView
          // large graphs open at a readable zoom around their centre (pan, or use the fit button)
          fitViewOptions={{ padding: 0.15, minZoom: 0.5 }}
          minZoom={0.1}
          nodesConnectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-400">Graph as a list</summary>
        <ul className="mt-2 space-y-0.5 font-mono text-xs" data-testid="graph-edges">
          {view.nodes.map((n) => (
            <li key={n.id}>
              {n.label} ({n.category}) — in {n.shownIn.join(" + ")}
            </li>
          ))}
          {view.edges.map((e) => (
            <li key={e.id}>
              {e.from} → {e.to} [{e.label}] — in {e.shownIn.join(" + ")}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
