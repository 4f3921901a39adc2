/**
 * `services.*.networks` (and `models`): a list of names becomes a mapping of
 * name → `null` (compose-go `transformStringSliceToMap`); a mapping stays.
 */
import type { PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";

export function transformServiceNetworks({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (Array.isArray(value)) {
    const out: Record<string, null> = {};
    setSelfLoc(out, getSelfLoc(value));
    value.forEach((name, i) => {
      const key = goString(name);
      setOwn(out, key, null);
      setLoc(out, key, getLoc(value, i));
    });
    return { value: out, issues: [] };
  }
  if (isMapping(value)) {
    const out: Record<string, unknown> = { ...value };
    copyAllLocs(value, out);
    return { value: out, issues: [] };
  }
  return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for networks`, { path, loc, file })] };
}
