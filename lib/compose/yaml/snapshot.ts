/**
 * A comparable picture of what a YAML reader built: values with their exact types and key
 * order, every location of the side table (self, keys, items) and the tag markers. Used by the
 * tests to hold the fast path to the reference.
 */
import { getLoc, getSelfLoc, type SourceLocation } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";

export type Snapshot =
  | null
  | boolean
  | string
  | { number: string }
  | { reset: true }
  | { override: Snapshot }
  | { self: string | undefined; items: [string | undefined, Snapshot][] }
  | { self: string | undefined; entries: [string, string | undefined, Snapshot][] };

function where(loc: SourceLocation | undefined): string | undefined {
  return loc ? `${loc.file}:${loc.line}:${loc.col}` : undefined;
}

export function snapshot(value: unknown): Snapshot {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return { number: Object.is(value, -0) ? "-0" : String(value) };
  if (value instanceof ResetTag) return { reset: true };
  if (value instanceof OverrideTag) return { override: snapshot(value.value) };
  if (Array.isArray(value)) {
    return { self: where(getSelfLoc(value)), items: value.map((v, i) => [where(getLoc(value, i)), snapshot(v)]) };
  }
  if (typeof value === "object") {
    if (Object.getPrototypeOf(value) !== Object.prototype) return { number: `unexpected object ${String(value)}` };
    return {
      self: where(getSelfLoc(value)),
      entries: Object.keys(value).map((k) => [k, where(getLoc(value, k)), snapshot((value as Record<string, unknown>)[k])]),
    };
  }
  return { number: `unexpected ${typeof value}` };
}
