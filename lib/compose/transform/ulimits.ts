/**
 * `ulimits` (service and build): each limit is a number (`nofile: 65535`) or
 * `{soft, hard}`; numeric text is cast to integers like compose-go's interpolation casts.
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField, transformNumber } from "./booleans";
import { issueAt, typeName, type TransformOptions, setOwn } from "./context";

export function transformUlimits({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!isMapping(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for ulimits`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, unknown> = {};
  copyAllLocs(value, out);
  for (const [name, limit] of Object.entries(value)) {
    const at = { path: [...path, name], loc: getLoc(value, name) ?? loc, file };
    if (isMapping(limit)) {
      const l: Record<string, unknown> = { ...limit };
      copyAllLocs(limit, l);
      castField(l, "soft", "int", at, issues);
      castField(l, "hard", "int", at, issues);
      setOwn(out, name, l);
    } else {
      const r = transformNumber({ value: limit, ...at, kind: "int" });
      issues.push(...r.issues);
      setOwn(out, name, r.value);
    }
  }
  return { value: out, issues };
}
