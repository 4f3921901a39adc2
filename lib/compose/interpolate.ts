/**
 * Phase: interpolate a parsed compose YAML tree (compose-go `interpolation/interpolation.go`
 * + `loader/interpolate.go`).
 *
 * Every string value is substituted with `substituteTemplate`; keys never are. Like compose-go,
 * the whole document is interpolated, `x-*` extensions included (write `$$` to keep a `$`).
 * After substitution, strings at the paths compose-go types (e.g. `services.*.deploy.replicas`,
 * `services.*.privileged`) are cast to numbers / booleans, as `docker compose config` prints them.
 * Containers are rebuilt with their source locations copied, so `getLoc(newParent, key)` still
 * answers. `!reset` markers pass through; an `!override`'s value is interpolated in place.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import type { VariableUse } from "./model";
import { copyAllLocs, formatPath, getLoc, getSelfLoc, type PathSegment, type SourceLocation } from "./source-map";
import { isMapping, isOverrideTag, isResetTag, OverrideTag } from "./tags";
import { substituteTemplate, type SubstituteResult } from "./template";
import { goQuote } from "@/lib/env/go-quote";

export interface InterpolationLookupResult {
  value: string;
  /** the project env file that set the variable (absent for e.g. the process environment) */
  file?: string;
  line?: number;
}

export interface InterpolateTreeOptions {
  value: unknown;
  /** must answer the same for a name throughout one call: each distinct string is substituted once */
  lookup: (name: string) => InterpolationLookupResult | undefined;
  /** the compose file the tree was parsed from (used when a value has no recorded location) */
  file: string;
  /** cast strings at compose-go's typed paths to numbers / booleans (default true) */
  castTypes?: boolean;
}

export interface InterpolatedTree {
  value: unknown;
  /** per interpolated string (formatted path): the variables it used */
  interpolations: Record<string, VariableUse[]>;
}

/** Deepest nesting followed; deeper trees are left as they are (the YAML phase limits depth first). */
export const MAX_INTERPOLATION_DEPTH = 1000;
/** Most values visited in one tree (alias expansion can multiply nodes). */
export const MAX_INTERPOLATION_NODES = 1_000_000;

/** Levels of the walk whose containers the cycle guard keeps in a list. */
const SHALLOW_LEVELS = 16;

type Cast = (value: string) => { value: unknown; error?: string; warning?: string };

const toInt: Cast = (v) =>
  /^[+-]?\d+$/.test(v) && Number.isSafeInteger(Number(v))
    ? { value: Number(v) }
    : { value: v, error: `strconv.Atoi: parsing ${goQuote(v)}: invalid syntax` };

const toInt64: Cast = (v) =>
  /^[+-]?\d+$/.test(v) && Number.isSafeInteger(Number(v))
    ? { value: Number(v) }
    : { value: v, error: `strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax` };

const FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;
const toFloat: Cast = (v) =>
  FLOAT.test(v) ? { value: Number(v) } : { value: v, error: `strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax` };

const toBoolean: Cast = (v) => {
  switch (v.toLowerCase()) {
    case "true":
      return { value: true };
    case "false":
      return { value: false };
    case "y":
    case "yes":
    case "on":
      return { value: true, warning: `${goQuote(v)} for boolean is not supported by YAML 1.2, please use \`true\`` };
    case "n":
    case "no":
    case "off":
      return { value: false, warning: `${goQuote(v)} for boolean is not supported by YAML 1.2, please use \`false\`` };
    default:
      return { value: v, error: `invalid boolean: ${v}` };
  }
};

/** compose-go `interpolateTypeCastMapping`: `*` is any key, `[]` any list item. */
const CAST_PATHS: [readonly string[], Cast][] = [
  ...(
    [
      [["cpu_count"], toInt64],
      [["cpu_percent"], toFloat],
      [["cpu_period"], toInt64],
      [["cpu_quota"], toInt64],
      [["cpu_rt_period"], toInt64],
      [["cpu_rt_runtime"], toInt64],
      [["cpus"], toFloat],
      [["cpu_shares"], toInt64],
      [["init"], toBoolean],
      [["depends_on", "*", "required"], toBoolean],
      [["depends_on", "*", "restart"], toBoolean],
      [["deploy", "replicas"], toInt],
      [["deploy", "update_config", "parallelism"], toInt],
      [["deploy", "update_config", "max_failure_ratio"], toFloat],
      [["deploy", "rollback_config", "parallelism"], toInt],
      [["deploy", "rollback_config", "max_failure_ratio"], toFloat],
      [["deploy", "restart_policy", "max_attempts"], toInt],
      [["deploy", "placement", "max_replicas_per_node"], toInt],
      [["healthcheck", "retries"], toInt],
      [["healthcheck", "disable"], toBoolean],
      [["oom_kill_disable"], toBoolean],
      [["oom_score_adj"], toInt64],
      [["pids_limit"], toInt64],
      [["ports", "[]", "target"], toInt],
      [["privileged"], toBoolean],
      [["read_only"], toBoolean],
      [["scale"], toInt],
      [["stdin_open"], toBoolean],
      [["tty"], toBoolean],
      [["ulimits", "*"], toInt],
      [["ulimits", "*", "hard"], toInt],
      [["ulimits", "*", "soft"], toInt],
      [["volumes", "[]", "read_only"], toBoolean],
      [["volumes", "[]", "volume", "nocopy"], toBoolean],
    ] as [string[], Cast][]
  ).map(([p, c]): [readonly string[], Cast] => [["services", "*", ...p], c]),
  [["networks", "*", "external"], toBoolean],
  [["networks", "*", "internal"], toBoolean],
  [["networks", "*", "attachable"], toBoolean],
  [["networks", "*", "enable_ipv4"], toBoolean],
  [["networks", "*", "enable_ipv6"], toBoolean],
  [["volumes", "*", "external"], toBoolean],
  [["secrets", "*", "external"], toBoolean],
  [["configs", "*", "external"], toBoolean],
];

function pathMatches(path: readonly PathSegment[], pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => {
    const seg = path[i];
    if (p === "*") return true;
    if (p === "[]") return typeof seg === "number";
    return seg === p;
  });
}

/** `CAST_PATHS` by pattern length, in their order (most paths have a length no pattern has). */
const CAST_PATHS_BY_LENGTH: Map<number, [readonly string[], Cast][]> = (() => {
  const byLength = new Map<number, [readonly string[], Cast][]>();
  for (const entry of CAST_PATHS) {
    const list = byLength.get(entry[0].length) ?? [];
    list.push(entry);
    byLength.set(entry[0].length, list);
  }
  return byLength;
})();

function castFor(path: readonly PathSegment[]): Cast | undefined {
  const candidates = CAST_PATHS_BY_LENGTH.get(path.length);
  if (!candidates) return undefined;
  const last = path[path.length - 1];
  for (const [pattern, cast] of candidates) {
    const end = pattern[pattern.length - 1];
    if (end !== last && end !== "*" && end !== "[]") continue; // the common miss, decided on one segment
    if (pathMatches(path, pattern)) return cast;
  }
  return undefined;
}

/** Sets an own property even for `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Interpolates every string value of a parsed compose tree. Never throws. */
export function interpolateTree({ value, lookup, file, castTypes = true }: InterpolateTreeOptions): PhaseResult<InterpolatedTree> {
  const issues: Issue[] = [];
  const interpolations: Record<string, VariableUse[]> = {};
  // the containers being walked (the cycle guard): the first levels in a list, searched (cheaper
  // than hashing every container), deeper ones in a set
  const shallow: object[] = [];
  const deep = new Set<object>();
  let visited = 0;
  let exhausted = false;

  const where = (parent: unknown, key: PathSegment | undefined, path: PathSegment[]) => {
    const loc: SourceLocation | undefined = key === undefined ? getSelfLoc(parent) : (getLoc(parent, key) ?? getSelfLoc(parent));
    return { file: loc?.file ?? file, line: loc?.line, col: loc?.col, path: formatPath(path) };
  };

  /** each distinct string is substituted once per tree (the lookup answers the same for a name) */
  const substitutions = new Map<string, { result: SubstituteResult; uses: VariableUse[] }>();
  const substitute = (s: string) => {
    const known = substitutions.get(s);
    if (known) return known;
    const origins = new Map<string, InterpolationLookupResult>();
    const result = substituteTemplate({
      template: s,
      lookup: (name) => {
        const found = lookup(name);
        if (found) origins.set(name, found);
        return found?.value;
      },
    });
    const uses: VariableUse[] = result.variables.map(({ name, set }) => {
      const origin = set ? origins.get(name) : undefined;
      const use: VariableUse = { name };
      if (origin?.file !== undefined) use.file = origin.file;
      if (origin?.line !== undefined) use.line = origin.line;
      return use;
    });
    const substituted = { result, uses };
    substitutions.set(s, substituted);
    return substituted;
  };

  const interpolateString = (s: string, path: PathSegment[], parent: unknown, key: PathSegment | undefined): unknown => {
    // no `$`: nothing to substitute (the template gives the text back, naming no variable)
    if (!s.includes("$")) return castString(s, path, parent, key);
    const { result, uses } = substitute(s);
    const p = formatPath(path);
    // the strings that substitute alike share their list of uses (read-only, like the whole result)
    if (uses.length > 0) interpolations[p] = uses;
    for (const name of result.unset) {
      issues.push(
        issue("UNSET_VARIABLE", `The ${goQuote(name)} variable is not set. Defaulting to a blank string.`, {
          severity: "warning",
          ...where(parent, key, path),
        }),
      );
    }
    if (result.error) {
      if (result.error.kind === "invalid_template") {
        issues.push(
          issue(
            "INTERPOLATION_SYNTAX",
            `invalid interpolation format for ${p}.\nYou may need to escape any $ with another $.\n${result.error.template ?? s}`,
            where(parent, key, path),
          ),
        );
      } else {
        issues.push(issue("REQUIRED_VARIABLE", `error while interpolating ${p}: ${result.error.message}`, where(parent, key, path)));
      }
      return s;
    }
    return castString(result.value ?? s, path, parent, key);
  };

  /** `substituted` cast to the type the attribute at `path` expects, if any. */
  const castString = (substituted: string, path: PathSegment[], parent: unknown, key: PathSegment | undefined): unknown => {
    const cast = castTypes ? castFor(path) : undefined;
    if (!cast) return substituted;
    const casted = cast(substituted);
    if (casted.error) {
      issues.push(
        issue("INVALID_VALUE", `error while interpolating ${formatPath(path)}: failed to cast to expected type: ${casted.error}`, where(parent, key, path)),
      );
      return substituted;
    }
    if (casted.warning) issues.push(issue("YAML11_BOOLEAN", casted.warning, { severity: "warning", ...where(parent, key, path) }));
    return casted.value;
  };

  const walk = (node: unknown, path: PathSegment[], parent: unknown, key: PathSegment | undefined): unknown => {
    if (exhausted) return node;
    if (++visited > MAX_INTERPOLATION_NODES || path.length > MAX_INTERPOLATION_DEPTH) {
      exhausted = true;
      issues.push(
        issue("RESOURCE_EXHAUSTION", "the document is too large or too deeply nested to interpolate; the rest is left as written", where(parent, key, path)),
      );
      return node;
    }
    if (typeof node === "string") return interpolateString(node, path, parent, key);
    if (node === null || typeof node !== "object") return node;
    if (isResetTag(node)) return node;
    if (shallow.includes(node) || deep.has(node)) return node;
    const isShallow = shallow.length < SHALLOW_LEVELS;
    if (isShallow) shallow.push(node);
    else deep.add(node);
    try {
      if (isOverrideTag(node)) {
        const out = new OverrideTag(walk(node.value, path, parent, key));
        copyAllLocs(node, out);
        return out;
      }
      // containers in which nothing changed are returned as they are; the others are copied
      if (Array.isArray(node)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < node.length; i++) {
          const item: unknown = node[i];
          path.push(i);
          const v = walk(item, path, node, i);
          path.pop();
          if (!out && v !== item) {
            out = node.slice(0, i);
            copyAllLocs(node, out);
          }
          out?.push(v);
        }
        return out ?? node;
      }
      if (isMapping(node) && (Object.getPrototypeOf(node) === Object.prototype || Object.getPrototypeOf(node) === null)) {
        let out: Record<string, unknown> | undefined;
        const keys = Object.keys(node);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as string;
          const before = node[k];
          path.push(k);
          const v = walk(before, path, node, k);
          path.pop();
          if (!out && v !== before) {
            out = {};
            copyAllLocs(node, out);
            for (let j = 0; j < i; j++) {
              const kj = keys[j] as string;
              setOwn(out, kj, node[kj]);
            }
          }
          if (out) setOwn(out, k, v);
        }
        return out ?? node;
      }
      return node;
    } finally {
      if (isShallow) shallow.pop();
      else deep.delete(node);
    }
  };

  const out = walk(value, [], undefined, undefined);
  return { value: { value: out, interpolations }, issues };
}
