/** Deep copy of plain YAML data that carries every source location along. */
import { copyAllLocs } from "../source-map";
import { isMapping } from "../tags";
import { setOwn } from "./context";

export function cloneWithLocs<T>(value: T, depth = 0): T {
  if (depth > 200) return value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => cloneWithLocs(v, depth + 1));
    copyAllLocs(value, out);
    return out as T;
  }
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      setOwn(out, k, cloneWithLocs(value[k], depth + 1));
    }
    copyAllLocs(value, out);
    return out as T;
  }
  return value;
}
