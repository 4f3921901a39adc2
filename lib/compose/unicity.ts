/**
 * Phase: enforce unicity (compose-go `override/uncity.go`). After a merge, sequences such as
 * `environment`, `ports`, `volumes` may hold the same entry twice (base + override). For each
 * known sequence, entries are keyed (by variable name, volume target, port binding…); a later
 * entry replaces an earlier one with the same key, at the earlier one's position.
 *
 * Pure: returns new containers (with the locations of the entries that won), never mutates.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import { formatPath, getLoc, getSelfLoc, setLoc, setSelfLoc, type SourceLocation } from "./source-map";
import { isMapping } from "./tags";

type Path = readonly (string | number)[];

/** The key of one entry, or an error message when the entry cannot be keyed. */
type Indexer = (entry: unknown) => string | { error: string };

const keyValue: Indexer = (v) => {
  if (typeof v !== "string") return { error: `unexpected type ${goType(v)}` };
  const eq = v.indexOf("=");
  return eq >= 0 ? v.slice(0, eq) : v;
};

const volume: Indexer = (v) => {
  if (isMapping(v)) {
    return typeof v.target === "string" ? v.target : { error: "service volume is missing a mount target" };
  }
  if (typeof v === "string") {
    const parsed = volumeTarget(v);
    return "error" in parsed ? { error: parsed.error } : parsed.target;
  }
  return "";
};

const device: Indexer = (v) => {
  if (isMapping(v)) {
    return typeof v.target === "string" ? v.target : { error: "service device is missing a mount target" };
  }
  if (typeof v === "string") {
    const parts = v.split(":");
    return (parts.length === 1 ? parts[0] : parts[1]) ?? "";
  }
  return "";
};

const expose: Indexer = (v) => {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  return { error: `unsupported expose value ${goType(v)}` };
};

const mount =
  (defaultDir: string): Indexer =>
  (v) => {
    if (typeof v === "string") return `${defaultDir}/${v}`;
    if (isMapping(v)) {
      if ("target" in v) return typeof v.target === "string" ? v.target : { error: "mount target must be a string" };
      return `${defaultDir}/${goS(v.source)}`;
    }
    return { error: `unsupported value ${goType(v)}` };
  };

const port: Indexer = (v) => {
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  if (typeof v === "string") return v;
  if (isMapping(v)) {
    if (!("target" in v)) return { error: "service ports is missing a target port" };
    const host = "host_ip" in v ? goS(v.host_ip) : "0.0.0.0";
    const protocol = "protocol" in v ? goS(v.protocol) : "tcp";
    const target = typeof v.target === "number" && Number.isInteger(v.target) ? String(v.target) : `%!d(${goType(v.target)}=${String(v.target)})`;
    return `${host}:${goS(v.published)}:${target}/${protocol}`;
  }
  return "";
};

const envFile: Indexer = (v) => {
  if (typeof v === "string") return v;
  if (isMapping(v)) {
    if (!("path" in v)) return { error: "environment path attribute is missing" };
    return typeof v.path === "string" ? v.path : { error: "environment path must be a string" };
  }
  return "";
};

const UNIQUE: [string[], Indexer][] = (
  [
    ["networks.*.labels", keyValue],
    ["networks.*.ipam.options", keyValue],
    ["services.*.annotations", keyValue],
    ["services.*.build.args", keyValue],
    ["services.*.build.additional_contexts", keyValue],
    ["services.*.build.platform", keyValue],
    ["services.*.build.tags", keyValue],
    ["services.*.build.labels", keyValue],
    ["services.*.cap_add", keyValue],
    ["services.*.cap_drop", keyValue],
    ["services.*.configs", mount("")],
    ["services.*.deploy.labels", keyValue],
    ["services.*.dns", keyValue],
    ["services.*.dns_opt", keyValue],
    ["services.*.dns_search", keyValue],
    ["services.*.environment", keyValue],
    ["services.*.env_file", envFile],
    ["services.*.expose", expose],
    ["services.*.labels", keyValue],
    ["services.*.links", keyValue],
    ["services.*.networks.*.aliases", keyValue],
    ["services.*.networks.*.link_local_ips", keyValue],
    ["services.*.ports", port],
    ["services.*.profiles", keyValue],
    ["services.*.secrets", mount("/run/secrets")],
    ["services.*.sysctls", keyValue],
    ["services.*.tmpfs", keyValue],
    ["services.*.volumes", volume],
    // compose-go registers devices twice; the device-mapping indexer is the one that stays
    ["services.*.devices", device],
  ] as [string, Indexer][]
).map(([p, ix]) => [p.split("."), ix]);

/** The patterns of `UNIQUE` as a tree, so the walk only goes down paths some pattern can match. */
interface PatternNode {
  next: Map<string, PatternNode>;
  /** the `*` segment */
  any: PatternNode | undefined;
  /** the indexer of the pattern ending here, with its position in `UNIQUE` (the first match wins) */
  end: { order: number; indexer: Indexer } | undefined;
  /** `[this]`, what `step` returns when this node is the only one reached (most keys) */
  alone: readonly PatternNode[];
}

const NO_NODES: readonly PatternNode[] = [];

function patternNode(): PatternNode {
  const node: PatternNode = { next: new Map(), any: undefined, end: undefined, alone: NO_NODES };
  node.alone = [node];
  return node;
}

const PATTERNS: PatternNode = (() => {
  const root = patternNode();
  UNIQUE.forEach(([pattern, indexer], order) => {
    let node = root;
    for (const seg of pattern) {
      if (seg === "*") node = node.any ??= patternNode();
      else {
        let child = node.next.get(seg);
        if (!child) {
          child = patternNode();
          node.next.set(seg, child);
        }
        node = child;
      }
    }
    node.end ??= { order, indexer };
  });
  return root;
})();

/** Keeps one entry per key in the sequences compose de-duplicates; the last definition wins. */
export function enforceUnicity(project: Record<string, unknown>): PhaseResult<Record<string, unknown>> {
  const issues: Issue[] = [];
  const value = walk(project, [], [PATTERNS], issues, 0);
  return { value: isMapping(value) ? value : project, issues };
}

const MAX_DEPTH = 200;

/**
 * `nodes`: the pattern-tree nodes `path` reaches. Containers below which no pattern can match
 * are returned as they are; a mapping is copied only when one of its values changed.
 * `path` is the path so far, extended in place while walking below it (copied where kept).
 */
function walk(value: unknown, path: (string | number)[], nodes: readonly PatternNode[], issues: Issue[], depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (isMapping(value)) {
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const before = value[k];
      const below = step(nodes, k);
      let after = before;
      if (below.length > 0 && before !== null && typeof before === "object") {
        path.push(k);
        after = walk(before, path, below, issues, depth + 1);
        path.pop();
      }
      if (after !== before && !out) {
        out = {};
        for (let j = 0; j < i; j++) {
          const kj = keys[j] as string;
          setOwn(out, kj, value[kj]);
          setLoc(out, kj, getLoc(value, kj));
        }
      }
      if (out) {
        setOwn(out, k, after);
        setLoc(out, k, getLoc(value, k));
      }
    }
    if (!out) return value;
    setSelfLoc(out, getSelfLoc(value));
    return out;
  }
  if (Array.isArray(value)) {
    let end: PatternNode["end"];
    for (const n of nodes) if (n.end && (!end || n.end.order < end.order)) end = n.end;
    if (!end) return value;
    return dedupe(value, end.indexer, path, issues);
  }
  return value;
}

function step(nodes: readonly PatternNode[], key: string): readonly PatternNode[] {
  if (nodes.length === 1) {
    const n = nodes[0] as PatternNode;
    const child = n.next.get(key);
    if (!child) return n.any ? n.any.alone : NO_NODES;
    if (!n.any) return child.alone;
  }
  let out: PatternNode[] | undefined;
  for (const n of nodes) {
    const child = n.next.get(key);
    if (child) (out ??= []).push(child);
    if (n.any) (out ??= []).push(n.any);
  }
  return out ?? NO_NODES;
}

function dedupe(seq: unknown[], indexer: Indexer, path: Path, issues: Issue[]): unknown[] {
  // first pass: the key of every entry (issues for those that have none); most sequences hold
  // no duplicate and are returned as they are
  const keys: (string | undefined)[] = new Array<string | undefined>(seq.length);
  // a short sequence is searched rather than hashed
  const seen = seq.length > 8 ? new Set<string>() : undefined;
  let duplicates = false;
  for (let i = 0; i < seq.length; i++) {
    if (!(i in seq)) {
      duplicates = true; // a hole (never from YAML): dropped, as `forEach` skips it
      continue;
    }
    const k = indexer(seq[i]);
    if (typeof k !== "string") {
      const loc = getLoc(seq, i);
      issues.push(
        issue("INVALID_VALUE", `${formatPath([...path, i])}: ${k.error}`, {
          file: loc?.file,
          line: loc?.line,
          col: loc?.col,
          path: formatPath([...path, i]),
        }),
      );
      continue;
    }
    if (seen ? seen.has(k) : keys.includes(k)) duplicates = true;
    else seen?.add(k);
    keys[i] = k;
  }
  if (!duplicates) return seq;
  const values: unknown[] = [];
  const locs: (SourceLocation | undefined)[] = [];
  const position = new Map<string, number>();
  for (let i = 0; i < seq.length; i++) {
    if (!(i in seq)) continue;
    const entry = seq[i];
    const loc = getLoc(seq, i);
    const key = keys[i];
    const j = key === undefined ? undefined : position.get(key);
    if (j !== undefined) {
      values[j] = entry;
      locs[j] = loc;
      continue;
    }
    if (key !== undefined) position.set(key, values.length);
    values.push(entry);
    locs.push(loc);
  }
  locs.forEach((l, i) => setLoc(values, i, l));
  setSelfLoc(values, getSelfLoc(seq));
  return values;
}

/**
 * The target of a short volume spec (`src:/target:ro`, `/anonymous`, `C:\\dir:/target`),
 * read like compose-go's `format.ParseVolume`: `${...}` may hold colons, a one-letter first
 * part followed by `:` is a Windows drive.
 */
export function volumeTarget(spec: string): { target: string } | { error: string } {
  if (spec.length === 0) return { error: "invalid empty volume spec" };
  if (spec.length <= 2) return { target: spec };
  if (!/[$\uD800-\uDFFF]/.test(spec)) return volumeTargetPlain(spec);
  let source = "";
  let target = "";
  let buffer = "";
  let inVar = 0;
  const END = "\u0000end";
  const chars = [...spec];
  for (let i = 0; i <= chars.length; i++) {
    const ch = i < chars.length ? (chars[i] as string) : END;
    if (ch === "$" && chars[i + 1] === "{") {
      inVar++;
      buffer += ch;
      continue;
    }
    if (ch === "}" && inVar > 0) {
      inVar--;
      buffer += ch;
      continue;
    }
    if (ch === ":" && [...buffer].length === 1 && /\p{L}/u.test(buffer)) {
      buffer += ch; // Windows drive letter
      continue;
    }
    if ((ch === ":" || ch === END) && inVar === 0) {
      if (buffer.length === 0) return { error: `invalid spec: ${spec}: empty section between colons` };
      if (source === "" && ch === END) target = buffer;
      else if (source === "") source = buffer;
      else if (target === "") target = buffer;
      else if (ch === ":") return { error: `invalid spec: ${spec}: too many colons` };
      buffer = "";
      continue;
    }
    if (ch !== END) buffer += ch;
  }
  return { target };
}

/**
 * `volumeTarget` for a spec without `$` and without characters outside the BMP (nearly all of
 * them): the same reading on UTF-16 units, each section a slice of the spec.
 */
function volumeTargetPlain(spec: string): { target: string } | { error: string } {
  let source = "";
  let target = "";
  let start = 0;
  for (let i = 0; i <= spec.length; i++) {
    const end = i === spec.length;
    if (!end) {
      if (spec.charCodeAt(i) !== 58) continue; // not `:`
      if (i - start === 1 && /\p{L}/u.test(spec.charAt(start))) continue; // Windows drive letter
    }
    if (i === start) return { error: `invalid spec: ${spec}: empty section between colons` };
    const section = spec.slice(start, i);
    if (source === "" && end) target = section;
    else if (source === "") source = section;
    else if (target === "") target = section;
    else if (!end) return { error: `invalid spec: ${spec}: too many colons` };
    start = i + 1;
  }
  return { target };
}

/** Go's `%s` for a value in a format string (used to build the same keys compose-go builds). */
function goS(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "%!s(<nil>)";
  return `%!s(${goType(v)}=${String(v)})`;
}

function goType(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  if (v === null || v === undefined) return "<nil>";
  return "map[string]interface {}";
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
