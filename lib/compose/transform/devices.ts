/**
 * `devices`: `"src[:dst[:perms]]"` becomes `{source, target, permissions}` (permissions
 * default `rwm`, target defaults to source), compose-go `transformDeviceMapping`;
 * `gpus: all` becomes `[{count: all}]`; GPU / device requests without `count` nor
 * `device_ids` get `count: all` (`deviceRequestDefaults`).
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { issueAt, typeName, type TransformOptions } from "./context";

export function parseDeviceSpec(spec: string): { value: { source: string; target: string; permissions: string }; error?: string } {
  const parts = spec.split(":");
  if (parts.length > 3) {
    return { value: { source: "", target: "", permissions: "rwm" }, error: `confusing device mapping, please use long syntax: ${spec}` };
  }
  const source = parts[0] ?? "";
  const target = parts[1] || source;
  const permissions = parts[2] ?? "rwm";
  return { value: { source, target, permissions } };
}

export function transformDevices({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for devices`, { path, loc, file }));
    return { value, issues };
  }
  const out: unknown[] = [];
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((item, i) => {
    setLoc(out, i, getLoc(value, i));
    if (typeof item === "string") {
      const parsed = parseDeviceSpec(item);
      if (parsed.error !== undefined) {
        issues.push(issueAt("INVALID_VALUE", parsed.error, { path: [...path, i], loc: getLoc(value, i) ?? loc, file }));
        out.push(item);
      } else out.push(parsed.value);
    } else if (isMapping(item)) {
      const d = { ...item };
      copyAllLocs(item, d);
      out.push(d);
    } else {
      issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(item)} for device`, { path: [...path, i], loc: getLoc(value, i) ?? loc, file }));
      out.push(item);
    }
  });
  return { value: out, issues };
}

/** Device requests (`gpus`, `deploy.resources.reservations.devices`): `count: all` unless `count` or `device_ids` is set. */
export function transformDeviceRequests({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (typeof value === "string") return { value: [{ count: "all" }], issues: [] };
  if (!Array.isArray(value)) {
    return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for device requests`, { path, loc, file })] };
  }
  const out = value.map((item) => {
    if (!isMapping(item)) return item;
    const r: Record<string, unknown> = { ...item };
    copyAllLocs(item, r);
    if (!("count" in r) && !("device_ids" in r)) r.count = "all";
    return r;
  });
  copyAllLocs(value, out);
  return { value: out, issues: [] };
}
