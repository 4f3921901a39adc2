/**
 * `build`: a context path becomes `{context}` (compose-go `transformBuild`); inside
 * the mapping, `args` is a `MappingWithEquals`, `labels`/`additional_contexts` are
 * mappings, list-or-string fields become lists, `ssh` becomes a mapping,
 * `secrets` long syntax, `extra_hosts` a sorted list; `context` defaults to `.`.
 * Paths stay as written.
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";
import { transformMappingWithEquals } from "./environment";
import { transformExtraHosts } from "./extra-hosts";
import { transformFileMounts } from "./file-mounts";
import { transformStringMapping } from "./labels";
import { transformStringList } from "./string-list";
import { transformUlimits } from "./ulimits";
import { transformUnitBytes } from "./bytes";

/** `build.ssh`: `[default, id=path]` → `{default: null, id: path}`. */
export function transformSsh({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (isMapping(value)) {
    const out = { ...value };
    copyAllLocs(value, out);
    return { value: out, issues };
  }
  if (typeof value === "string") return transformSsh({ value: [value], path, file, loc });
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for ssh`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, string | null> = {};
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((item, i) => {
    const at = { path: [...path, i], loc: getLoc(value, i) ?? loc, file };
    if (typeof item !== "string") {
      issues.push(issueAt("INVALID_VALUE", `invalid ssh key type ${typeName(item)}`, at));
      return;
    }
    const eq = item.indexOf("=");
    if (eq < 0) {
      if (item !== "default") {
        issues.push(issueAt("INVALID_VALUE", `invalid ssh key ${JSON.stringify(item)}`, at));
        return;
      }
      setOwn(out, item, null);
    } else setOwn(out, item.slice(0, eq), item.slice(eq + 1));
    setLoc(out, eq < 0 ? item : item.slice(0, eq), getLoc(value, i));
  });
  return { value: out, issues };
}

const LIST_FIELDS = ["cache_from", "cache_to", "no_cache_filter", "tags", "platforms"];
const BOOLEAN_FIELDS = ["no_cache", "pull", "privileged"];

export function transformBuild({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (typeof value === "string") {
    const out = { context: value };
    setLoc(out, "context", loc);
    return { value: out, issues };
  }
  if (!isMapping(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for build`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, unknown> = {};
  copyAllLocs(value, out);
  for (const [k, v] of Object.entries(value)) {
    const opts = { value: v, path: [...path, k], file, loc: getLoc(value, k) ?? loc };
    let r: PhaseResult<unknown> | undefined;
    if (k === "args") r = transformMappingWithEquals(opts);
    else if (k === "labels") r = transformStringMapping(opts);
    else if (k === "additional_contexts") r = transformStringMapping({ ...opts, requireEquals: true });
    else if (k === "extra_hosts") r = transformExtraHosts(opts);
    else if (k === "ssh") r = transformSsh(opts);
    else if (k === "secrets") r = transformFileMounts(opts);
    else if (k === "ulimits") r = transformUlimits(opts);
    else if (k === "shm_size") r = transformUnitBytes(opts);
    else if (LIST_FIELDS.includes(k)) r = transformStringList(opts);
    else if ((k === "provenance" || k === "sbom") && typeof v !== "string") r = { value: goString(v), issues: [] };
    if (r) {
      setOwn(out, k, r.value);
      issues.push(...r.issues);
    } else setOwn(out, k, v);
  }
  for (const f of BOOLEAN_FIELDS) castField(out, f, "bool", { path, file, loc: getLoc(value, f) }, issues);
  if (!("context" in out)) out.context = ".";
  return { value: out, issues };
}
