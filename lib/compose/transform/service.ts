/**
 * One service to its canonical form: dispatches each attribute to its transform
 * (compose-go `transform/canonical.go` + the decoding of `types.ServiceConfig`),
 * casts boolean and numeric fields, copies everything else with its locations.
 */
import type { Issue, PhaseResult } from "../issues";
import { childLocs, copyAllLocs, getLoc, type PathSegment } from "../source-map";
import { isMapping } from "../tags";
import { castField, type NumberKind } from "./booleans";
import { transformBuild } from "./build";
import { transformUnitBytes } from "./bytes";
import { transformDuration } from "./duration";
import { cloneWithLocs } from "./clone";
import { transformCommand } from "./command";
import { issueAt, typeName, type TransformOptions, setOwn } from "./context";
import { transformDependsOn } from "./depends-on";
import { transformDeviceRequests, transformDevices } from "./devices";
import { transformEnvFile } from "./env-file";
import { transformMappingWithEquals } from "./environment";
import { transformExtends } from "./extends";
import { transformExtraHosts } from "./extra-hosts";
import { transformFileMounts } from "./file-mounts";
import { transformHealthcheck } from "./healthcheck";
import { transformStringMapping } from "./labels";
import { transformServiceNetworks } from "./networks";
import { transformPorts } from "./ports";
import { omitEmptyEntries, transformStringList } from "./string-list";
import { transformUlimits } from "./ulimits";
import { transformVolumes } from "./volumes";

type Transform = (o: TransformOptions) => PhaseResult<unknown>;

/** compose-go `types.ServiceHook` (pre_start, post_start, pre_stop entries). */
function transformHooks({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!Array.isArray(value)) {
    return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for hooks: expected a list`, { path, loc, file })] };
  }
  const out = value.map((hook, i) => {
    if (!isMapping(hook)) return hook;
    const h: Record<string, unknown> = cloneWithLocs(hook);
    const at = (k: string) => ({ value: hook[k], path: [...path, i, k], file, loc: getLoc(hook, k) });
    for (const [k, t] of [
      ["command", transformCommand],
      ["environment", transformMappingWithEquals],
    ] as const) {
      if (!(k in hook)) continue;
      const r = t(at(k));
      setOwn(h, k, r.value);
      issues.push(...r.issues);
    }
    castField(h, "privileged", "bool", { path: [...path, i], file, loc: getLoc(hook, "privileged") }, issues);
    castField(h, "per_replica", "bool", { path: [...path, i], file, loc: getLoc(hook, "per_replica") }, issues);
    return h;
  });
  copyAllLocs(value, out);
  return { value: out, issues };
}

/** `deploy`: labels as a mapping, reservation device requests with `count: all`, numeric casts. */
function transformDeploy({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!isMapping(value)) {
    return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for deploy`, { path, loc, file })] };
  }
  const out: Record<string, unknown> = cloneWithLocs(value);
  if ("labels" in value) {
    const r = transformStringMapping({ value: value.labels, path: [...path, "labels"], file, loc: getLoc(value, "labels") });
    out.labels = r.value;
    issues.push(...r.issues);
  }
  castField(out, "replicas", "int", { path, file, loc: getLoc(value, "replicas") }, issues);
  for (const [section, fields] of [
    ["update_config", [["parallelism", "int"], ["max_failure_ratio", "float"]]],
    ["rollback_config", [["parallelism", "int"], ["max_failure_ratio", "float"]]],
    ["restart_policy", [["max_attempts", "int"]]],
    ["placement", [["max_replicas_per_node", "int"]]],
  ] as const) {
    const s = out[section];
    if (!isMapping(s)) continue;
    for (const [f, kind] of fields) castField(s, f, kind, { path: [...path, section], file, loc: getLoc(s, f) }, issues);
  }
  for (const [section, fields] of [
    ["restart_policy", ["delay", "window"]],
    ["update_config", ["delay", "monitor"]],
    ["rollback_config", ["delay", "monitor"]],
  ] as const) {
    const s = out[section];
    if (!isMapping(s)) continue;
    for (const f of fields) {
      if (!(f in s)) continue;
      const r = transformDuration({ value: s[f], path: [...path, section, f], file, loc: getLoc(s, f) });
      s[f] = r.value;
      issues.push(...r.issues);
    }
  }
  const resources = out.resources;
  if (isMapping(resources)) {
    for (const kind of ["limits", "reservations"]) {
      const r = resources[kind];
      if (!isMapping(r)) continue;
      const at = [...path, "resources", kind];
      castField(r, "cpus", "float", { path: at, file, loc: getLoc(r, "cpus") }, issues);
      if ("memory" in r) {
        const m = transformUnitBytes({ value: r.memory, path: [...at, "memory"], file, loc: getLoc(r, "memory") });
        r.memory = m.value;
        issues.push(...m.issues);
      }
    }
  }
  if (isMapping(resources) && isMapping(resources.reservations) && "devices" in resources.reservations) {
    const reservations = resources.reservations;
    const r = transformDeviceRequests({
      value: reservations.devices,
      path: [...path, "resources", "reservations", "devices"],
      file,
      loc: getLoc(reservations, "devices"),
    });
    reservations.devices = r.value;
    issues.push(...r.issues);
  }
  return { value: out, issues };
}

/** `develop.watch[*].ignore` / `include`: string or list → list. */
function transformDevelop({ value, path, file }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const out = cloneWithLocs(value);
  if (isMapping(out) && Array.isArray(out.watch)) {
    out.watch.forEach((w: unknown, i: number) => {
      if (!isMapping(w)) return;
      for (const k of ["ignore", "include"]) {
        if (!(k in w)) continue;
        const r = transformStringList({ value: w[k], path: [...path, "watch", i, k], file, loc: getLoc(w, k) });
        setOwn(w, k, r.value);
        issues.push(...r.issues);
      }
    });
  }
  return { value: out, issues };
}

const SERVICE_TRANSFORMS: Record<string, Transform> = {
  annotations: transformStringMapping,
  build: transformBuild,
  command: transformCommand,
  configs: transformFileMounts,
  depends_on: transformDependsOn,
  deploy: transformDeploy,
  develop: transformDevelop,
  devices: transformDevices,
  dns: (o) => {
    const r = transformStringList(o);
    return { value: omitEmptyEntries(r.value), issues: r.issues };
  },
  dns_search: transformStringList,
  entrypoint: transformCommand,
  env_file: transformEnvFile,
  environment: transformMappingWithEquals,
  expose: (o) => transformStringList({ ...o, numbers: true }),
  extends: transformExtends,
  extra_hosts: transformExtraHosts,
  gpus: transformDeviceRequests,
  healthcheck: transformHealthcheck,
  label_file: transformStringList,
  labels: transformStringMapping,
  models: transformServiceNetworks,
  networks: transformServiceNetworks,
  ports: transformPorts,
  post_start: transformHooks,
  pre_start: transformHooks,
  pre_stop: transformHooks,
  mem_limit: transformUnitBytes,
  mem_reservation: transformUnitBytes,
  mem_swappiness: transformUnitBytes,
  memswap_limit: transformUnitBytes,
  secrets: (o) => transformFileMounts({ ...o, defaultSecretTarget: true }),
  shm_size: transformUnitBytes,
  stop_grace_period: transformDuration,
  sysctls: transformStringMapping,
  tmpfs: transformStringList,
  ulimits: transformUlimits,
  volumes: transformVolumes,
};

const BOOLEAN_FIELDS = ["attach", "init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty", "use_api_socket"];
const NUMBER_FIELDS: [string, NumberKind][] = [
  ["cpu_count", "int"],
  ["cpu_percent", "float"],
  ["cpu_period", "int"],
  ["cpu_quota", "int"],
  ["cpu_rt_period", "int"],
  ["cpu_rt_runtime", "int"],
  ["cpus", "float"],
  ["cpu_shares", "int"],
  ["oom_score_adj", "int"],
  ["pids_limit", "int"],
  ["scale", "int"],
];

export function transformService({ value, path, file, loc }: TransformOptions & { path: readonly PathSegment[] }): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (value === null || value === undefined) return { value: {}, issues };
  if (!isMapping(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for a service: expected a mapping`, { path, loc, file }));
    return { value, issues };
  }
  const out: Record<string, unknown> = {};
  copyAllLocs(value, out);
  const locs = childLocs(value);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = value[k];
    const transform = Object.hasOwn(SERVICE_TRANSFORMS, k) ? SERVICE_TRANSFORMS[k] : undefined;
    if (!transform || (v === null && k !== "command" && k !== "entrypoint")) {
      setOwn(out, k, cloneWithLocs(v));
      continue;
    }
    const r = transform({ value: v, path: [...path, k], file, loc: locs?.get(k) ?? loc });
    setOwn(out, k, r.value);
    issues.push(...r.issues);
  }
  for (const f of BOOLEAN_FIELDS) if (f in out) castField(out, f, "bool", { path, file, loc: getLoc(value, f) }, issues);
  for (const [f, kind] of NUMBER_FIELDS) if (f in out) castField(out, f, kind, { path, file, loc: getLoc(value, f) }, issues);
  return { value: out, issues };
}
