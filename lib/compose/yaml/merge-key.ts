/**
 * `<<` merge keys, as the reference applies them: the value (a mapping, an alias to one, or a
 * sequence of those) is merged shallowly at the place the key is written; keys already in the
 * mapping are kept, and explicit keys written later replace merged ones (the caller sets them).
 * A merged key keeps the location it had in its source, or the merge key's.
 * Anything but mappings to merge declines (the reference reports it).
 */
import { getLoc, setLoc, type SourceLocation } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";
import { decline } from "./decline";

/** Sets an own property, even for keys such as `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function isPlainMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof ResetTag) && !(v instanceof OverrideTag);
}

/** Merges `value` (the merge key's value, already read) into `out`. */
export function applyMergeValue(out: Record<string, unknown>, value: unknown, keyLoc: SourceLocation): void {
  const sources = Array.isArray(value) ? value : [value];
  for (const source of sources) {
    if (!isPlainMapping(source)) decline("merge source is not a mapping");
    for (const key of Object.keys(source)) {
      if (Object.prototype.hasOwnProperty.call(out, key)) continue;
      setOwn(out, key, source[key]);
      setLoc(out, key, getLoc(source, key) ?? keyLoc);
    }
  }
}
