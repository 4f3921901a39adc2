/**
 * `env_file`: a path or a list of paths / `{path, required, format}` becomes a list
 * of `{path, required}` with `required: true` unless written otherwise
 * (compose-go `transform/envfile.go`). Paths stay as written.
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { issueAt, typeName, type TransformOptions } from "./context";

export function transformEnvFile({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (typeof value === "string") {
    const out = [{ path: value, required: true }];
    setLoc(out, 0, loc);
    return { value: out, issues };
  }
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for env_file`, { path, loc, file }));
    return { value, issues };
  }
  const out: unknown[] = [];
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((item, i) => {
    const at = { path: [...path, i], loc: getLoc(value, i) ?? loc, file };
    if (typeof item === "string") {
      setLoc(out, out.length, getLoc(value, i));
      out.push({ path: item, required: true });
    } else if (isMapping(item)) {
      const entry: Record<string, unknown> = { ...item };
      copyAllLocs(item, entry);
      if (!("required" in entry)) entry.required = true;
      castField(entry, "required", "bool", { ...at, loc: getLoc(item, "required") }, issues);
      setLoc(out, out.length, getLoc(value, i));
      out.push(entry);
    } else {
      issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(item)} for env_file entry`, at));
    }
  });
  return { value: out, issues };
}
