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

/**
 * One side-table entry per container: where it starts, and where each child was written.
 * `keys` may be shared between containers (`copyAllLocs` onto a fresh container does not copy
 * it); `shared` marks such a map, which is copied before its first change.
 */
interface LocTable {
  self: SourceLocation | undefined;
  keys: Map<PathSegment, SourceLocation> | undefined;
  shared: boolean;
  /** the walk of `isTree` that last reached the container (each container has its own table) */
  walk: object | undefined;
}

/**
 * The side table lives in a private class field stamped onto each container (the base
 * constructor returns the container, so the subclass's field is added to it): invisible to
 * `Object.keys`, spread, JSON and equality checks, like a WeakMap entry, but far cheaper to
 * create for the many short-lived containers the phases build. Containers that cannot take a
 * field (frozen, sealed, non-extensible) use a WeakMap.
 */
class Stampable {
  constructor(target: object) {
    return target;
  }
}

const FALLBACK = new WeakMap<object, LocTable>();

class LocStamp extends Stampable {
  #table: LocTable;

  private constructor(target: object, table: LocTable) {
    super(target);
    this.#table = table;
  }

  static get(container: object): LocTable | undefined {
    return #table in container ? (container as LocStamp).#table : FALLBACK.get(container);
  }

  static set(container: object, table: LocTable): void {
    if (#table in container) (container as LocStamp).#table = table;
    else if (Object.isExtensible(container)) new LocStamp(container, table);
    else FALLBACK.set(container, table);
  }
}

const TABLES = { get: LocStamp.get, set: LocStamp.set };

function ownKeys(container: object): Map<PathSegment, SourceLocation> {
  let t = TABLES.get(container);
  if (!t) {
    t = { self: undefined, keys: new Map(), shared: false, walk: undefined };
    TABLES.set(container, t);
    return t.keys as Map<PathSegment, SourceLocation>;
  }
  if (!t.keys) {
    t.keys = new Map();
    t.shared = false;
  } else if (t.shared) {
    t.keys = new Map(t.keys);
    t.shared = false;
  }
  return t.keys;
}

export function setLoc(container: object, key: PathSegment, loc: SourceLocation | undefined): void {
  if (!loc) return;
  ownKeys(container).set(key, loc);
}

export function getLoc(container: unknown, key: PathSegment): SourceLocation | undefined {
  if (container === null || typeof container !== "object") return undefined;
  return TABLES.get(container)?.keys?.get(key);
}

/**
 * The child locations of `container` (what `getLoc` reads), for loops that read many keys of one
 * container. Read-only: the map may be shared with copies of the container.
 */
export function childLocs(container: unknown): ReadonlyMap<PathSegment, SourceLocation> | undefined {
  if (container === null || typeof container !== "object") return undefined;
  return TABLES.get(container)?.keys;
}

/** Where a container itself starts (its first key / first item). */
export function setSelfLoc(container: object, loc: SourceLocation | undefined): void {
  if (!loc) return;
  const t = TABLES.get(container);
  if (t) t.self = loc;
  else TABLES.set(container, { self: loc, keys: undefined, shared: false, walk: undefined });
}

export function getSelfLoc(container: unknown): SourceLocation | undefined {
  if (container === null || typeof container !== "object") return undefined;
  return TABLES.get(container)?.self;
}

/** Copies the location of `from[fromKey]` to `to[toKey]` (no-op when unknown). */
export function copyLoc(from: unknown, fromKey: PathSegment, to: object, toKey: PathSegment = fromKey): void {
  setLoc(to, toKey, getLoc(from, fromKey));
}

/** Copies every child location and the self location of `from` onto `to`. */
export function copyAllLocs(from: unknown, to: object): void {
  if (from === null || typeof from !== "object" || from === to) return;
  const f = TABLES.get(from);
  if (!f) return;
  const t = TABLES.get(to);
  if (!t) {
    // a fresh container: share the child map until one of them changes
    if (f.keys) f.shared = true;
    TABLES.set(to, { self: f.self, keys: f.keys, shared: f.keys !== undefined, walk: undefined });
    return;
  }
  if (f.keys && f.keys.size > 0) {
    if (!t.keys || t.keys.size === 0) {
      f.shared = true;
      t.keys = f.keys;
      t.shared = true;
    } else {
      const m = ownKeys(to);
      for (const [k, v] of f.keys) m.set(k, v);
    }
  }
  if (f.self) t.self = f.self;
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

/** `^[A-Za-z_][A-Za-z0-9_-]*$`, without a regular expression (it runs once per key of the model) */
function isSimpleKey(key: string): boolean {
  const n = key.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) continue; // a-z A-Z _
    if (i > 0 && ((c >= 48 && c <= 57) || c === 45)) continue; // 0-9 -
    return false;
  }
  return true;
}

/** `services.web.ports[0]`, `services.web.labels["traefik.enable"]` */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (isSimpleKey(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Every known location of a tree, keyed by `formatPath` (a `ReadonlyMap`; JSON and `toRecord()`
 * give the plain record, in walk order).
 *
 * Built lazily from the tree's side tables, because a map of thousands of fresh path strings
 * costs more to build (each key is flattened and hashed) than everything that reads it: `get`
 * answers by following the path down the tree (after one walk checks that no container is reached
 * twice, which would make the walk's first path the only one indexed); anything else (`size`,
 * iteration, JSON) builds the whole map once. The tree must not change afterwards (the loader's
 * result is read-only).
 */
export class LocationIndex implements ReadonlyMap<string, SourceLocation> {
  #root: unknown;
  #map: Map<string, SourceLocation> | undefined;
  /** whether no container of the tree is reached twice (undefined until checked) */
  #tree: boolean | undefined;

  /** The locations of `root` (none when omitted). */
  constructor(root?: unknown) {
    this.#root = root;
    if (root === null || typeof root !== "object") this.#map = new Map();
  }

  /** The whole map, built on first use. */
  #all(): Map<string, SourceLocation> {
    if (!this.#map) this.#map = indexLocations(this.#root);
    return this.#map;
  }

  get(path: string): SourceLocation | undefined {
    if (this.#map) return this.#map.get(path);
    this.#tree ??= isTree(this.#root);
    if (!this.#tree) return this.#all().get(path);
    const segments = parseFormattedPath(path);
    return segments ? locAtPath(this.#root, segments) : undefined;
  }

  /**
   * `get(formatPath(path))`, without writing the path: on a tree it follows the segments (see
   * `locAtPath`); otherwise it formats the path and reads the map.
   */
  getPath(path: Path): SourceLocation | undefined {
    if (this.#map) return this.#map.get(formatPath(path));
    this.#tree ??= isTree(this.#root);
    return this.#tree ? locAtPath(this.#root, path) : this.#all().get(formatPath(path));
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  get size(): number {
    return this.#all().size;
  }

  forEach(fn: (loc: SourceLocation, path: string, index: ReadonlyMap<string, SourceLocation>) => void, thisArg?: unknown): void {
    for (const [path, loc] of this.#all()) fn.call(thisArg, loc, path, this);
  }

  entries(): MapIterator<[string, SourceLocation]> {
    return this.#all().entries();
  }

  keys(): MapIterator<string> {
    return this.#all().keys();
  }

  values(): MapIterator<SourceLocation> {
    return this.#all().values();
  }

  [Symbol.iterator](): MapIterator<[string, SourceLocation]> {
    return this.#all()[Symbol.iterator]();
  }

  /** The locations as a plain record, as `JSON.stringify` writes them. */
  toRecord(): Record<string, SourceLocation> {
    const out: Record<string, SourceLocation> = {};
    for (const [path, loc] of this.#all()) out[path] = loc;
    return out;
  }

  toJSON(): Record<string, SourceLocation> {
    return this.toRecord();
  }
}

/** Every known location of `root` keyed by `formatPath` (see `LocationIndex`). */
export function collectLocations(root: unknown): LocationIndex {
  return new LocationIndex(root);
}

/**
 * The walk behind `LocationIndex`: every container once (the first path that reaches it), arrays
 * by index, records by `Object.keys`. A `Map`: a record of thousands of fresh path names costs
 * far more to build (each new property name is interned).
 */
function indexLocations(root: unknown): Map<string, SourceLocation> {
  const out = new Map<string, SourceLocation>();
  const seen = new Set<object>();
  // `prefix` is formatPath of the path so far, extended one segment at a time
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== "object") return;
    // one hash lookup: the set grows unless the container was seen
    const before = seen.size;
    if (seen.add(node).size === before) return;
    const keys = TABLES.get(node)?.keys;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const p = `${prefix}[${i}]`;
        if (keys) {
          const loc = keys.get(i);
          if (loc) out.set(p, loc);
        }
        const v: unknown = node[i];
        if (v !== null && typeof v === "object") walk(v, p);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    const names = Object.keys(record);
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      const p = isSimpleKey(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}[${JSON.stringify(k)}]`;
      if (keys) {
        const loc = keys.get(k);
        if (loc) out.set(p, loc);
      }
      const v = record[k];
      if (v !== null && typeof v === "object") walk(v, p);
    }
  };
  walk(root, "");
  return out;
}

/** Whether `indexLocations`' walk reaches no container twice: then every path of the tree is indexed. */
function isTree(root: unknown): boolean {
  // a container with a side table is marked there (cheaper than hashing it into a set)
  const mark = {};
  const seen = new Set<object>();
  const walk = (node: object): boolean => {
    const t = TABLES.get(node);
    if (t) {
      if (t.walk === mark) return false;
      t.walk = mark;
    } else {
      const before = seen.size;
      if (seen.add(node).size === before) return false;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (v !== null && typeof v === "object" && !walk(v)) return false;
      }
      return true;
    }
    const record = node as Record<string, unknown>;
    const names = Object.keys(record);
    for (let i = 0; i < names.length; i++) {
      const v = record[names[i] as string];
      if (v !== null && typeof v === "object" && !walk(v)) return false;
    }
    return true;
  };
  return root !== null && typeof root === "object" ? walk(root) : true;
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * The segments of a path written as `formatPath` writes it (`.key` for simple keys, `["key"]` for
 * the others, `[n]` for list items), or undefined for any other text: `formatPath` of the result
 * gives `path` back.
 */
function parseFormattedPath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  do {
    if (path.charCodeAt(i) === 91) {
      // `[`: an index, or a quoted key that is not simple
      if (path.charCodeAt(i + 1) === 34) {
        const end = quotedEnd(path, i + 1);
        if (end < 0 || path.charCodeAt(end + 1) !== 93) return undefined;
        const text = path.slice(i + 1, end + 1);
        let key: unknown;
        try {
          key = JSON.parse(text);
        } catch {
          return undefined;
        }
        if (typeof key !== "string" || isSimpleKey(key) || JSON.stringify(key) !== text) return undefined;
        segments.push(key);
        i = end + 2;
      } else {
        let j = i + 1;
        while (j < n && path.charCodeAt(j) >= 48 && path.charCodeAt(j) <= 57) j++;
        if (j === i + 1 || j >= n || path.charCodeAt(j) !== 93 || (j > i + 2 && path.charCodeAt(i + 1) === 48)) return undefined;
        segments.push(Number(path.slice(i + 1, j)));
        i = j + 1;
      }
    } else {
      // a simple key: first in the path, or after `.`
      if (i > 0) {
        if (path.charCodeAt(i) !== 46) return undefined;
        i++;
      }
      let j = i;
      while (j < n && path.charCodeAt(j) !== 46 && path.charCodeAt(j) !== 91) j++;
      const key = path.slice(i, j);
      if (!isSimpleKey(key)) return undefined;
      segments.push(key);
      i = j;
    }
  } while (i < n);
  return segments;
}

/**
 * What `indexLocations(root).get(formatPath(path))` answers, for a tree (`isTree`), found by
 * following the path: only through keys the walk visits (list items by index: a whole number
 * `formatPath` writes in digits; records by `Object.keys`: a string, never a list's key).
 */
function locAtPath(root: unknown, path: Path): SourceLocation | undefined {
  const n = path.length;
  if (n === 0) return undefined;
  let node: unknown = root;
  for (let i = 0; ; i++) {
    if (node === null || typeof node !== "object") return undefined;
    const seg = path[i] as PathSegment;
    if (Array.isArray(node)) {
      if (typeof seg !== "number" || !isIndex(seg) || seg >= node.length) return undefined;
    } else if (typeof seg !== "string" || !isEnumerable.call(node, seg)) return undefined;
    if (i === n - 1) return TABLES.get(node)?.keys?.get(seg);
    node = (node as Record<PathSegment, unknown>)[seg];
  }
}

/** Whether `[${n}]` reads back as the index `n` in `parseFormattedPath` (`-0` is written `[0]`). */
function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Index of the `"` closing the JSON string that starts at `start`, or -1. */
function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++; // backslash: skip the escaped character
    else if (c === 34) return i;
  }
  return -1;
}
