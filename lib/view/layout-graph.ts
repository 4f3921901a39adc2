/**
 * The service graph of one environment, or the union of two (overlay), laid out
 * with dagre. Node ids are the matched service ids (so a renamed service is one
 * node); each node and edge says which environments have it, among the shown ones
 * and among all loaded environments.
 */
import dagre from "@dagrejs/dagre";
import type { ParityResult } from "@/lib/parity/result-schema";

export type NodeCategory = "app" | "backing" | "external";

const BACKING_KINDS = new Set(["database", "cache", "queue", "search", "storage", "mail"]);

export interface GraphViewNode {
  id: string;
  label: string;
  category: NodeCategory;
  kind: string;
  detail: string | null;
  /** shown environments that have it */
  shownIn: string[];
  /** loaded environments that have it */
  presentIn: string[];
  /** missing from at least one loaded environment */
  partial: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphViewEdge {
  id: string;
  from: string;
  to: string;
  kind: "depends_on" | "links" | "network" | "env-url";
  label: string;
  shownIn: string[];
  presentIn: string[];
  partial: boolean;
}

export interface GraphView {
  envs: string[];
  nodes: GraphViewNode[];
  edges: GraphViewEdge[];
  width: number;
  height: number;
}

/**
 * What the graph needs from a parity result: its environments, the matched services
 * (ids, kinds, per-environment names) and each environment's graph. The result page
 * sends only this to the browser (toGraphSource), not the whole result.
 */
export interface GraphSource {
  environments: Pick<ParityResult["environments"][number], "name" | "status">[];
  services: { id: string; kind: string; cells: { env: string; name: string | null }[] }[];
  graph: ParityResult["graph"];
}

export function toGraphSource(result: ParityResult): GraphSource {
  return {
    environments: result.environments.map((e) => ({ name: e.name, status: e.status })),
    services: result.services.map((s) => ({ id: s.id, kind: s.kind, cells: s.cells.map((c) => ({ env: c.env, name: c.name })) })),
    graph: result.graph,
  };
}

export type EdgeKind = GraphViewEdge["kind"];
export const EDGE_KINDS: readonly EdgeKind[] = ["depends_on", "links", "network", "env-url"];

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;

/** How many edges of each kind the shown environments have (to choose which kinds to draw). */
export function countEdgeKinds({ result, envs }: { result: GraphSource; envs: string[] }): Record<EdgeKind, number> {
  const counts: Record<EdgeKind, number> = { depends_on: 0, links: 0, network: 0, "env-url": 0 };
  for (const env of envs) for (const e of result.graph[env]?.edges ?? []) counts[e.kind]++;
  return counts;
}

export function layoutGraph({
  result,
  envs,
  edgeKinds = EDGE_KINDS,
}: {
  result: GraphSource;
  envs: string[];
  /** edge kinds to draw (and lay out by); all by default */
  edgeKinds?: readonly EdgeKind[];
}): GraphView {
  const loaded = result.environments.filter((e) => e.status === "loaded" && result.graph[e.name]).map((e) => e.name);
  const shown = envs.filter((e) => loaded.includes(e));
  // env-specific service name → matched service id
  const idOf = (env: string, name: string): string => result.services.find((r) => r.cells.some((c) => c.env === env && c.name === name))?.id ?? name;
  const kindOf = (id: string): string => result.services.find((r) => r.id === id)?.kind ?? "other";

  const nodes = new Map<string, Omit<GraphViewNode, "x" | "y" | "width" | "height" | "partial">>();
  const edges = new Map<string, Omit<GraphViewEdge, "partial">>();
  for (const env of loaded) {
    const g = result.graph[env];
    if (!g) continue;
    const isShown = shown.includes(env);
    for (const n of g.nodes) {
      const id = n.kind === "external" ? `external:${n.host ?? n.id}` : idOf(env, n.id);
      const existing = nodes.get(id);
      if (existing) {
        if (!existing.presentIn.includes(env)) existing.presentIn.push(env);
        if (isShown && !existing.shownIn.includes(env)) existing.shownIn.push(env);
        continue;
      }
      const kind = n.kind === "external" ? "external" : kindOf(id);
      nodes.set(id, {
        id,
        label: n.kind === "external" ? (n.host ?? n.id) : id,
        category: n.kind === "external" ? "external" : BACKING_KINDS.has(kind) ? "backing" : "app",
        kind,
        detail: n.image ?? (n.build ? `build ${n.build}` : null),
        shownIn: isShown ? [env] : [],
        presentIn: [env],
      });
    }
    const nodeId = (name: string): string => {
      const n = g.nodes.find((x) => x.id === name);
      return n?.kind === "external" ? `external:${n.host ?? n.id}` : idOf(env, name);
    };
    for (const e of g.edges) {
      const from = nodeId(e.from);
      const to = nodeId(e.to);
      const id = `${from}\u0000${to}\u0000${e.kind}\u0000${e.via ?? ""}`;
      const existing = edges.get(id);
      if (existing) {
        if (!existing.presentIn.includes(env)) existing.presentIn.push(env);
        if (isShown && !existing.shownIn.includes(env)) existing.shownIn.push(env);
        continue;
      }
      const label = e.kind === "depends_on" ? "depends on" : e.kind === "env-url" ? (e.via ?? "env") : e.kind === "network" ? `net ${e.via ?? ""}`.trim() : e.kind;
      edges.set(id, { id, from, to, kind: e.kind, label, shownIn: isShown ? [env] : [], presentIn: [env] });
    }
  }

  const visibleNodes = [...nodes.values()].filter((n) => n.shownIn.length > 0);
  const visibleEdges = [...edges.values()].filter((e) => edgeKinds.includes(e.kind) && e.shownIn.length > 0 && nodes.get(e.from)?.shownIn.length && nodes.get(e.to)?.shownIn.length);

  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 80, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of visibleNodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of visibleEdges) g.setEdge(e.from, e.to, { label: e.label, width: 60, height: 16 }, e.id);
  dagre.layout(g);
  const graph = g.graph();

  return {
    envs: shown,
    nodes: visibleNodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, partial: n.presentIn.length < loaded.length, x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT };
    }),
    edges: visibleEdges.map((e) => ({ ...e, partial: e.presentIn.length < loaded.length })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
