/**
 * Which env file does what.
 *
 * - Env files referenced by a service's `env_file:` feed that service's container
 *   environment. References are matched to the uploaded files by relative path
 *   (from the referencing compose file, `./` normalised), then by base name.
 * - Every other env file is a *project* env file: it feeds `${VAR}` interpolation,
 *   in upload order, later wins (like `--env-file a --env-file b`). A root `.env` is
 *   always a project env file, as compose always reads it, even when a service also
 *   names it in `env_file:`.
 * - A referenced env file that was not uploaded makes its values unknown, not
 *   missing: `ENV_FILE_NOT_UPLOADED` (warning; info when `required: false`).
 * - Container environment = env_file values (in order), overridden by `environment:`
 *   (compose-go `WithServicesEnvironmentResolved`); every value keeps its source.
 * - In an environment made of a Procfile and env files, every env file is the
 *   environment of every process (Heroku config vars, kind `procfile-config`).
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import type { ComposeProject, EnvValueSource, VariableUse } from "./model";
import { copyAllLocs, getLoc } from "./source-map";
import { isMapping } from "./tags";
import { parseEnvFile, type EnvEntry } from "@/lib/env/parse-env-file";

export interface UploadedFile {
  name: string;
  /** the path compose files refer to it by */
  as: string;
  content: string;
}

export interface ProjectVariable {
  value: string;
  file: string;
  line: number;
}

/** Removes `./`, empty and `..` segments (bounded); backslashes become slashes. */
export function normalizeRelPath(path: string): string {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else out.push("..");
      continue;
    }
    out.push(seg);
  }
  return out.join("/");
}

export function dirName(path: string): string {
  const n = normalizeRelPath(path);
  const i = n.lastIndexOf("/");
  return i < 0 ? "" : n.slice(0, i);
}

function baseOf(path: string): string {
  const n = normalizeRelPath(path);
  return n.slice(n.lastIndexOf("/") + 1);
}

export interface FindUploadedFileOptions<F extends { name: string; as: string }> {
  /** the path as written in the compose file */
  ref: string;
  /** the compose file that refers to it (its `as` path) */
  from?: string;
  files: readonly F[];
}

/** The uploaded file a compose reference points at: by relative path first, then by base name. */
export function findUploadedFile<F extends { name: string; as: string }>({ ref, from, files }: FindUploadedFileOptions<F>): F | undefined {
  if (ref.startsWith("/")) {
    const abs = normalizeRelPath(ref);
    return files.find((f) => normalizeRelPath(f.as) === abs) ?? files.find((f) => baseOf(f.as) === baseOf(ref));
  }
  const relative = normalizeRelPath(from ? `${dirName(from)}/${ref}` : ref);
  const plain = normalizeRelPath(ref);
  return (
    files.find((f) => normalizeRelPath(f.as) === relative) ??
    files.find((f) => normalizeRelPath(f.as) === plain) ??
    files.find((f) => baseOf(f.as) === baseOf(ref)) ??
    files.find((f) => baseOf(f.name) === baseOf(ref))
  );
}

/** `env_file:` entries of a raw or canonical service, as `{path, required}`. */
export function envFileEntries(value: unknown): { path: string; required: boolean }[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: { path: string; required: boolean }[] = [];
  for (const item of list) {
    if (typeof item === "string") out.push({ path: item, required: true });
    else if (isMapping(item) && typeof item.path === "string") {
      out.push({ path: item.path, required: item.required !== false && item.required !== "false" });
    }
  }
  return out;
}

export interface ClassifyEnvFilesOptions<F extends { name: string; as: string }> {
  /** raw compose documents with the file (`as`) each came from */
  documents: readonly { value: unknown; file: string }[];
  envFiles: readonly F[];
  /** env files the user named explicitly as project env files (CLI `--env-file`) */
  forcedProjectFiles?: readonly string[];
}

/** Splits env files into service env files (named by some `env_file:`) and project env files. */
export function classifyEnvFiles<F extends { name: string; as: string }>({
  documents,
  envFiles,
  forcedProjectFiles = [],
}: ClassifyEnvFilesOptions<F>): { serviceFiles: F[]; projectFiles: F[] } {
  const referenced = new Set<F>();
  for (const doc of documents) {
    const services = isMapping(doc.value) && isMapping(doc.value.services) ? doc.value.services : {};
    for (const service of Object.values(services)) {
      if (!isMapping(service)) continue;
      for (const entry of envFileEntries(service.env_file)) {
        if (entry.path.includes("$")) continue;
        const hit = findUploadedFile({ ref: entry.path, from: doc.file, files: envFiles });
        if (hit) referenced.add(hit);
      }
    }
  }
  const projectFiles = envFiles.filter(
    (f) => !referenced.has(f) || normalizeRelPath(f.as) === ".env" || forcedProjectFiles.includes(f.name) || forcedProjectFiles.includes(f.as),
  );
  return { serviceFiles: envFiles.filter((f) => referenced.has(f)), projectFiles };
}

function toVariableUses(variables: unknown, lookup: (name: string) => ProjectVariable | undefined): VariableUse[] | undefined {
  if (!Array.isArray(variables) || variables.length === 0) return undefined;
  const out: VariableUse[] = [];
  for (const v of variables) {
    const name = typeof v === "string" ? v : isMapping(v) && typeof v.name === "string" ? v.name : undefined;
    if (!name) continue;
    if (isMapping(v) && typeof v.file === "string") {
      out.push({ name, file: v.file, ...(typeof v.line === "number" ? { line: v.line } : {}) });
      continue;
    }
    const hit = isMapping(v) && v.set === false ? undefined : lookup(name);
    out.push(hit ? { name, file: hit.file, line: hit.line } : { name });
  }
  return out;
}

export interface BuildProjectEnvOptions {
  files: readonly UploadedFile[];
}

/** Project env files in order, later wins; each file may use values set before it. */
export function buildProjectEnv({ files }: BuildProjectEnvOptions): PhaseResult<Record<string, ProjectVariable>> {
  const issues: Issue[] = [];
  const vars: Record<string, ProjectVariable> = {};
  for (const f of files) {
    const parsed = parseEnvFile({
      content: f.content,
      file: f.as,
      lookup: (name: string) => vars[name]?.value,
    });
    issues.push(...parsed.issues);
    for (const entry of parsed.value) {
      if (entry.value === null) continue;
      vars[entry.key] = { value: entry.value, file: f.as, line: entry.line };
    }
  }
  return { value: vars, issues };
}

export interface ResolveEnvFilesOptions {
  project: ComposeProject;
  /** every env file of the environment */
  envFiles: readonly UploadedFile[];
  /** project variables (interpolation environment) */
  variables: Record<string, ProjectVariable>;
  /** per formatted path, the variables an interpolated value used */
  interpolations?: Record<string, VariableUse[]>;
  /** the compose file env_file paths are relative to (the first compose file) */
  baseFile?: string;
  /** Procfile environment: every env file is every process's environment */
  procfileConfig?: boolean;
  /** per service, the `environment` keys written without a value (resolved from the project env) */
  passThroughKeys?: Record<string, string[]>;
}

export interface ResolvedEnv {
  project: ComposeProject;
  envSources: Record<string, Record<string, EnvValueSource>>;
}

/** Key used in `envSources[service]` when an env file that was not uploaded may set more variables. */
export const UNKNOWN_ENV_KEY = "*";

const ENVIRONMENT = ".environment";

/**
 * The variables an `environment` value used, from `interpolations` (keyed by formatted path):
 * `usesOf(service)(key)` answers what
 * `interpolations["services.<service>.environment.<key>"] ?? interpolations["services.<service>.environment[\"<key>\"]"]`
 * (own keys only) answers, without building both paths for every key of every service.
 */
export function environmentUses(interpolations: Record<string, VariableUse[]>): (service: string) => (key: string) => VariableUse[] | undefined {
  // every way of cutting a path into `<prefix>.environment` and the rest: `.<key>` or `[<json>]`
  const byPrefix = new Map<string, { dotted: Map<string, VariableUse[] | undefined>; bracketed: Map<string, VariableUse[] | undefined> }>();
  for (const path of Object.keys(interpolations)) {
    if (!path.startsWith("services.")) continue;
    for (let at = path.indexOf(ENVIRONMENT); at >= 0; at = path.indexOf(ENVIRONMENT, at + 1)) {
      const next = path.charCodeAt(at + ENVIRONMENT.length);
      if (next !== 46 && next !== 91) continue; // `.` or `[`
      const prefix = path.slice(0, at);
      let entry = byPrefix.get(prefix);
      if (!entry) {
        entry = { dotted: new Map(), bracketed: new Map() };
        byPrefix.set(prefix, entry);
      }
      if (next === 46) entry.dotted.set(path.slice(at + ENVIRONMENT.length + 1), interpolations[path]);
      else entry.bracketed.set(path.slice(at + ENVIRONMENT.length), interpolations[path]);
    }
  }
  const none = (): undefined => undefined;
  return (service) => {
    const entry = byPrefix.get(`services.${service}`);
    if (!entry) return none;
    const { dotted, bracketed } = entry;
    return (key) => dotted.get(key) ?? (bracketed.size > 0 ? bracketed.get(`[${JSON.stringify(key)}]`) : undefined);
  };
}

export function resolveEnvFiles({
  project,
  envFiles,
  variables,
  interpolations = {},
  baseFile,
  procfileConfig = false,
  passThroughKeys = {},
}: ResolveEnvFilesOptions): PhaseResult<ResolvedEnv> {
  const issues: Issue[] = [];
  const envSources: Record<string, Record<string, EnvValueSource>> = {};
  const services: ComposeProject["services"] = {};
  const lookupVar = (name: string) => variables[name];
  const seenParseIssues = new Set<string>();
  const parseCache = new Map<UploadedFile, { used: Map<string, string | undefined>; parsed: PhaseResult<EnvEntry[]> }[]>();
  const usesOf = environmentUses(interpolations);

  for (const [name, service] of Object.entries(project.services ?? {})) {
    if (!isMapping(service)) {
      services[name] = service;
      continue;
    }
    const usesIn = usesOf(name);
    const environment: Record<string, string | null> = {};
    const sources: Record<string, EnvValueSource> = {};
    const serviceEnv = isMapping(service.environment) ? (service.environment as Record<string, string | null>) : {};
    const unknownFiles: string[] = [];

    const applyFile = (f: UploadedFile, kind: EnvValueSource["kind"]) => {
      const lookup = (key: string): string | undefined => {
        const pv = variables[key];
        if (pv) return pv.value;
        const sv = serviceEnv[key];
        return typeof sv === "string" ? sv : undefined;
      };
      // many services read the same env file: reuse a parse when every variable it looked up
      // has the same value for this service
      const cached = parseCache.get(f)?.find((c) => [...c.used].every(([k, v]) => lookup(k) === v));
      let parsed: PhaseResult<EnvEntry[]>;
      if (cached) parsed = cached.parsed;
      else {
        const used = new Map<string, string | undefined>();
        parsed = parseEnvFile({
          content: f.content,
          file: f.as,
          lookup: (key: string) => {
            const v = lookup(key);
            used.set(key, v);
            return v;
          },
        });
        const list = parseCache.get(f) ?? [];
        if (list.length < 8) list.push({ used, parsed });
        parseCache.set(f, list);
      }
      issues.push(...parsed.issues.filter((i) => !seenParseIssues.has(`${i.file}:${i.line}:${i.code}`)));
      for (const i of parsed.issues) seenParseIssues.add(`${i.file}:${i.line}:${i.code}`);
      for (const entry of parsed.value) {
        if (entry.value === null) continue;
        environment[entry.key] = entry.value;
        const vars = toVariableUses(entry.variables, lookupVar);
        sources[entry.key] = { kind, file: f.as, line: entry.line, col: entry.col, ...(vars ? { variables: vars } : {}) };
      }
    };

    if (procfileConfig) {
      for (const f of envFiles) applyFile(f, "procfile-config");
    } else {
      const from = baseFile;
      envFileEntries(service.env_file).forEach((entry, index) => {
        const f = entry.path.includes("$") ? undefined : findUploadedFile({ ref: entry.path, from, files: envFiles });
        if (f) {
          applyFile(f, "env_file");
          return;
        }
        unknownFiles.push(entry.path);
        const loc = getLoc(service.env_file, index) ?? getLoc(service, "env_file");
        issues.push(
          issue(
            "ENV_FILE_NOT_UPLOADED",
            entry.required
              ? `service "${name}" reads env_file ${entry.path}, which is not among the uploaded files: the variables it sets are unknown (not missing)`
              : `service "${name}" reads optional env_file ${entry.path} (required: false), which is not uploaded: the variables it may set are unknown`,
            {
              severity: entry.required ? "warning" : "info",
              path: `services.${name}.env_file[${index}]`,
              file: loc?.file,
              line: loc?.line,
              col: loc?.col,
            },
          ),
        );
      });
    }

    const envKeys = Object.keys(serviceEnv);
    for (let i = 0; i < envKeys.length; i++) {
      const key = envKeys[i] as string;
      const value = serviceEnv[key] as string | null;
      environment[key] = value;
      const passThrough = variables[key];
      let src: EnvValueSource;
      if (value === null && unknownFiles.length > 0) {
        src = { kind: "unknown", file: unknownFiles[0] };
      } else {
        const loc = getLoc(service.environment, key);
        src = { kind: "environment" };
        if (loc?.file !== undefined) src.file = loc.file;
        if (loc?.line !== undefined) src.line = loc.line;
        if (loc?.col !== undefined) src.col = loc.col;
        const used = usesIn(key);
        if (used && used.length > 0) src.variables = used;
        else if (passThrough && value === passThrough.value && passThroughKeys[name]?.includes(key)) {
          src.variables = [{ name: key, file: passThrough.file, line: passThrough.line }];
        }
      }
      sources[key] = src;
    }
    if (unknownFiles.length > 0) {
      sources[UNKNOWN_ENV_KEY] = { kind: "unknown", file: unknownFiles.join(", ") };
    }

    const next = { ...service };
    copyAllLocs(service, next);
    const keys = Object.keys(environment);
    if (keys.length > 0 || service.environment !== undefined) {
      const envOut: Record<string, string | null> = {};
      copyAllLocs(service.environment, envOut);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        envOut[k] = environment[k] as string | null;
      }
      next.environment = envOut;
    }
    services[name] = next;
    envSources[name] = sources;
  }
  copyAllLocs(project.services, services);
  const out: ComposeProject = { ...project, services };
  copyAllLocs(project, out);
  return { value: { project: out, envSources }, issues };
}
