/**
 * Builds hand-written `LoadedEnvironment` fixtures for parity tests: only the
 * services are required; provenance defaults to "written in the compose file".
 */
import type { EnvValueSource, LoadedEnvironment, ServiceConfig } from "@/lib/compose/model";
import type { SourceLocation } from "@/lib/compose/source-map";
import type { RuleContext } from "../rule-kit";
import { matchServices } from "../match-services";
import { inferRole, type Role } from "../roles";

export interface EnvironmentFixture {
  name: string;
  services: Record<string, ServiceConfig>;
  composeFile?: string;
  envSources?: Record<string, Record<string, EnvValueSource>>;
  variables?: LoadedEnvironment["variables"];
  locations?: Record<string, SourceLocation>;
  inactiveServices?: string[];
  files?: LoadedEnvironment["files"];
}

/** Every `environment` key gets an `environment` source and a location in the compose file. */
export function makeEnvironment(f: EnvironmentFixture): LoadedEnvironment {
  const file = f.composeFile ?? `compose.${f.name}.yml`;
  const envSources: Record<string, Record<string, EnvValueSource>> = {};
  const locations: Record<string, SourceLocation> = {};
  let line = 1;
  for (const [svc, cfg] of Object.entries(f.services)) {
    locations[`services.${svc}`] = { file, line: line++, col: 3 };
    if (cfg.image) locations[`services.${svc}.image`] = { file, line: line++, col: 5 };
    for (const [key, value] of Object.entries(cfg.environment ?? {})) {
      const loc = { file, line: line++, col: 7 };
      locations[`services.${svc}.environment.${key}`] = loc;
      (envSources[svc] ??= {})[key] = { kind: "environment", file, line: loc.line, col: loc.col };
      void value;
    }
    (cfg.ports ?? []).forEach((_, i) => (locations[`services.${svc}.ports[${i}]`] = { file, line: line++, col: 7 }));
    (cfg.volumes ?? []).forEach((_, i) => (locations[`services.${svc}.volumes[${i}]`] = { file, line: line++, col: 7 }));
    if (cfg.command) locations[`services.${svc}.command`] = { file, line: line++, col: 5 };
  }
  for (const [svc, keys] of Object.entries(f.envSources ?? {})) envSources[svc] = { ...(envSources[svc] ?? {}), ...keys };
  return {
    name: f.name,
    files: f.files ?? [{ name: file, as: file, kind: "compose" }],
    project: { name: "fixture", services: f.services },
    inactiveServices: f.inactiveServices ?? [],
    activeProfiles: [],
    variables: f.variables ?? {},
    envSources,
    interpolations: {},
    locations: new Map(Object.entries({ ...locations, ...(f.locations ?? {}) })),
    graph: { nodes: Object.keys(f.services).map((id) => ({ id, kind: "service" as const, ports: [], profiles: [] })), edges: [] },
    issues: [],
  };
}

/** A rule context over fixtures, roles inferred from names unless given. */
export function makeContext(envs: LoadedEnvironment[], roles: Partial<Record<string, Role>> = {}): RuleContext {
  return {
    environments: envs.map((env) => ({ name: env.name, role: roles[env.name] ?? inferRole(env.name), env })),
    groups: matchServices({ environments: envs }).value,
    fingerprintKey: "test-key",
  };
}

/** Short port config. */
export function port(target: number, published?: string, extra: { host_ip?: string; protocol?: string } = {}) {
  return { target, ...(published !== undefined ? { published } : {}), protocol: extra.protocol ?? "tcp", mode: "ingress", ...(extra.host_ip ? { host_ip: extra.host_ip } : {}) };
}
