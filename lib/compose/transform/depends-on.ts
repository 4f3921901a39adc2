/**
 * `depends_on`: a list of names becomes `{name: {condition: service_started, required: true}}`;
 * mapping entries get the same defaults (compose-go `transform/dependson.go`);
 * `required`/`restart` given as text are cast to booleans.
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";

export function transformDependsOn({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const out: Record<string, Record<string, unknown>> = {};
  setSelfLoc(out, getSelfLoc(value));
  if (Array.isArray(value)) {
    value.forEach((name, i) => {
      const key = goString(name);
      setOwn(out, key, { condition: "service_started", required: true });
      setLoc(out, key, getLoc(value, i));
    });
    return { value: out, issues };
  }
  if (isMapping(value)) {
    for (const name of Object.keys(value)) {
      const raw = value[name];
      const at = { path: [...path, name], loc: getLoc(value, name) ?? loc, file };
      if (!isMapping(raw)) {
        issues.push(issueAt("INVALID_VALUE", `${name}: unsupported value ${goString(raw)}`, at));
        continue;
      }
      const dep: Record<string, unknown> = { ...raw };
      copyAllLocs(raw, dep);
      if (!("condition" in dep)) dep.condition = "service_started";
      if (!("required" in dep)) dep.required = true;
      castField(dep, "required", "bool", { ...at, loc: getLoc(raw, "required") }, issues);
      castField(dep, "restart", "bool", { ...at, loc: getLoc(raw, "restart") }, issues);
      setOwn(out, name, dep);
      setLoc(out, name, getLoc(value, name));
    }
    return { value: out, issues };
  }
  issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for depends_on`, { path, loc, file }));
  return { value, issues };
}
