/**
 * Loads one environment (a set of uploaded compose files, env files and/or a
 * Procfile) the way Docker Compose v2 (compose-go) would, and returns the canonical
 * model with provenance. The phases run in the order listed in `README.md`.
 *
 * Never throws: every problem is an issue; an unexpected exception becomes `INTERNAL`.
 */
import { issue, type Issue } from "./issues";
import type {
  ComposeProject,
  EnvironmentInput,
  FileKind,
  LoadedEnvironment,
  VariableUse,
} from "./model";
import { collectLocations, formatPath, LocationIndex } from "./source-map";
import { isMapping } from "./tags";
import { detectFileKind, hasTemplateMarkers } from "./detect-file-kind";
import { parseProcfile } from "./procfile";
import {
  buildProjectEnv,
  classifyEnvFiles,
  dirName,
  findUploadedFile,
  normalizeRelPath,
  resolveEnvFiles,
  type ProjectVariable,
  type UploadedFile,
} from "./resolve-env-files";
import { applyProfiles } from "./profiles";
import { applyExtends, type ExtendsSource } from "./extends";
import { applyInclude, readIncludeEntries, type IncludeEntry } from "./include";
import { buildGraph } from "./build-graph";
import { parseYaml } from "./parse-yaml";
import { interpolateTree } from "./interpolate";
import { validateSchema } from "./validate-schema";
import { mergeDocuments } from "./merge";
import { canonicalize } from "./canonicalize";
import { normalizeProject } from "./normalize";

type YamlLimits = NonNullable<Parameters<typeof parseYaml>[0]["limits"]>;

export interface LoadEnvironmentOptions {
  limits?: YamlLimits;
  /** explicit profiles (win over `input.profiles` and `COMPOSE_PROFILES`) */
  profiles?: string[];
  /** env files (by name or `as`) that are project env files even if a service names them (CLI `--env-file`) */
  projectEnvFiles?: string[];
  /** compose-go `SkipNormalization`: no default network, resource names, implicit depends_on, build defaults */
  skipNormalization?: boolean;
  /** compose-go `SkipConsistencyCheck`: no check of references between services (profiles' depends_on) */
  skipConsistencyCheck?: boolean;
}

interface ComposeSource extends UploadedFile {
  kind: FileKind;
}

interface LoadedDoc {
  value: unknown;
  interpolations: Record<string, VariableUse[]>;
}

const MAX_INCLUDE_DEPTH = 32;

export function loadEnvironment(input: EnvironmentInput, options: LoadEnvironmentOptions = {}): LoadedEnvironment {
  try {
    return loadEnvironmentUnsafe(input, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return emptyEnvironment(input, [
      issue("INTERNAL", `unexpected error while loading environment "${safeName(input)}": ${message}`),
    ]);
  }
}

function safeName(input: unknown): string {
  return isMapping(input) && typeof input.name === "string" ? input.name : "environment";
}

function emptyEnvironment(input: unknown, issues: Issue[]): LoadedEnvironment {
  return {
    name: safeName(input),
    files: [],
    project: { name: projectNameFrom(safeName(input)), services: {} },
    inactiveServices: [],
    activeProfiles: [],
    variables: {},
    envSources: {},
    interpolations: {},
    locations: new LocationIndex(),
    graph: { nodes: [], edges: [] },
    issues,
  };
}

/** compose's project name rule: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export function projectNameFrom(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[^a-z0-9]+/, "");
  return name || "default";
}

function loadEnvironmentUnsafe(input: EnvironmentInput, options: LoadEnvironmentOptions): LoadedEnvironment {
  const issues: Issue[] = [];
  if (!isMapping(input) || !Array.isArray(input.files)) {
    return emptyEnvironment(input, [issue("NO_COMPOSE_FILE", "the environment has no files")]);
  }

  // 1. file kinds
  const files: LoadedEnvironment["files"] = [];
  const sources: ComposeSource[] = [];
  for (const f of input.files) {
    if (!isMapping(f) || typeof f.name !== "string" || typeof f.content !== "string") {
      issues.push(issue("INVALID_VALUE", "a file needs a name and text content"));
      continue;
    }
    const as = typeof f.as === "string" && f.as !== "" ? f.as : f.name;
    let detected = detectFileKind({ name: as, content: f.content });
    if (!detected.kind && as !== f.name) {
      const byName = detectFileKind({ name: f.name, content: f.content });
      if (byName.kind) detected = byName;
    }
    issues.push(...detected.issues);
    if (!detected.kind) continue;
    files.push({ name: f.name, as, kind: detected.kind });
    sources.push({ name: f.name, as, content: f.content, kind: detected.kind });
  }
  const composeSources = sources.filter((s) => s.kind === "compose");
  const envSourcesFiles = sources.filter((s) => s.kind === "env");
  const procfiles = sources.filter((s) => s.kind === "procfile");
  const bail = (): LoadedEnvironment => {
    const empty = emptyEnvironment(input, dedupeIssues(foldTemplateEnvIssues(issues, envSourcesFiles)));
    empty.files = files;
    return empty;
  };

  if (composeSources.length === 0 && procfiles.length === 0) {
    if (!issues.some((i) => i.severity === "error")) {
      issues.push(issue("NO_COMPOSE_FILE", "the environment has no compose file nor Procfile"));
    }
    return bail();
  }

  // 2. parse every compose file once
  const parsed = new Map<ComposeSource, unknown>();
  for (const src of composeSources) {
    const result = parseYaml({ content: src.content, file: src.as, ...(options.limits ? { limits: options.limits } : {}) });
    const fileIssues = [...result.issues];
    const failed = fileIssues.some((i) => i.severity === "error");
    if (hasTemplateMarkers(src.content) && !fileIssues.some((i) => i.code === "TEMPLATE_NOT_RENDERED")) {
      fileIssues.push(
        failed
          ? issue("TEMPLATE_NOT_RENDERED", `${src.as} is a Jinja/cookiecutter template that does not parse as YAML: render the template first, then upload the result`, { file: src.as })
          : issue("TEMPLATE_NOT_RENDERED", `${src.as} holds unrendered template markers ({{ }} / {% %}); it loads, but those values are placeholders`, { file: src.as, severity: "warning" }),
      );
    }
    issues.push(...fileIssues);
    if (failed) continue;
    const value = result.value;
    if (value === null || value === undefined) {
      issues.push(issue("EMPTY_FILE", `${src.as} is empty`, { file: src.as, severity: "warning" }));
      continue;
    }
    if (!isMapping(value)) {
      issues.push(issue("NOT_COMPOSE", `${src.as}: the top-level of a compose file must be a mapping`, { file: src.as, line: 1, col: 1 }));
      continue;
    }
    parsed.set(src, value);
  }

  // 3. which env file does what
  const rawDocs = [...parsed.entries()].map(([src, value]) => ({ value, file: src.as }));
  const procfileMode = composeSources.length === 0;
  const classified = procfileMode
    ? { serviceFiles: [], projectFiles: [] as UploadedFile[] }
    : classifyEnvFiles({ documents: rawDocs, envFiles: envSourcesFiles, forcedProjectFiles: options.projectEnvFiles });
  // env files of included projects (include.env_file, or the .env beside an included file) are theirs
  const includeEnvFiles = new Set<UploadedFile>();
  for (const [src, value] of parsed) {
    for (const entry of readIncludeEntries(isMapping(value) ? value.include : undefined, src.as).value) {
      for (const f of includeEnvFilesOf(entry, src.as, envSourcesFiles)) includeEnvFiles.add(f);
    }
  }
  classified.projectFiles = classified.projectFiles.filter((f) => !includeEnvFiles.has(f) || normalizeRelPath(f.as) === ".env");
  const projectEnv = buildProjectEnv({ files: classified.projectFiles });
  issues.push(...projectEnv.issues);
  // env files read only as service env files are parsed (and their issues reported) once each
  const serviceOnly = envSourcesFiles.filter((f) => !classified.projectFiles.includes(f));
  if (!procfileMode) issues.push(...buildProjectEnv({ files: serviceOnly }).issues);
  const variables = projectEnv.value;
  const lookup = (name: string) => {
    const v = variables[name];
    return v ? { value: v.value, file: v.file, line: v.line } : undefined;
  };

  // 4. interpolate each compose file (cached: extends/include may ask for the same file)
  const interpolated = new Map<ComposeSource, LoadedDoc>();
  const interpolate = (src: ComposeSource, look = lookup): LoadedDoc | undefined => {
    const cached = look === lookup ? interpolated.get(src) : undefined;
    if (cached) return cached;
    const raw = parsed.get(src);
    if (raw === undefined) return undefined;
    const result = interpolateTree({ value: raw, lookup: look, file: src.as });
    issues.push(...result.issues.map(softenRequiredVariable));
    const doc = { value: result.value.value, interpolations: rekeyEnvironmentPaths(result.value.value, result.value.interpolations) };
    if (look === lookup) interpolated.set(src, doc);
    return doc;
  };

  // compose files named by `include` or `extends.file` are loaded through those, not as overrides
  const referenced = new Set<ComposeSource>();
  for (const [src, value] of parsed) {
    for (const entry of readIncludeEntries(isMapping(value) ? value.include : undefined, src.as).value) {
      for (const p of entry.paths) {
        const hit = findUploadedFile({ ref: p, from: src.as, files: composeSources });
        if (hit && hit !== src) referenced.add(hit);
      }
    }
    const services = isMapping(value) && isMapping(value.services) ? value.services : {};
    for (const s of Object.values(services)) {
      if (isMapping(s) && isMapping(s.extends) && typeof s.extends.file === "string") {
        const hit = findUploadedFile({ ref: s.extends.file, from: src.as, files: composeSources });
        if (hit && hit !== src) referenced.add(hit);
      }
    }
  }
  const topLevel = composeSources.filter((s) => parsed.has(s) && !referenced.has(s));
  if (topLevel.length === 0 && parsed.size > 0) {
    // every file is included by another (a cycle): load them all as overrides
    topLevel.push(...composeSources.filter((s) => parsed.has(s)));
  }

  const interpolations: Record<string, VariableUse[]> = {};

  // the base file as written (interpolated); `applyExtends` follows its own extends, with the
  // chain of file:service it is resolving, so cycles across files are caught there (compose-go
  // also skips the base file's includes)
  const resolveExtendsFile = (ref: string, from: string): ExtendsSource | undefined => {
    const hit = findUploadedFile({ ref, from, files: composeSources });
    if (!hit) return undefined;
    const doc = interpolate(hit);
    return doc ? { file: hit.as, document: doc.value } : undefined;
  };

  const loadOne = (src: ComposeSource, chain: readonly string[], look = lookup): unknown => {
    const doc = interpolate(src, look);
    if (!doc) return undefined;
    if (look === lookup) Object.assign(interpolations, doc.interpolations);
    const included = applyInclude({
      document: doc.value,
      file: src.as,
      chain,
      loadIncluded: (entry, from, nextChain) => loadIncluded(entry, from, nextChain),
    });
    issues.push(...included.issues);
    const extended = applyExtends({ document: included.value, file: src.as, resolveFile: resolveExtendsFile });
    issues.push(...extended.issues);
    return extended.value;
  };

  const loadIncluded = (entry: IncludeEntry, from: string, chain: readonly string[]) => {
    const out: Issue[] = [];
    const docs: { value: unknown; file: string }[] = [];
    const fromLoc = { file: from, path: `include[${entry.index}]` };
    if (chain.length > MAX_INCLUDE_DEPTH) {
      out.push(issue("INCLUDE_NOT_FOUND", `include chain deeper than ${MAX_INCLUDE_DEPTH}`, fromLoc));
      return { value: undefined, issues: out };
    }
    // include.env_file (uploaded ones) — by default the `.env` beside the included file — add to
    // the interpolation environment of the included files; the including project's values win
    // (compose-go `Mapping.Merge`)
    let look = lookup;
    const extra = includeEnvFilesOf(entry, from, envSourcesFiles);
    if (extra.length > 0) {
      const extraVars = buildProjectEnv({ files: extra }).value;
      look = (name: string) => {
        const v: ProjectVariable | undefined = variables[name] ?? extraVars[name];
        return v ? { value: v.value, file: v.file, line: v.line } : undefined;
      };
    }
    for (const p of entry.paths) {
      const hit = findUploadedFile({ ref: p, from, files: composeSources });
      if (!hit) {
        out.push(issue("INCLUDE_NOT_FOUND", `include ${p} is not among the uploaded files; upload it with the same environment`, fromLoc));
        return { value: undefined, issues: out };
      }
      if (chain.includes(hit.as)) {
        out.push(issue("INCLUDE_NOT_FOUND", `include cycle detected: ${[...chain, hit.as].join(" -> ")}`, fromLoc));
        return { value: undefined, issues: out };
      }
      if (!parsed.has(hit)) return { value: undefined, issues: out };
      docs.push({ value: loadOne(hit, chain, look), file: hit.as });
    }
    const merged = mergeDocuments({ documents: docs });
    out.push(...merged.issues);
    return { value: merged.value, issues: out };
  };

  let project: ComposeProject;
  let baseFile: string | undefined;
  if (procfileMode) {
    const proc = procfiles[0] as ComposeSource;
    if (procfiles.length > 1) {
      issues.push(issue("PROCFILE_SYNTAX", `only one Procfile per environment is read (${proc.as}); the others are ignored`, { severity: "warning" }));
    }
    const doc = parseProcfile({ content: proc.content, file: proc.as });
    issues.push(...doc.issues);
    if (doc.issues.some((i) => i.severity === "error" && i.code === "TEMPLATE_NOT_RENDERED")) {
      return bail();
    }
    const canon = canonicalize({ project: doc.value, file: proc.as });
    issues.push(...canon.issues);
    project = canon.value;
    baseFile = proc.as;
  } else {
    for (const p of procfiles) {
      issues.push(
        issue("PROCFILE_SYNTAX", `${p.as} is ignored: this environment has compose files, which define its services`, { file: p.as, severity: "info" }),
      );
    }
    if (topLevel.length === 0) {
      return bail();
    }
    const docs = topLevel.map((src) => ({ value: loadOne(src, []), file: src.as }));
    baseFile = topLevel[0]?.as;
    // merge runs the unicity pass after each file, like compose-go's loader
    const merged = mergeDocuments({ documents: docs });
    issues.push(...merged.issues);
    issues.push(...validateSchema({ value: merged.value, file: baseFile ?? "" }));
    const canon = canonicalize({ project: merged.value, ...(baseFile ? { file: baseFile } : {}) });
    issues.push(...canon.issues);
    project = canon.value;
  }

  // project name: explicit, `name:`, COMPOSE_PROJECT_NAME, else the folder of the first file or the environment name
  const declared = !procfileMode && typeof project.name === "string" && project.name !== "" ? project.name : undefined;
  const folder = baseFile ? dirName(baseFile).split("/").pop() : undefined;
  const name = input.projectName ?? declared ?? variables.COMPOSE_PROJECT_NAME?.value ?? (folder || input.name);
  const { name: _declaredName, ...rest } = project;
  project = { name: projectNameFrom(String(name)), ...rest };

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(variables)) env[k] = v.value;

  // pass-through `environment` keys (no value) before normalisation resolves them
  const passThroughKeys: Record<string, string[]> = {};
  for (const [svc, s] of Object.entries(project.services ?? {})) {
    const environment = s.environment ?? {};
    const keys = Object.keys(environment).filter((k) => environment[k] === null);
    if (keys.length > 0) passThroughKeys[svc] = keys;
  }

  if (!options.skipNormalization) {
    const normalized = normalizeProject({ project, env });
    issues.push(...normalized.issues);
    project = normalized.value;
  }

  const profiles = applyProfiles({
    project,
    profiles: options.profiles ?? input.profiles,
    env: { COMPOSE_PROFILES: env.COMPOSE_PROFILES },
  });
  issues.push(...(options.skipConsistencyCheck ? profiles.issues.filter((i) => i.code !== "UNKNOWN_SERVICE_REFERENCE") : profiles.issues));
  project = profiles.value.project;

  const resolved = resolveEnvFiles({
    project,
    envFiles: procfileMode ? envSourcesFiles : envSourcesFiles,
    variables,
    interpolations,
    ...(baseFile ? { baseFile } : {}),
    procfileConfig: procfileMode,
    passThroughKeys,
  });
  issues.push(...resolved.issues);
  project = resolved.value.project;

  const graph = buildGraph({ project });
  const locations = collectLocations(project);

  return {
    name: input.name,
    files,
    project,
    inactiveServices: profiles.value.inactiveServices,
    activeProfiles: profiles.value.activeProfiles,
    variables,
    envSources: resolved.value.envSources,
    interpolations,
    locations,
    graph,
    issues: dedupeIssues(foldTemplateEnvIssues(issues, envSourcesFiles)),
  };
}

/** The env files an include entry reads: its `env_file`s (uploaded ones), else the `.env` beside its first file. */
function includeEnvFilesOf(entry: IncludeEntry, from: string, envFiles: readonly UploadedFile[]): UploadedFile[] {
  if (entry.envFiles.length > 0) {
    return entry.envFiles.map((p) => findUploadedFile({ ref: p, from, files: envFiles })).filter((f): f is UploadedFile => f !== undefined);
  }
  const first = entry.paths[0];
  if (first === undefined) return [];
  const beside = normalizeRelPath(`${dirName(from)}/${dirName(first)}/.env`);
  return envFiles.filter((f) => normalizeRelPath(f.as) === beside);
}

/** An env file that is a Jinja template yields one "render first" error, not one syntax error per `{% %}` line. */
function foldTemplateEnvIssues(issues: Issue[], envFiles: readonly UploadedFile[]): Issue[] {
  let out = issues;
  for (const f of envFiles) {
    if (!hasTemplateMarkers(f.content)) continue;
    const syntax = out.filter((i) => i.code === "ENV_SYNTAX" && i.file === f.as);
    if (syntax.length === 0) continue;
    out = out.filter((i) => !(i.code === "ENV_SYNTAX" && i.file === f.as));
    const first = syntax[0];
    out.push(
      issue("TEMPLATE_NOT_RENDERED", `${f.as} is a Jinja/cookiecutter template (${syntax.length} lines do not parse as an env file): render the template first, then upload the result`, {
        file: f.as,
        ...(first?.line !== undefined ? { line: first.line } : {}),
        ...(first?.col !== undefined ? { col: first.col } : {}),
      }),
    );
  }
  return out;
}

/**
 * `environment` written as a list is keyed by index in the raw tree
 * (`services.web.environment[0]`); the canonical model keys it by name. Adds the by-name paths to
 * `interps` (the record interpolateTree just made for this file) and returns it.
 */
function rekeyEnvironmentPaths(doc: unknown, interps: Record<string, VariableUse[]>): Record<string, VariableUse[]> {
  // the keys added (`…environment.KEY`, `…environment["KEY"]`) are never an index path read below
  const out = interps;
  const services = isMapping(doc) && isMapping(doc.services) ? doc.services : {};
  for (const [name, s] of Object.entries(services)) {
    if (!isMapping(s) || !Array.isArray(s.environment)) continue;
    s.environment.forEach((entry, i) => {
      const from = formatPath(["services", name, "environment", i]);
      const uses = interps[from];
      if (!uses || typeof entry !== "string") return;
      const key = entry.split("=")[0] ?? entry;
      out[formatPath(["services", name, "environment", key])] = uses;
    });
  }
  return out;
}

/**
 * `${VAR:?msg}` with VAR unset stops `docker compose` on this machine, but we analyse uploads:
 * such values are supplied where the stack runs (CI variables, the deploy shell), so they are
 * unknown here, not wrong. The template is kept as written and the issue becomes a warning.
 */
function softenRequiredVariable(i: Issue): Issue {
  if (i.code !== "REQUIRED_VARIABLE" || i.severity !== "error") return i;
  return {
    ...i,
    severity: "warning",
    message: `${i.message} (compose needs it set where the stack runs; its value is unknown here and the template is kept as written)`,
  };
}

function dedupeIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.severity}|${i.file}|${i.line}|${i.col}|${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
