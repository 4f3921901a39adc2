/**
 * `services.*.secrets`, `services.*.configs`, `build.secrets`: a name becomes
 * `{source: name}` (compose-go `transformFileMount`); service secrets default
 * their `target` to `/run/secrets/<source>` (`defaultSecretMount`).
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

export function transformFileMounts({
  value,
  path,
  file,
  loc,
  defaultSecretTarget = false,
}: TransformOptions & { defaultSecretTarget?: boolean }): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)}: expected a list`, { path, loc, file }));
    return { value, issues };
  }
  const out: unknown[] = [];
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((item, i) => {
    setLoc(out, i, getLoc(value, i));
    let mount: Record<string, unknown>;
    if (typeof item === "string") mount = { source: item };
    else if (isMapping(item)) {
      mount = { ...item };
      copyAllLocs(item, mount);
    } else {
      issues.push(issueAt("INVALID_VALUE", `unsupported type ${typeName(item)}`, { path: [...path, i], loc: getLoc(value, i) ?? loc, file }));
      out.push(item);
      return;
    }
    if (defaultSecretTarget && !("target" in mount)) mount.target = `/run/secrets/${goString(mount.source ?? "")}`;
    out.push(mount);
  });
  return { value: out, issues };
}
