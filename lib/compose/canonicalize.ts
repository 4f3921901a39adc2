/**
 * Phase "canonicalize": the merged, interpolated, schema-validated raw project to
 * the canonical `ComposeProject` (compose-go `transform.Canonical` +
 * `transform.SetDefaultValues` + the decoding into `types.Project`): every
 * attribute in its long form, booleans and numbers cast. Pure: the input is not
 * changed; every container built keeps the location of the raw value it came from.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import type { ComposeProject } from "./model";
import { copyAllLocs, getLoc } from "./source-map";
import { isMapping } from "./tags";
import { cloneWithLocs } from "./transform/clone";
import { goString, issueAt, typeName, setOwn } from "./transform/context";
import { transformResource } from "./transform/external";
import { transformService } from "./transform/service";

export interface CanonicalizeOptions {
  /** the raw project: plain data from YAML, after merge and interpolation */
  project: unknown;
  /** file to blame for issues on values without a recorded location */
  file?: string;
}

const RESOURCE_SECTIONS = ["networks", "volumes", "secrets", "configs"] as const;

export function canonicalize({ project, file }: CanonicalizeOptions): PhaseResult<ComposeProject> {
  const issues: Issue[] = [];
  if (!isMapping(project)) {
    issues.push(issue("INVALID_VALUE", `top-level object must be a mapping, not a ${typeName(project)}`, { file }));
    return { value: { name: "", services: {} }, issues };
  }
  const out: Record<string, unknown> = {};
  copyAllLocs(project, out);
  for (const [key, value] of Object.entries(project)) {
    const loc = getLoc(project, key);
    if (key === "version") {
      issues.push(
        issueAt("OBSOLETE_ATTRIBUTE", "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion", {
          path: ["version"],
          loc,
          file,
          severity: "warning",
        }),
      );
      continue;
    }
    if (key === "services") {
      const services: Record<string, unknown> = {};
      copyAllLocs(value, services);
      if (isMapping(value)) {
        for (const [name, raw] of Object.entries(value)) {
          const r = transformService({ value: raw, path: ["services", name], file, loc: getLoc(value, name) });
          setOwn(services, name, r.value);
          issues.push(...r.issues);
        }
      } else if (value !== null && value !== undefined) {
        issues.push(issueAt("INVALID_VALUE", `services must be a mapping, not a ${typeName(value)}`, { path: ["services"], loc, file }));
      }
      out.services = services;
      continue;
    }
    if ((RESOURCE_SECTIONS as readonly string[]).includes(key) && isMapping(value)) {
      const section: Record<string, unknown> = {};
      copyAllLocs(value, section);
      for (const [name, raw] of Object.entries(value)) {
        const r = transformResource({ value: raw, path: [key, name], file, loc: getLoc(value, name) });
        setOwn(section, name, r.value);
        issues.push(...r.issues);
      }
      setOwn(out, key, section);
      continue;
    }
    if (key === "include" && Array.isArray(value)) {
      const include = value.map((v) => (typeof v === "string" ? { path: v } : cloneWithLocs(v)));
      copyAllLocs(value, include);
      out.include = include;
      continue;
    }
    setOwn(out, key, cloneWithLocs(value));
  }
  if (!("services" in out)) out.services = {};
  if (typeof out.name !== "string") {
    if (out.name !== undefined && out.name !== null) {
      issues.push(issueAt("INVALID_VALUE", `name must be a string, not a ${typeName(out.name)}`, { path: ["name"], loc: getLoc(project, "name"), file }));
    }
    out.name = out.name === undefined || out.name === null ? "" : goString(out.name);
  }
  return { value: out as ComposeProject, issues };
}
