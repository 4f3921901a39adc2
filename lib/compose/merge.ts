/**
 * Phase: merge compose documents (base first, then each override) with the Compose
 * Specification merge rules (`13-merge.md`), as compose-go does them (`override/merge.go`,
 * `loader/reset.go`):
 *
 * - mappings merge recursively, sequences are appended, scalars are replaced;
 * - `command`, `entrypoint`, `healthcheck.test`, `ulimits.*` are replaced as a whole;
 * - `environment`, `labels`, `annotations`, `build.args`, `sysctls`, `tmpfs`, `dns*`, `env_file`…
 *   are turned into `KEY=value` sequences (a mapping side is sorted by key) and appended;
 *   the unicity pass (`unicity.ts`) then keeps one entry per key;
 * - `extra_hosts` is appended without the entries the base already holds;
 * - `depends_on`, `networks`, `models` short (list) forms become mappings before merging;
 *   `build: ./dir` becomes `{context: ./dir}`; `logging` options merge only for the same driver;
 *   `networks.*.ipam.config` entries merge by subnet;
 * - `!reset` removes the attribute, `!override` replaces it instead of merging.
 *
 * Inputs are never mutated. New containers carry the source locations of the values they hold:
 * a key the override set points at the override file, an untouched key at the base file.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import { enforceUnicity } from "./unicity";
import {
  childLocs,
  formatPath,
  getLoc,
  getSelfLoc,
  setLoc,
  setSelfLoc,
  type SourceLocation,
} from "./source-map";
import { isMapping, isOverrideTag, isResetTag } from "./tags";

export interface MergeDocumentsOptions {
  /** parsed (and interpolated) compose documents in load order: base first */
  documents: { value: unknown; file: string }[];
  /** run the unicity pass after each merge, like compose-go's loader does (default true) */
  unicity?: boolean;
}

type Path = readonly string[];

interface MergeContext {
  issues: Issue[];
  /** the override document's file, for issues */
  file: string;
}

/** Where the base and the override value were written (their keys), for containers built from scalars. */
interface At {
  base?: SourceLocation;
  over?: SourceLocation;
}

type Merger = (base: unknown, over: unknown, path: Path, ctx: MergeContext, at: At) => unknown;

/** Merges documents in order onto an empty mapping. Non-mapping documents are refused (`INVALID_VALUE`). */
export function mergeDocuments({ documents, unicity = true }: MergeDocumentsOptions): PhaseResult<Record<string, unknown>> {
  const issues: Issue[] = [];
  let merged: Record<string, unknown> = {};
  for (const { value, file } of documents) {
    if (value === null || value === undefined) continue;
    if (!isMapping(value)) {
      issues.push(
        issue("INVALID_VALUE", "top-level object must be a mapping", {
          file,
          line: getSelfLoc(value)?.line,
          col: getSelfLoc(value)?.col,
        }),
      );
      continue;
    }
    merged = mergeMappings(merged, value, [], { issues, file });
    if (unicity) {
      const unique = enforceUnicity(merged);
      issues.push(...unique.issues.map((i) => ({ ...i, file: i.file ?? file })));
      merged = unique.value;
    }
  }
  return { value: merged, issues };
}

/**
 * Merges one service definition onto another with the same rules as override files
 * (compose-go `ExtendService`); used by `extends`. `!reset` / `!override` in `override` apply.
 * Shape conflicts (a mapping overridden by a list…) keep the override's value; schema
 * validation reports them later.
 */
export function mergeServices(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const ctx: MergeContext = { issues: [], file: "" };
  const clean = stripTags(base);
  return mergeMappings(isMapping(clean) ? clean : {}, override, ["services", "x"], ctx);
}

// ---------------------------------------------------------------------------------------------

const toSequence: Merger = (base, over, _path, _ctx, at) => {
  let resetKeys: string[] | undefined;
  if (isMapping(over)) for (const k of Object.keys(over)) if (isResetTag(over[k])) (resetKeys ??= []).push(k);
  let b = base;
  if (resetKeys && isMapping(base)) {
    // compose-go deletes `!reset` keys from a base written as a mapping (not from a list)
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(base)) {
      if (resetKeys.includes(k)) continue;
      setOwn(copy, k, base[k]);
      setLoc(copy, k, getLoc(base, k));
    }
    b = copy;
  }
  // both lists are new: the override's items are appended to the base's
  const items = convertIntoSequence(b, at.base);
  for (const item of convertIntoSequence(over, at.over)) items.push(item);
  return buildSequence(items, getSelfLoc(base) ?? getSelfLoc(over));
};

const mergeExtraHosts: Merger = (base, over, _path, _ctx, at) => {
  const left = convertIntoSequence(base, at.base);
  const present = new Set(left.map((l) => l.value));
  const right = convertIntoSequence(over, at.over).filter((r) => !present.has(r.value));
  return buildSequence([...left, ...right], getSelfLoc(base) ?? getSelfLoc(over));
};

const replace: Merger = (_base, over) => stripTags(over);

const mergeBuild: Merger = (base, over, path, ctx, at) => {
  const toBuild = (v: unknown, loc: SourceLocation | undefined): Record<string, unknown> | undefined => {
    if (typeof v === "string") {
      const out: Record<string, unknown> = { context: v };
      setLoc(out, "context", loc);
      setSelfLoc(out, loc);
      return out;
    }
    return isMapping(v) ? v : undefined;
  };
  const b = toBuild(base, at.base);
  const o = toBuild(over, at.over);
  if (!o) return b ?? stripTags(over);
  if (!b) return stripTags(o);
  return mergeMappings(b, o, path, ctx);
};

const DEPENDS_ON_DEFAULT = { condition: "service_started", required: true };

const mergeDependsOn: Merger = (base, over, path, ctx) => mergeConvertedMappings(base, over, path, ctx, DEPENDS_ON_DEFAULT);

const mergeMappingOrList: Merger = (base, over, path, ctx) => mergeConvertedMappings(base, over, path, ctx, undefined);

function mergeConvertedMappings(
  base: unknown,
  over: unknown,
  path: Path,
  ctx: MergeContext,
  defaults: Record<string, unknown> | undefined,
): unknown {
  const b = convertIntoMapping(base, defaults, path, ctx);
  const o = convertIntoMapping(over, defaults, path, ctx);
  if (!o) return b ?? stripTags(over);
  if (!b) return stripTags(o);
  return mergeMappings(b, o, path, ctx);
}

/** Logging options merge when both files name the same driver (or one names none); otherwise the override wins. */
const mergeLogging: Merger = (base, over, path, ctx) => {
  if (over === null || over === undefined) return base;
  if (!isMapping(base) || !isMapping(over)) return stripTags(over);
  const same = !("driver" in over) || !("driver" in base) || over.driver === base.driver;
  return same ? mergeMappings(base, over, path, ctx) : stripTags(over);
};

/** base × override entries compared when merging IPAM configs (real files hold a handful) */
const MAX_IPAM_PAIRS = 10_000;

/** IPAM config entries merge by subnet, following compose-go's `mergeIPAMConfig` step by step. */
const mergeIpamConfig: Merger = (base, over, path, ctx, at) => {
  if (!Array.isArray(base) || !Array.isArray(over)) {
    ctx.issues.push(
      issue("INVALID_VALUE", `${formatPath(path)}: expected a list of IPAM configurations`, {
        file: ctx.file,
        line: at.over?.line,
        col: at.over?.col,
        path: formatPath(path),
      }),
    );
    return stripTags(over);
  }
  if (base.length * over.length > MAX_IPAM_PAIRS) {
    ctx.issues.push(
      issue("RESOURCE_EXHAUSTION", `${formatPath(path)}: too many IPAM configurations to merge; the override's list is used`, {
        file: ctx.file,
        line: at.over?.line,
        col: at.over?.col,
        path: formatPath(path),
      }),
    );
    return stripTags(over);
  }
  const result: { value: Record<string, unknown>; loc?: SourceLocation }[] = [];
  const indexOfSubnet = (subnet: unknown) => result.findIndex((r) => r.value.subnet === subnet);
  base.forEach((original, i) => {
    let right = isMapping(original) ? original : undefined;
    if (!right) return;
    over.forEach((entry, j) => {
      if (!isMapping(entry) || !right) return;
      const left = stripTags(entry) as Record<string, unknown>;
      const leftLoc = getLoc(over, j);
      if (left.subnet !== right.subnet && indexOfSubnet(left.subnet) < 0) {
        result.push({ value: left, loc: leftLoc });
        return;
      }
      const merged = mergeMappings(right, left, path, ctx);
      right = merged; // compose-go merges into the original entry in place
      const k = indexOfSubnet(merged.subnet);
      if (k >= 0) result[k] = { value: merged, loc: leftLoc };
      else result.push({ value: merged, loc: leftLoc ?? getLoc(base, i) });
    });
  });
  return buildSequence(result, getSelfLoc(over));
};

/** Sequence-valued attributes (and the like) with their own rules, by path (`*` = any key). */
const SPECIALS: [Path, Merger][] = (
  [
    ["networks.*.ipam.config", mergeIpamConfig],
    ["networks.*.labels", toSequence],
    ["volumes.*.labels", toSequence],
    ["services.*.annotations", toSequence],
    ["services.*.build", mergeBuild],
    ["services.*.build.args", toSequence],
    ["services.*.build.additional_contexts", toSequence],
    ["services.*.build.extra_hosts", mergeExtraHosts],
    ["services.*.build.labels", toSequence],
    ["services.*.command", replace],
    ["services.*.depends_on", mergeDependsOn],
    ["services.*.deploy.labels", toSequence],
    ["services.*.dns", toSequence],
    ["services.*.dns_opt", toSequence],
    ["services.*.dns_search", toSequence],
    ["services.*.entrypoint", replace],
    ["services.*.env_file", toSequence],
    ["services.*.label_file", toSequence],
    ["services.*.environment", toSequence],
    ["services.*.extra_hosts", mergeExtraHosts],
    ["services.*.healthcheck.test", replace],
    ["services.*.labels", toSequence],
    ["services.*.volumes.*.volume.labels", toSequence],
    ["services.*.logging", mergeLogging],
    ["services.*.models", mergeMappingOrList],
    ["services.*.networks", mergeMappingOrList],
    ["services.*.sysctls", toSequence],
    ["services.*.tmpfs", toSequence],
    ["services.*.ulimits.*", replace],
  ] as [string, Merger][]
).map(([p, m]) => [p.split("."), m]);

function matches(path: Path, pattern: Path): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((seg, i) => seg === "*" || seg === path[i]);
}

/** `SPECIALS` by last segment (`*` for patterns ending in a wildcard), in their order. */
const SPECIALS_BY_END: Map<string, { order: number; pattern: Path; merger: Merger }[]> = (() => {
  const byEnd = new Map<string, { order: number; pattern: Path; merger: Merger }[]>();
  SPECIALS.forEach(([pattern, merger], order) => {
    const end = pattern[pattern.length - 1] as string;
    const list = byEnd.get(end) ?? [];
    list.push({ order, pattern, merger });
    byEnd.set(end, list);
  });
  return byEnd;
})();

/** The merger of the first `SPECIALS` pattern `path` matches. */
function specialFor(path: Path): Merger | undefined {
  let best: { order: number; merger: Merger } | undefined;
  for (const end of [path[path.length - 1], "*"]) {
    for (const s of (end !== undefined && SPECIALS_BY_END.get(end)) || []) {
      if (best && s.order > best.order) break;
      if (matches(path, s.pattern)) {
        best = s;
        break;
      }
    }
  }
  return best?.merger;
}

/** deeper than any compose file the parse phase lets through (its limit is 100) */
const MAX_MERGE_DEPTH = 256;

function mergeValue(base: unknown, over: unknown, path: Path, ctx: MergeContext, at: At): unknown {
  if (path.length > MAX_MERGE_DEPTH) {
    ctx.issues.push(
      issue("RESOURCE_EXHAUSTION", `the documents are nested more than ${MAX_MERGE_DEPTH} levels deep; the override is used as is`, {
        file: ctx.file,
        path: formatPath(path.slice(0, 8)),
      }),
    );
    return stripTags(over);
  }
  const merger = specialFor(path);
  if (merger) return merger(base, over, path, ctx, at);
  if (over === null || over === undefined) return base;
  if (isMapping(base)) {
    if (!isMapping(over)) return conflict(over, path, ctx, at);
    return mergeMappings(base, over, path, ctx);
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(over)) return conflict(over, path, ctx, at);
    const items = base.map((value, i) => ({ value, loc: getLoc(base, i) }));
    over.forEach((value, j) => {
      if (!isResetTag(value)) items.push({ value: stripTags(value), loc: getLoc(over, j) });
    });
    return buildSequence(items, getSelfLoc(base) ?? getSelfLoc(over));
  }
  return stripTags(over);
}

function conflict(over: unknown, path: Path, ctx: MergeContext, at: At): unknown {
  ctx.issues.push(
    issue("INVALID_VALUE", `cannot override ${formatPath(path)}: the override gives a ${kind(over)} where the base has another shape`, {
      file: ctx.file,
      line: at.over?.line,
      col: at.over?.col,
      path: formatPath(path),
    }),
  );
  return stripTags(over);
}

function mergeMappings(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  path: Path,
  ctx: MergeContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  setSelfLoc(out, getSelfLoc(base) ?? getSelfLoc(over));
  // neither input's locations change while merging (only new containers get some)
  const baseLocs = childLocs(base);
  const overLocs = childLocs(over);
  for (const k of Object.keys(base)) {
    const bv = base[k];
    if (isResetTag(bv)) continue;
    setOwn(out, k, isOverrideTag(bv) ? stripTags(bv) : bv);
    setLoc(out, k, baseLocs?.get(k));
  }
  for (const k of Object.keys(over)) {
    const ov = over[k];
    if (isResetTag(ov)) {
      delete out[k];
      continue;
    }
    if (isOverrideTag(ov) || !Object.prototype.hasOwnProperty.call(out, k)) {
      setOwn(out, k, stripTags(ov));
      setLoc(out, k, overLocs?.get(k));
      continue;
    }
    const merged = mergeValue(out[k], ov, [...path, k], ctx, { base: baseLocs?.get(k), over: overLocs?.get(k) });
    setOwn(out, k, merged);
    if (ov !== null && ov !== undefined) setLoc(out, k, overLocs?.get(k) ?? baseLocs?.get(k));
  }
  return out;
}

interface Item {
  value: unknown;
  loc?: SourceLocation;
}

function buildSequence(items: Item[], self: SourceLocation | undefined): unknown[] {
  const out = items.map((i) => i.value);
  items.forEach((i, n) => setLoc(out, n, i.loc));
  setSelfLoc(out, self);
  return out;
}

/**
 * `KEY: value` mappings become sorted `KEY=value` strings (`KEY` alone for null, one entry per
 * item for a list value); a single string becomes a one-item list; a list stays as it is.
 */
function convertIntoSequence(value: unknown, at: SourceLocation | undefined): Item[] {
  if (isMapping(value)) {
    const items: Item[] = [];
    for (const k of Object.keys(value)) {
      let v = value[k];
      if (isResetTag(v)) continue;
      if (isOverrideTag(v)) v = stripTags(v);
      const loc = getLoc(value, k);
      if (v === null || v === undefined) items.push({ value: k, loc });
      else if (Array.isArray(v)) for (const e of v) items.push({ value: `${k}=${goValue(e)}`, loc });
      else items.push({ value: `${k}=${goValue(v)}`, loc });
    }
    return items.sort((a, b) => compareStrings(String(a.value), String(b.value)));
  }
  if (Array.isArray(value)) {
    const items: Item[] = [];
    value.forEach((v, i) => {
      if (!isResetTag(v)) items.push({ value: stripTags(v), loc: getLoc(value, i) });
    });
    return items;
  }
  if (typeof value === "string") return [{ value, loc: at }];
  return [];
}

/** A list of names becomes `{name: defaults}` (or `{name: null}`); a mapping stays as it is. */
function convertIntoMapping(
  value: unknown,
  defaults: Record<string, unknown> | undefined,
  path: Path,
  ctx: MergeContext,
): Record<string, unknown> | undefined {
  if (isMapping(value)) return value;
  if (!Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((name, i) => {
    if (isResetTag(name)) return;
    if (typeof name !== "string") {
      const loc = getLoc(value, i);
      ctx.issues.push(
        issue("INVALID_VALUE", `${formatPath([...path, i])}: expected a name, got a ${kind(name)}`, {
          file: loc?.file ?? ctx.file,
          line: loc?.line,
          col: loc?.col,
          path: formatPath([...path, i]),
        }),
      );
      return;
    }
    setOwn(out, name, defaults ? { ...defaults } : null);
    setLoc(out, name, getLoc(value, i));
  });
  return out;
}

/**
 * The value without `!reset` entries and with `!override` markers unwrapped; locations kept.
 * Containers holding no marker are returned as they are (never mutated), the others are copied.
 */
export function stripTags(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 1000) return value;
  if (isOverrideTag(value)) return stripTags(value.value, depth + 1);
  if (isResetTag(value)) return null;
  if (Array.isArray(value)) {
    let items: Item[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const reset = isResetTag(v);
      const stripped = reset ? null : stripTags(v, depth + 1);
      if (!items && (reset || stripped !== v)) {
        items = [];
        for (let j = 0; j < i; j++) items.push({ value: value[j], loc: getLoc(value, j) });
      }
      if (items && !reset) items.push({ value: stripped, loc: getLoc(value, i) });
    }
    return items ? buildSequence(items, getSelfLoc(value)) : value;
  }
  if (isMapping(value)) {
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const v = value[k];
      const reset = isResetTag(v);
      const stripped = reset ? null : stripTags(v, depth + 1);
      if (!out && (reset || stripped !== v)) {
        out = {};
        setSelfLoc(out, getSelfLoc(value));
        for (let j = 0; j < i; j++) {
          const kj = keys[j] as string;
          setOwn(out, kj, value[kj]);
          setLoc(out, kj, getLoc(value, kj));
        }
      }
      if (out && !reset) {
        setOwn(out, k, stripped);
        setLoc(out, k, getLoc(value, k));
      }
    }
    return out ?? value;
  }
  return value;
}

/** Go's `%v` for the scalars a YAML document holds (`1`, `1.5`, `1e+06`, `true`). */
export function goValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return goNumber(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (isMapping(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(" ")}]`;
  }
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // a float: Go's %v is strconv 'g' with the shortest digits: exponent form below 1e-4 or from 1e6
  // (integral values are taken for YAML ints, which Go prints in full)
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [mant, e = "0"] = n.toExponential().split("e");
    const sign = e.startsWith("-") ? "-" : "+";
    const digits = e.replace(/^[-+]/, "").padStart(2, "0");
    return `${mant}e${sign}${digits}`;
  }
  return String(n);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kind(v: unknown): string {
  if (Array.isArray(v)) return "list";
  if (isMapping(v)) return "mapping";
  if (v === null || v === undefined) return "null";
  return typeof v;
}

/** Sets an own property, even for keys such as `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
