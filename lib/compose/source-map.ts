/**
 * Source locations travel beside plain JS values, without wrapping them.
 *
 * The YAML parse phase records, for every mapping/sequence it builds, where each
 * child (key or index) was written. Later phases that build new containers copy
 * the location of the child they came from (`copyLoc`) so that the canonical model
 * can still point at the file, line and column a value was written at.
 * At the end `collectLocations` turns the side table into a plain, serialisable
 * `Record<path, SourceLocation>`.
 */

export interface SourceLocation {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const LOCS = new WeakMap<object, Map<PathSegment, SourceLocation>>();
const SELF = new WeakMap<object, SourceLocation>();

export function setLoc(container: object, key: PathSegment, loc: SourceLocation | undefined): void {
  if (!loc) return;
  let m = LOCS.get(container);
  if (!m) {
    m = new Map();
    LOCS.set(container, m);
  }
  m.set(key, loc);
}

export function getLoc(container: unknown, key: PathSegment): SourceLocation | undefined {
  if (container === null || typeof container !== "object") return undefined;
  return LOCS.get(container)?.get(key);
}

/** Where a container itself starts (its first key / first item). */
export function setSelfLoc(container: object, loc: SourceLocation | undefined): void {
  if (loc) SELF.set(container, loc);
}

export function getSelfLoc(container: unknown): SourceLocation | undefined {
  if (container === null || typeof container !== "object") return undefined;
  return SELF.get(container);
}

/** Copies the location of `from[fromKey]` to `to[toKey]` (no-op when unknown). */
export function copyLoc(from: unknown, fromKey: PathSegment, to: object, toKey: PathSegment = fromKey): void {
  setLoc(to, toKey, getLoc(from, fromKey));
}

/** Copies every child location and the self location of `from` onto `to`. */
export function copyAllLocs(from: unknown, to: object): void {
  if (from === null || typeof from !== "object") return;
  const m = LOCS.get(from);
  if (m) for (const [k, v] of m) setLoc(to, k, v);
  const self = SELF.get(from);
  if (self) setSelfLoc(to, self);
}

/** Location of the value at `path` below `root`, falling back to the nearest known ancestor. */
export function locAt(root: unknown, path: Path): SourceLocation | undefined {
  let node: unknown = root;
  let best: SourceLocation | undefined = getSelfLoc(root);
  for (const seg of path) {
    const here = getLoc(node, seg);
    if (here) best = here;
    if (node === null || typeof node !== "object") break;
    node = (node as Record<PathSegment, unknown>)[seg];
  }
  return best;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `services.web.ports[0]`, `services.web.labels["traefik.enable"]` */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Walks `root` and returns every known location keyed by `formatPath`. */
export function collectLocations(root: unknown): Record<string, SourceLocation> {
  const out: Record<string, SourceLocation> = {};
  const seen = new Set<object>();
  const walk = (node: unknown, path: PathSegment[]) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const entries: [PathSegment, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node as Record<string, unknown>);
    for (const [k, v] of entries) {
      const p = [...path, k];
      const loc = getLoc(node, k);
      if (loc) out[formatPath(p)] = loc;
      walk(v, p);
    }
  };
  walk(root, []);
  return out;
}
