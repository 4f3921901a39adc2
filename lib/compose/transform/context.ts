/**
 * Shared plumbing for the per-attribute transforms: one options shape, one way to
 * report an issue at the place a raw value was written.
 */
import { issue, type Issue, type IssueCode, type IssueSeverity } from "../issues";
import { formatPath, getLoc, type PathSegment, type SourceLocation } from "../source-map";

export interface TransformOptions<T = unknown> {
  /** the raw value (after merge and interpolation) */
  value: T;
  /** where the value sits in the project, e.g. `["services", "web", "ports"]` */
  path: readonly PathSegment[];
  /** file to blame when the value has no recorded location */
  file?: string;
  /** where the value itself was written (its children carry their own locations) */
  loc?: SourceLocation;
}

/** Builds an issue at `loc` (falling back to `file`) with the formatted `path`. */
export function issueAt(
  code: IssueCode,
  message: string,
  where: { path: readonly PathSegment[]; loc?: SourceLocation; file?: string; severity?: IssueSeverity },
): Issue {
  const { path, loc, file, severity = "error" } = where;
  return issue(code, message, {
    severity,
    file: loc?.file ?? file,
    line: loc?.line,
    col: loc?.col,
    path: formatPath(path),
  });
}

/** Location of `container[key]`, or `fallback` when none was recorded. */
export function locOf(container: unknown, key: PathSegment, fallback?: SourceLocation): SourceLocation | undefined {
  return getLoc(container, key) ?? fallback;
}

/** Go's `fmt.Sprint` for the values YAML gives us (bounded: deep or cyclic data prints as `...`). */
export function goString(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "symbol") return v.description ?? "";
  if (typeof v === "function") return "<func>";
  if (depth > 20) return "...";
  if (Array.isArray(v)) return `[${v.map((x) => goString(x, depth + 1)).join(" ")}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, x]) => `${k}:${goString(x, depth + 1)}`).join(" ")}]`;
}

/** A short name for a value's type in messages (`string`, `number`, `mapping`, `list`...). */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "mapping";
  return typeof v;
}

/** Sets an own property, even for a key named `__proto__` (plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
