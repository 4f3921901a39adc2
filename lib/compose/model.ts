/**
 * The canonical model of one environment: what `docker compose config --format json`
 * prints, plus provenance (where each value came from). This is the contract between
 * `lib/compose` (which produces it) and `lib/parity` (which compares several).
 */
import type { Issue } from "./issues";
import type { SourceLocation } from "./source-map";

/** An uploaded file as the user gave it. */
export interface InputFile {
  /** the name the user gave (e.g. `.env.prod-sample`) */
  name: string;
  /** the path compose files refer to it by (e.g. `.env.prod`); defaults to `name` */
  as?: string;
  content: string;
}

export type FileKind = "compose" | "env" | "procfile";

export interface EnvironmentInput {
  name: string;
  /** files in load order (compose files merge in this order; project env files apply in this order, later wins) */
  files: InputFile[];
  /** explicit profiles; when absent, COMPOSE_PROFILES from the project env files is used */
  profiles?: string[];
  /** project name; defaults to a name derived from the first compose file, like compose does from the folder */
  projectName?: string;
}

export interface PortConfig {
  name?: string;
  target: number;
  /** a string, like compose: `"8000"`, `"8000-8005"`, or `""` (absent) */
  published?: string;
  host_ip?: string;
  protocol: string;
  mode: string;
  app_protocol?: string;
}

export interface VolumeConfig {
  type: "bind" | "volume" | "tmpfs" | "npipe" | "image" | "cluster";
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: "z" | "Z" };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
}

export interface DependsOnConfig {
  condition: "service_started" | "service_healthy" | "service_completed_successfully";
  required: boolean;
  restart?: boolean;
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  target?: string;
  args?: Record<string, string | null>;
  [key: string]: unknown;
}

export interface ServiceConfig {
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  env_file?: { path: string; required: boolean; format?: string }[];
  ports?: PortConfig[];
  expose?: string[];
  volumes?: VolumeConfig[];
  depends_on?: Record<string, DependsOnConfig>;
  links?: string[];
  networks?: Record<string, Record<string, unknown> | null>;
  network_mode?: string;
  profiles?: string[];
  restart?: string;
  healthcheck?: Record<string, unknown>;
  deploy?: Record<string, unknown>;
  labels?: Record<string, string>;
  secrets?: Record<string, unknown>[];
  configs?: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface ComposeProject {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
  secrets?: Record<string, Record<string, unknown>>;
  configs?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Where a container env var's value came from. */
export interface EnvValueSource {
  /** `environment` (compose file), `env_file` (a service env file), `procfile-config` (Heroku config var), `unknown` (env file not uploaded) */
  kind: "environment" | "env_file" | "procfile-config" | "unknown";
  file?: string;
  line?: number;
  col?: number;
  /** variables interpolated into the value, with the file that set each (absent = unset) */
  variables?: VariableUse[];
}

export interface VariableUse {
  name: string;
  /** project env file that set it; absent when unset (default used or empty) */
  file?: string;
  line?: number;
}

export interface GraphNode {
  id: string;
  kind: "service" | "external";
  image?: string;
  build?: string;
  ports: string[];
  profiles: string[];
  /** for external backing services: the host they were found at */
  host?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: "depends_on" | "links" | "network" | "env-url";
  /** env key / network name the edge comes from */
  via?: string;
}

export interface ServiceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The result of loading one environment. */
export interface LoadedEnvironment {
  name: string;
  files: { name: string; as: string; kind: FileKind }[];
  /** the canonical model (active services only) */
  project: ComposeProject;
  /** services left out by inactive profiles */
  inactiveServices: string[];
  activeProfiles: string[];
  /** project-level variables used for interpolation, with their origin (values kept; callers redact) */
  variables: Record<string, { value: string; file: string; line: number }>;
  /** per service, per env key: where the value came from */
  envSources: Record<string, Record<string, EnvValueSource>>;
  /** per interpolated value (formatted path): the variables it used */
  interpolations: Record<string, VariableUse[]>;
  /** formatted path (see `formatPath`) → where it was written (a lazy `LocationIndex`: JSON writes it as a record) */
  locations: ReadonlyMap<string, SourceLocation>;
  graph: ServiceGraph;
  issues: Issue[];
}
