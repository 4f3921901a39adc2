/**
 * `environment`, `build.args`, hooks' `environment`: compose-go `MappingWithEquals`.
 * A list of `KEY=VAL` becomes a mapping; a bare `KEY` (no `=`) maps to `null`
 * (resolved later from the environment, see normalize); `KEY=` maps to `""`.
 * Non-string values are printed like Go's `fmt.Sprint`.
 */
import type { Issue, PhaseResult } from "../issues";
import { childLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";

export function transformMappingWithEquals({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const out: Record<string, string | null> = {};
  setSelfLoc(out, getSelfLoc(value));
  if (isMapping(value)) {
    const locs = childLocs(value);
    for (const k of Object.keys(value)) {
      const v = value[k];
      setOwn(out, k, v === null || v === undefined ? null : goString(v));
      setLoc(out, k, locs?.get(k));
    }
    return { value: out, issues };
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const text = goString(item);
      const eq = text.indexOf("=");
      const key = eq < 0 ? text : text.slice(0, eq);
      if (key !== "" && /\s$/.test(key)) {
        issues.push(
          issueAt("INVALID_VALUE", `environment variable ${key} is declared with a trailing space`, {
            path: [...path, i],
            loc: getLoc(value, i) ?? loc,
            file,
          }),
        );
        return;
      }
      setOwn(out, key, eq < 0 ? null : text.slice(eq + 1));
      setLoc(out, key, getLoc(value, i));
    });
    return { value: out, issues };
  }
  if (value === null || value === undefined) return { value: out, issues };
  issues.push(issueAt("INVALID_VALUE", `unexpected value type ${typeName(value)} for mapping`, { path, loc, file }));
  return { value, issues };
}
