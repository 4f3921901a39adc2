/**
 * `healthcheck`: `test` written as a string becomes `["CMD-SHELL", text]`
 * (compose-go `HealthCheckTest`); `retries` is cast to an integer, `disable` to a
 * boolean. Durations (`interval`, `timeout`, `start_period`, `start_interval`)
 * stay text, re-printed the way Go's `time.Duration` prints them (`90s` → `1m30s`).
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { goString, issueAt, typeName, type TransformOptions } from "./context";
import { transformDuration } from "./duration";

export function transformHealthcheck({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!isMapping(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for healthcheck`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, unknown> = { ...value };
  copyAllLocs(value, out);
  if (typeof value.test === "string") out.test = ["CMD-SHELL", value.test];
  else if (Array.isArray(value.test)) {
    const test = value.test.map((t) => (typeof t === "string" ? t : goString(t)));
    copyAllLocs(value.test, test);
    out.test = test;
  }
  for (const k of ["interval", "timeout", "start_period", "start_interval"]) {
    if (!(k in value)) continue;
    const r = transformDuration({ value: value[k], path: [...path, k], file, loc: getLoc(value, k) ?? loc });
    out[k] = r.value;
    issues.push(...r.issues);
  }
  castField(out, "retries", "int", { path, file, loc: getLoc(value, "retries") }, issues);
  castField(out, "disable", "bool", { path, file, loc: getLoc(value, "disable") }, issues);
  return { value: out, issues };
}
