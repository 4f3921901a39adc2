/**
 * The service graph of one environment: services as nodes; `depends_on`, `links`,
 * shared non-default networks and service references found in env values as edges.
 * Hosts in env URLs that are neither a service nor local become `external` nodes
 * (a managed database, a SaaS API), which is what Twelve-Factor calls backing services.
 */
import type { ComposeProject, GraphEdge, GraphNode, PortConfig, ServiceConfig, ServiceGraph } from "./model";

export interface BuildGraphOptions {
  project: ComposeProject;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "host.docker.internal", "::", "[::]"]);
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s@/?#]*@)?(\[[^\]\s]+\]|[^\s:/?#,;'"@]+)(?::(\d+))?/gi;
const HOST_PORT = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(\d{1,5})$/;
const HOST_KEY = /(^|_)(HOST|HOSTNAME|SERVER|ADDR|ADDRESS|ENDPOINT)$/i;
/** a network shared by more members than this is treated like `default` (it says nothing about who talks to whom) */
export const MAX_NETWORK_MEMBERS_FOR_EDGES = 12;

export function formatPort(p: PortConfig): string {
  const host = p.host_ip ? `${p.host_ip.includes(":") ? `[${p.host_ip}]` : p.host_ip}:` : "";
  const published = p.published ? `${p.published}:` : "";
  return `${host}${published}${p.target}/${p.protocol ?? "tcp"}`;
}

function buildContext(s: ServiceConfig): string | undefined {
  const b = s.build as unknown;
  if (typeof b === "string") return b;
  if (b && typeof b === "object" && typeof (b as { context?: unknown }).context === "string") {
    return (b as { context: string }).context;
  }
  return undefined;
}

/** Every name a service answers to on its networks: name, container_name, hostname, aliases. */
function hostNames(services: Record<string, ServiceConfig>): Map<string, string> {
  const names = new Map<string, string>();
  for (const name of Object.keys(services)) {
    names.set(name.toLowerCase(), name);
  }
  for (const [name, s] of Object.entries(services)) {
    for (const alt of [s.container_name, s.hostname]) {
      if (typeof alt === "string" && alt && !names.has(alt.toLowerCase())) names.set(alt.toLowerCase(), name);
    }
    for (const cfg of Object.values(isObject(s.networks) ? s.networks : {})) {
      const aliases: unknown[] = isObject(cfg) && Array.isArray(cfg.aliases) ? cfg.aliases : [];
      for (const a of aliases) {
        if (typeof a === "string" && !names.has(a.toLowerCase())) names.set(a.toLowerCase(), name);
      }
    }
  }
  return names;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isPort(p: unknown): p is PortConfig {
  return p !== null && typeof p === "object" && typeof (p as PortConfig).target === "number";
}

function isLocal(host: string): boolean {
  const h = host.toLowerCase();
  return LOCAL_HOSTS.has(h) || h.startsWith("127.");
}

export function buildGraph({ project }: BuildGraphOptions): ServiceGraph {
  // best effort on a model that failed validation: only mapping-shaped services and ports
  const services: Record<string, ServiceConfig> = {};
  for (const [name, s] of Object.entries(project.services ?? {})) {
    if (s !== null && typeof s === "object" && !Array.isArray(s)) services[name] = s;
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();
  const externals = new Map<string, GraphNode>();
  const addEdge = (e: GraphEdge) => {
    if (e.from === e.to && e.kind !== "env-url") return;
    const key = `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.via ?? ""}`;
    if (seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push(e);
  };
  const names = hostNames(services);
  const serviceNames = Object.keys(services);

  for (const name of serviceNames) {
    const s = services[name] as ServiceConfig;
    const ports: string[] = [];
    if (Array.isArray(s.ports)) for (const p of s.ports) if (isPort(p)) ports.push(formatPort(p));
    const node: GraphNode = {
      id: name,
      kind: "service",
      ports,
      profiles: Array.isArray(s.profiles) ? [...s.profiles] : [],
    };
    if (typeof s.image === "string") node.image = s.image;
    const ctx = buildContext(s);
    if (ctx !== undefined) node.build = ctx;
    nodes.push(node);
  }

  for (const name of serviceNames) {
    const s = services[name] as ServiceConfig;
    for (const dep of Object.keys(isObject(s.depends_on) ? s.depends_on : {})) {
      if (dep in services) addEdge({ from: name, to: dep, kind: "depends_on" });
    }
    for (const link of Array.isArray(s.links) ? s.links : []) {
      const target = String(link).split(":")[0] ?? "";
      if (target in services) addEdge({ from: name, to: target, kind: "links" });
    }
  }

  const members = new Map<string, string[]>();
  for (const name of serviceNames) {
    const s = services[name] as ServiceConfig;
    for (const net of Object.keys(isObject(s.networks) ? s.networks : {})) {
      if (net === "default") continue;
      const list = members.get(net) ?? [];
      list.push(name);
      members.set(net, list);
    }
  }
  for (const [net, list] of members) {
    if (list.length < 2 || list.length > MAX_NETWORK_MEMBERS_FOR_EDGES) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        addEdge({ from: list[i] as string, to: list[j] as string, kind: "network", via: net });
      }
    }
  }

  for (const name of serviceNames) {
    const s = services[name] as ServiceConfig;
    const env: Record<string, unknown> = isObject(s.environment) ? s.environment : {};
    for (const key of Object.keys(env)) {
      const value = env[key];
      if (typeof value !== "string" || value === "") continue;
      for (const host of hostsInValue(key, value.slice(0, 4096))) {
        const target = names.get(host.host.toLowerCase());
        if (target !== undefined) {
          if (target !== name) addEdge({ from: name, to: target, kind: "env-url", via: key });
          continue;
        }
        if (!host.fromUrl || isLocal(host.host) || !host.host.includes(".") && !host.host.startsWith("[")) continue;
        const id = `external:${host.host.toLowerCase()}`;
        if (!externals.has(id)) {
          externals.set(id, { id, kind: "external", host: host.host.toLowerCase(), ports: [], profiles: [] });
        }
        addEdge({ from: name, to: id, kind: "env-url", via: key });
      }
    }
  }
  nodes.push(...externals.values());
  return { nodes, edges };
}

interface FoundHost {
  host: string;
  fromUrl: boolean;
}

/** Hosts an env value points at: URL hosts, `host:port`, or a bare host in a `*_HOST` key. */
export function hostsInValue(key: string, value: string): FoundHost[] {
  const found: FoundHost[] = [];
  // a URL needs `://`, `host:port` a `:`: most values have neither and are only tested against HOST_KEY
  if (value.includes("://")) {
    URL_IN_TEXT.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = URL_IN_TEXT.exec(value)) !== null && guard++ < 32) {
      const host = m[2];
      if (host) found.push({ host, fromUrl: true });
    }
    if (found.length > 0) return found;
  }
  const trimmed = value.trim();
  const hp = trimmed.includes(":") ? HOST_PORT.exec(trimmed) : null;
  if (hp?.[1]) return [{ host: hp[1], fromUrl: false }];
  if (HOST_KEY.test(key) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(trimmed)) return [{ host: trimmed, fromUrl: false }];
  return found;
}
