/**
 * `healthcheck`: `test` written as a string becomes `["CMD-SHELL", text]`
 * (compose-go `HealthCheckTest`); `retries` is cast to an integer, `disable` to a
 * boolean. Durations (`interval`, `timeout`, `start_period`, `start_interval`)
 * stay as written: we do not re-print them the way Go's `time.Duration` would.
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

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
  castField(out, "retries", "int", { path, file, loc: getLoc(value, "retries") }, issues);
  castField(out, "disable", "bool", { path, file, loc: getLoc(value, "disable") }, issues);
  return { value: out, issues };
}
