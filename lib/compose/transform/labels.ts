/**
 * String-to-string mappings written as a mapping or a `KEY=VAL` list:
 * - `labels` (compose-go `Labels`) and `annotations`, `sysctls`, `driver_opts`...
 *   (`Mapping`): a missing value becomes `""`;
 * - `build.additional_contexts` (`transformKeyValue`): each item needs a `=`.
 */
import type { Issue, PhaseResult } from "../issues";
import { childLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";

export function transformStringMapping({
  value,
  path,
  file,
  loc,
  requireEquals = false,
}: TransformOptions & { requireEquals?: boolean }): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const out: Record<string, string> = {};
  setSelfLoc(out, getSelfLoc(value));
  if (isMapping(value)) {
    const locs = childLocs(value);
    for (const k of Object.keys(value)) {
      const v = value[k];
      setOwn(out, k, v === null || v === undefined ? "" : goString(v));
      setLoc(out, k, locs?.get(k));
    }
    return { value: out, issues };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const text = goString(item);
      const eq = text.indexOf("=");
      if (eq < 0 && requireEquals) {
        issues.push(
          issueAt("INVALID_VALUE", `invalid value ${text}, expected key=value`, { path: [...path, i], loc: getLoc(value, i) ?? loc, file }),
        );
        continue;
      }
      const key = eq < 0 ? text : text.slice(0, eq);
      setOwn(out, key, eq < 0 ? "" : text.slice(eq + 1));
      setLoc(out, key, getLoc(value, i));
    }
    return { value: out, issues };
  }
  if (value === null || value === undefined) return { value: out, issues };
  issues.push(issueAt("INVALID_VALUE", `unexpected value type ${typeName(value)} for mapping`, { path, loc, file }));
  return { value, issues };
}
