/**
 * Phase "normalize" (compose-go `loader/normalize.go`): the defaults compose adds
 * to a loaded project.
 * - services without `networks` (and without `network_mode` / `provider`) join the
 *   `default` network, which is declared when used;
 * - networks, volumes, secrets and configs without a `name` are named
 *   `<project>_<key>` (external ones: `<key>`);
 * - implicit `depends_on` from `links`, `network_mode`/`ipc`/`pid`/`uts`/`cgroup:
 *   service:x` (`restart: true`) and `volumes_from` (`restart: false`); explicit
 *   entries win;
 * - `build.context` defaults to `.`, `build.dockerfile` to `Dockerfile`;
 * - bare `environment` keys and `build.args` take their value from `env` (args not
 *   found are dropped, environment keys are kept as `null`);
 * - volume targets are cleaned like Go's `path.Clean`;
 * - `pre_start` hooks without an image inherit the service's image;
 * - `pull_policy: if_not_present` becomes `missing`.
 * It accepts the canonical model and, like compose-go, the raw list forms of
 * `environment`, `build.args` and `depends_on`. Pure: what changes is copied first (see `copyMapping`).
 */
import type { Issue, PhaseResult } from "./issues";
import type { ComposeProject } from "./model";
import { copyAllLocs, getLoc, setLoc, type SourceLocation } from "./source-map";
import { isMapping } from "./tags";
import { goString, issueAt, typeName, setOwn } from "./transform/context";
import { cleanPath } from "./transform/volumes";

export interface NormalizeOptions {
  project: ComposeProject;
  /** the variables compose resolves bare environment keys / build args from */
  env: Readonly<Record<string, string | undefined>>;
}

type Lookup = (key: string) => string | undefined;

/**
 * The phase copies on write: the project, its services and every container it changes are
 * copied (with their locations) before the change; the rest is shared with the input, which
 * is never modified.
 */
function copyMapping(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    setOwn(out, k, value[k]);
  }
  copyAllLocs(value, out);
  return out;
}

function copyList(value: unknown[]): unknown[] {
  const out = value.slice();
  copyAllLocs(value, out);
  return out;
}

/** compose-go `resolve`: fills `KEY` / `KEY: null` from the lookup. */
function resolveValues(value: unknown, lookup: Lookup, keepEmpty: boolean): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      if (typeof item !== "string") return;
      if (item.includes("=")) {
        setLoc(out, out.length, getLoc(value, i));
        out.push(item);
        return;
      }
      const found = lookup(item);
      if (found === undefined && !keepEmpty) return;
      setLoc(out, out.length, getLoc(value, i));
      out.push(found === undefined ? item : `${item}=${found}`);
    });
    return out;
  }
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== null && v !== undefined) setOwn(out, k, v);
      else {
        const found = lookup(k);
        if (found !== undefined) setOwn(out, k, found);
        else if (keepEmpty) setOwn(out, k, null);
        else continue;
      }
      setLoc(out, k, getLoc(value, k));
    }
    return out;
  }
  return value;
}

const NAMESPACES = ["network_mode", "ipc", "pid", "uts", "cgroup"] as const;

function implicitDependency(
  dependsOn: Record<string, unknown>,
  name: string,
  restart: boolean,
  loc: SourceLocation | undefined,
): void {
  if (Object.hasOwn(dependsOn, name)) return;
  setOwn(dependsOn, name, { condition: "service_started", restart, required: true });
  setLoc(dependsOn, name, loc);
}

function normalizeService(service: Record<string, unknown>, lookup: Lookup): void {
  if (service.pull_policy === "if_not_present") service.pull_policy = "missing";

  if (isMapping(service.build)) {
    const build = copyMapping(service.build);
    service.build = build;
    if (build.context === null || build.context === undefined) build.context = ".";
    if ((build.dockerfile === null || build.dockerfile === undefined) && (build.dockerfile_inline === null || build.dockerfile_inline === undefined)) {
      build.dockerfile = "Dockerfile";
    }
    if ("args" in build) build.args = resolveValues(build.args, lookup, false);
  }
  if ("environment" in service) service.environment = resolveValues(service.environment, lookup, true);

  let dependsOn: Record<string, unknown> = {};
  if (isMapping(service.depends_on)) dependsOn = copyMapping(service.depends_on);
  else if (Array.isArray(service.depends_on)) {
    for (const [i, n] of service.depends_on.entries()) {
      if (typeof n !== "string") continue;
      setOwn(dependsOn, n, { condition: "service_started", required: true });
      setLoc(dependsOn, n, getLoc(service.depends_on, i));
    }
  }

  if (Array.isArray(service.links)) {
    service.links.forEach((l, i) => {
      if (typeof l !== "string") return;
      const parts = l.split(":");
      const target = parts.length === 2 ? (parts[0] ?? l) : l;
      implicitDependency(dependsOn, target, true, getLoc(service.links, i));
    });
  }
  for (const ns of NAMESPACES) {
    const ref = service[ns];
    if (typeof ref === "string" && ref.startsWith("service:")) {
      implicitDependency(dependsOn, ref.slice("service:".length), true, getLoc(service, ns));
    }
  }
  if (Array.isArray(service.volumes)) {
    const volumes = service.volumes;
    let copy: unknown[] | undefined;
    for (let i = 0; i < volumes.length; i++) {
      const v: unknown = volumes[i];
      if (!isMapping(v) || typeof v.target !== "string") continue;
      const target = cleanPath(v.target);
      if (target === v.target) continue;
      copy ??= copyList(volumes);
      const entry = copyMapping(v);
      entry.target = target;
      copy[i] = entry;
    }
    if (copy) service.volumes = copy;
  }
  if (Array.isArray(service.volumes_from)) {
    service.volumes_from.forEach((v, i) => {
      if (typeof v !== "string" || v.startsWith("container:")) return;
      implicitDependency(dependsOn, v.split(":")[0] ?? v, false, getLoc(service.volumes_from, i));
    });
  }
  if (Object.keys(dependsOn).length > 0) service.depends_on = dependsOn;

  if (Array.isArray(service.pre_start) && typeof service.image === "string" && service.image !== "") {
    const hooks = service.pre_start;
    let copy: unknown[] | undefined;
    for (let i = 0; i < hooks.length; i++) {
      const hook: unknown = hooks[i];
      if (!isMapping(hook) || "image" in hook) continue;
      copy ??= copyList(hooks);
      const entry = copyMapping(hook);
      entry.image = service.image;
      copy[i] = entry;
    }
    if (copy) service.pre_start = copy;
  }
}

function normalizeNetworks(project: Record<string, unknown>): void {
  const networks: Record<string, unknown> = isMapping(project.networks) ? copyMapping(project.networks) : {};
  let usesDefault = false;
  if (isMapping(project.services)) {
    for (const service of Object.values(project.services)) {
      if (!isMapping(service) || "provider" in service || "network_mode" in service) continue;
      const nets = service.networks;
      if (nets === undefined || (isMapping(nets) && Object.keys(nets).length === 0) || nets === null) {
        service.networks = { default: null };
        usesDefault = true;
      } else if (isMapping(nets) && "default" in nets) usesDefault = true;
    }
  }
  if (!("default" in networks) && usesDefault) networks.default = null;
  if (Object.keys(networks).length > 0) project.networks = networks;
}

const isTrue = (x: unknown) => x === true || (typeof x === "string" && ["1", "t", "T", "TRUE", "true", "True"].includes(x));

function setNameFromKey(project: Record<string, unknown>): void {
  for (const section of ["networks", "volumes", "configs", "secrets"]) {
    if (!isMapping(project[section])) continue;
    const top = copyMapping(project[section] as Record<string, unknown>);
    project[section] = top;
    for (const [key, r] of Object.entries(top)) {
      const resource: Record<string, unknown> = isMapping(r) ? r : {};
      if (resource.name === null || resource.name === undefined) {
        const named = resource === r ? copyMapping(resource) : resource;
        named.name = isTrue(resource.external) ? key : `${goString(project.name ?? "")}_${key}`;
        setOwn(top, key, named);
        continue;
      }
      setOwn(top, key, resource);
    }
  }
}

export function normalizeProject({ project, env }: NormalizeOptions): PhaseResult<ComposeProject> {
  const issues: Issue[] = [];
  if (!isMapping(project)) {
    issues.push(issueAt("INVALID_VALUE", `top-level object must be a mapping, not a ${typeName(project)}`, { path: [] }));
    return { value: { name: "", services: {} }, issues };
  }
  const out = copyMapping(project);
  if (isMapping(out.services)) {
    const services = copyMapping(out.services);
    for (const name of Object.keys(services)) {
      const service = services[name];
      if (isMapping(service)) setOwn(services, name, copyMapping(service));
    }
    out.services = services;
  }
  const lookup: Lookup = (k) => (Object.hasOwn(env, k) ? env[k] : undefined);
  normalizeNetworks(out);
  if (isMapping(out.services)) {
    for (const service of Object.values(out.services)) if (isMapping(service)) normalizeService(service, lookup);
  }
  setNameFromKey(out);
  return { value: out as ComposeProject, issues };
}
