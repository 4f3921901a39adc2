/**
 * Suggests, from file names (and compose content when given), which environment each
 * file of a dropped set belongs to, the path compose refers to it by, and the order the
 * files load in. Only a suggestion: the page shows it and the user changes it before
 * applying.
 *
 * - `docker-compose.yml` / `compose.yaml` (no environment word) → every environment,
 *   except environments whose own compose file stands alone (every service in it has
 *   `image`, `build` or `extends`: it replaces the base file rather than overriding it);
 * - a name with an environment word → that environment: `prod`/`production`/`live`/
 *   `deploy` → production; `override`/`dev`/`local` → development; `staging`/`stage`/
 *   `uat`/`test`/`qa`/`ci` → staging (a new environment is proposed when none fits);
 * - anything else (`.env`, `Procfile`) → every environment.
 */
import { parse } from "yaml";
import { isEnvFileName } from "@/lib/env/detect-env-file-name";
import type { Role } from "@/lib/parity/roles";

export interface EnvironmentRef {
  name: string;
  role: Role;
}

export type AssignmentTarget =
  | { kind: "all" }
  | { kind: "env"; name: string }
  | { kind: "new"; name: string; role: Role }
  | { kind: "skip" };

export interface FileSuggestion {
  name: string;
  target: AssignmentTarget;
  /** the path compose files likely refer to it by, when it differs from `name` */
  as?: string;
  /** why, in a few words, shown next to the suggestion */
  reason: string;
}

export interface SuggestAssignmentOptions {
  files: { name: string; content?: string }[];
  environments: EnvironmentRef[];
}

const COMPOSE_BASE = /^(docker-)?compose\.ya?ml$/i;
const COMPOSE_ANY = /^(docker-)?compose([.\-_][^/]*)?\.ya?ml$/i;
const PROCFILE = /^procfile([.\-_].*)?$/i;
/** decoration words that say nothing about the environment */
const NEUTRAL = new Set(["docker", "compose", "yml", "yaml", "env", "sample", "example", "template", "dist", "tpl", "procfile", "db", "app", "web"]);

/** A word in a file name → the role it implies. Order matters: the first recognised word wins. */
const ROLE_OF_WORD: Record<string, Role> = {
  override: "development",
  dev: "development",
  develop: "development",
  development: "development",
  local: "development",
  localdev: "development",
  staging: "staging",
  stage: "staging",
  uat: "staging",
  test: "staging",
  testing: "staging",
  qa: "staging",
  ci: "staging",
  preprod: "staging",
  prod: "production",
  production: "production",
  live: "production",
  deploy: "production",
};

export function baseName(path: string): string {
  return path.replace(/\\/g, "/").split("/").pop() ?? path;
}

function wordsOf(name: string): string[] {
  return baseName(name).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The environment word in a file name and the role it implies (`docker-compose.prod.yml` → prod, production). */
export function classifyFileName(name: string): { word: string; role: Role } | undefined {
  for (const w of wordsOf(name)) {
    if (NEUTRAL.has(w)) continue;
    const role = ROLE_OF_WORD[w];
    if (role) return { word: w, role };
  }
  return undefined;
}

/** The path compose likely expects a sample file at: `.env.prod-sample` → `.env.prod`, `.env.example` → `.env`, `compose.sample.yml` → `compose.yml`. */
export function suggestAs(name: string): string | undefined {
  const slash = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  const dir = name.slice(0, slash + 1);
  const base = name.slice(slash + 1);
  let out = base.replace(/[.\-_](sample|example|template|dist|tpl)$/i, "");
  if (out === base) out = base.replace(/[.\-_](sample|example|template|dist|tpl)(\.ya?ml)$/i, "$2");
  if (out === base || out === "" || out === ".") return undefined;
  return dir + (out === "env" ? ".env" : out);
}

/** Load order inside one environment: base compose file, other compose files, Procfile, `.env`, other env files. */
export function loadOrderRank(name: string): number {
  const base = baseName(name);
  if (COMPOSE_BASE.test(base)) return 0;
  if (COMPOSE_ANY.test(base) || /\.ya?ml$/i.test(base)) return 1;
  if (PROCFILE.test(base)) return 2;
  if (base === ".env") return 3;
  if (isEnvFileName(base)) return 4;
  return 5;
}

/** Stable sort of files by `loadOrderRank`. */
export function sortForLoad<T>(files: readonly T[], nameOf: (f: T) => string): T[] {
  return files
    .map((f, i) => ({ f, i, r: loadOrderRank(nameOf(f)) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

/** Whether a compose file defines complete services (each has image, build or extends) rather than overriding a base file. */
export function isStandaloneCompose(content: string | undefined): boolean {
  if (content === undefined || content.length > 512 * 1024) return false;
  let doc: unknown;
  try {
    doc = parse(content, { maxAliasCount: 100, uniqueKeys: false });
  } catch {
    return false;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return false;
  const services = (doc as Record<string, unknown>).services;
  if (services === null || typeof services !== "object" || Array.isArray(services)) return false;
  const list = Object.values(services as Record<string, unknown>);
  return (
    list.length > 0 &&
    list.every((s) => s !== null && typeof s === "object" && ("image" in s || "build" in s || "extends" in s))
  );
}

const NEW_NAME: Record<string, string> = { override: "development", dev: "development", prod: "production", stage: "staging" };

function targetFor(word: string, role: Role, environments: EnvironmentRef[]): AssignmentTarget {
  const byName = environments.find((e) => wordsOf(e.name).includes(word));
  if (byName) return { kind: "env", name: byName.name };
  const byRole = environments.find((e) => e.role === role);
  if (byRole) return { kind: "env", name: byRole.name };
  return { kind: "new", name: NEW_NAME[word] ?? word, role };
}

export function suggestAssignment({ files, environments }: SuggestAssignmentOptions): FileSuggestion[] {
  const out: FileSuggestion[] = files.map((f) => {
    const as = suggestAs(f.name);
    const withAs = as !== undefined && as !== f.name ? { as } : {};
    const base = baseName(f.name);
    if (COMPOSE_BASE.test(base)) return { name: f.name, target: { kind: "all" }, reason: "base compose file", ...withAs };
    const c = classifyFileName(f.name);
    if (c) {
      return { name: f.name, target: targetFor(c.word, c.role, environments), reason: `“${c.word}” in the name`, ...withAs };
    }
    return { name: f.name, target: { kind: "all" }, reason: "no environment in the name", ...withAs };
  });

  // a base compose file is not shared with an environment whose own compose file stands alone
  const standaloneIn = new Set<string>();
  files.forEach((f, i) => {
    const s = out[i];
    if (!s || COMPOSE_BASE.test(baseName(f.name)) || !COMPOSE_ANY.test(baseName(f.name))) return;
    if (s.target.kind !== "env" && s.target.kind !== "new") return;
    if (isStandaloneCompose(f.content)) standaloneIn.add(s.target.name);
  });
  if (standaloneIn.size > 0) {
    const others = environments.filter((e) => !standaloneIn.has(e.name));
    out.forEach((s, i) => {
      if (s.target.kind !== "all" || !COMPOSE_BASE.test(baseName(s.name))) return;
      const only = others.length === 1 ? others[0] : undefined;
      if (only) {
        out[i] = { ...s, target: { kind: "env", name: only.name }, reason: `${[...standaloneIn].join(", ")} has its own complete compose file` };
      }
    });
  }
  return out;
}
