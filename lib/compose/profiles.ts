/**
 * Profiles (compose-go `Project.WithProfiles` + `checkConsistency`): a service with
 * no `profiles` is always active; one with profiles is active when any of them is
 * enabled (`*` enables all). Inactive services leave the model and are listed in
 * `inactiveServices`.
 *
 * Like compose-go, enabling profiles does not pull in dependencies: an active
 * service whose `depends_on` names an inactive service is an error unless that
 * dependency is `required: false`.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import type { ComposeProject } from "./model";
import { copyAllLocs, getLoc } from "./source-map";
import { isMapping } from "./tags";

export interface ApplyProfilesOptions {
  project: ComposeProject;
  /** explicit profiles; when undefined, `COMPOSE_PROFILES` from `env` */
  profiles?: string[];
  /** project environment (for COMPOSE_PROFILES) */
  env?: Record<string, string | undefined>;
}

export interface ProfilesResult {
  project: ComposeProject;
  activeProfiles: string[];
  inactiveServices: string[];
}

/** `COMPOSE_PROFILES=a, b` → `["a", "b"]` */
export function parseProfileList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function isServiceActive(serviceProfiles: readonly string[] | undefined, active: readonly string[]): boolean {
  if (!serviceProfiles || serviceProfiles.length === 0) return true;
  if (active.includes("*")) return true;
  return serviceProfiles.some((p) => active.includes(p));
}

export function applyProfiles({ project, profiles, env = {} }: ApplyProfilesOptions): PhaseResult<ProfilesResult> {
  const issues: Issue[] = [];
  const activeProfiles = profiles ?? parseProfileList(env.COMPOSE_PROFILES);
  const services: ComposeProject["services"] = {};
  const inactiveServices: string[] = [];
  for (const [name, service] of Object.entries(project.services ?? {})) {
    const list = isMapping(service) && Array.isArray(service.profiles) ? service.profiles.map(String) : [];
    if (isServiceActive(list, activeProfiles)) {
      services[name] = service;
    } else {
      inactiveServices.push(name);
      const loc = getLoc(project.services, name);
      issues.push(
        issue("PROFILE_INACTIVE", `service "${name}" is left out: its profiles (${list.join(", ")}) are not active`, {
          severity: "info",
          path: `services.${name}`,
          file: loc?.file,
          line: loc?.line,
          col: loc?.col,
        }),
      );
    }
  }
  for (const [name, service] of Object.entries(services)) {
    const deps = isMapping(service) && isMapping(service.depends_on) ? (service.depends_on as Record<string, { required?: boolean }>) : {};
    for (const [dep, cfg] of Object.entries(deps)) {
      if (dep in services || !inactiveServices.includes(dep)) continue;
      const required = cfg?.required !== false;
      const loc = getLoc(deps, dep) ?? getLoc(project.services, name);
      issues.push(
        issue(
          "UNKNOWN_SERVICE_REFERENCE",
          required
            ? `service "${name}" depends on "${dep}", which is not active with profiles [${activeProfiles.join(", ")}] (compose refuses this; enable one of its profiles or mark the dependency required: false)`
            : `service "${name}" has an optional dependency on "${dep}", which is not active with profiles [${activeProfiles.join(", ")}]`,
          {
            severity: required ? "error" : "info",
            path: `services.${name}.depends_on.${dep}`,
            file: loc?.file,
            line: loc?.line,
            col: loc?.col,
          },
        ),
      );
    }
  }
  copyAllLocs(project.services, services);
  const out: ComposeProject = { ...project, services };
  copyAllLocs(project, out);
  return { value: { project: out, activeProfiles, inactiveServices }, issues };
}
