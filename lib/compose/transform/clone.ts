/** Deep copy of plain YAML data that carries every source location along. */
import { copyAllLocs } from "../source-map";
import { isMapping } from "../tags";
import { setOwn } from "./context";

export function cloneWithLocs<T>(value: T, depth = 0): T {
  if (depth > 200) return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => cloneWithLocs(v, depth + 1));
    copyAllLocs(value, out);
    return out as T;
  }
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneWithLocs(v, depth + 1));
    copyAllLocs(value, out);
    return out as T;
  }
  return value;
}
