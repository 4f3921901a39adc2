/**
 * Top-level `networks`, `volumes`, `secrets`, `configs` entries: the deprecated
 * `external: {name: x}` becomes `external: true` + `name: x` (compose-go
 * `transformMaybeExternal`), with a warning; `external`, `internal`,
 * `attachable`, `enable_ipv4`, `enable_ipv6` are cast to booleans.
 */
import type { Issue, PhaseResult } from "../issues";
import { formatPath, copyAllLocs, getLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

const BOOLEAN_FIELDS = ["external", "internal", "attachable", "enable_ipv4", "enable_ipv6"];

export function transformResource({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (value === null || value === undefined) return { value: null, issues };
  if (!isMapping(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)}: expected a mapping`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, unknown> = { ...value };
  copyAllLocs(value, out);
  const ext = value.external;
  if (isMapping(ext)) {
    out.external = true;
    if ("name" in ext) {
      const at = { path: [...path, "external", "name"], loc: getLoc(ext, "name") ?? getLoc(value, "external") ?? loc, file };
      issues.push(issueAt("OBSOLETE_ATTRIBUTE", `${formatPath(path)}: external.name is deprecated. Please set name and external: true`, { ...at, severity: "warning" }));
      if ("name" in value && value.name !== ext.name) {
        issues.push(issueAt("INVALID_VALUE", `${formatPath(path)}: name and external.name conflict; only use name`, at));
      } else if (!("name" in value)) {
        out.name = typeof ext.name === "string" ? ext.name : goString(ext.name);
      }
    }
  }
  for (const f of BOOLEAN_FIELDS) castField(out, f, "bool", { path, file, loc: getLoc(value, f) }, issues);
  return { value: out, issues };
}
