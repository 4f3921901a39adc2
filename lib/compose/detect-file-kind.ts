/**
 * Phase 0: what kind of file the user gave us — a compose YAML file, an env file or
 * a Heroku Procfile — judged by its name first and its content second.
 *
 * YAML that is clearly something else (a Kubernetes manifest, an Ansible playbook,
 * a GitHub Actions workflow) is refused with `NOT_COMPOSE`, so the user learns why
 * nothing was compared instead of getting an empty model.
 */
import { issue, type Issue } from "./issues";
import type { FileKind } from "./model";
import { isEnvFileName } from "@/lib/env/detect-env-file-name";

export interface DetectFileKindOptions {
  /** the name the file is known by (`InputFile.as ?? name`); only its base name matters */
  name: string;
  content: string;
}

export interface DetectedFileKind {
  kind?: FileKind;
  issues: Issue[];
}

const COMPOSE_TOP_KEYS = new Set([
  "version",
  "name",
  "services",
  "networks",
  "volumes",
  "secrets",
  "configs",
  "include",
  "models",
]);

const COMPOSE_NAME = /^(docker-)?compose([.-][^/]*)?\.ya?ml(\.[A-Za-z0-9_-]+)?$/i;
const YAML_NAME = /\.ya?ml(\.(example|sample|dist|template|tpl|j2|jinja2?))?$/i;
const PROCFILE_NAME = /^procfile([.-][A-Za-z0-9_.-]+)?$|\.procfile$/i;
const PROCFILE_LINE = /^[A-Za-z0-9_-]+:[ \t]*\S/;
const COMMON_PROCESS_TYPES = new Set(["web", "worker", "release", "clock", "beat", "scheduler", "urgentworker"]);
const ENV_LINE = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/;
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*|"[^"]*"|'[^']*')\s*:(\s|$)/;

/** Jinja / cookiecutter markers: `{{ x }}`, `{% if %}`, `{# #}` — but not GitHub's `${{ }}`. */
export function hasTemplateMarkers(content: string): boolean {
  // a marker needs its closer: most files hold none of them, which one search of the whole text tells
  if (!content.includes("}}") && !content.includes("%}") && !content.includes("#}")) return false;
  // linear: per line, an opener (not `${{`) followed later on the same line by its closer
  let start = 0;
  while (start <= content.length) {
    const nl = content.indexOf("\n", start);
    const end = nl < 0 ? content.length : nl;
    const line = content.slice(start, end);
    for (const [open, close] of TEMPLATE_PAIRS) {
      const closeAt = line.lastIndexOf(close);
      if (closeAt < 0) continue;
      let at = line.indexOf(open);
      while (at >= 0 && at + open.length <= closeAt) {
        if (!(open === "{{" && at > 0 && line[at - 1] === "$")) return true;
        at = line.indexOf(open, at + 1);
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return false;
}

const TEMPLATE_PAIRS: readonly [string, string][] = [
  ["{{", "}}"],
  ["{%", "%}"],
  ["{#", "#}"],
];

/** Env file names as compose projects commit them: `.env`, `.env.prod`, `prod.env`, `env.example`, `.env.dev-sample`, `env-template`. */
export function looksLikeEnvFileName(name: string): boolean {
  const base = baseName(name).toLowerCase();
  if (base === ".env" || base === "env") return true;
  if (base.startsWith(".env.") || base.startsWith(".env-") || base.startsWith(".env_")) return true;
  if (/^env[._-](example|sample|template|dist|local|dev|prod|test)/.test(base)) return true;
  if (/\.env$/.test(base)) return true;
  if (/\.env[._-](example|sample|template|dist|local|dev|prod|production|development|test)$/.test(base)) return true;
  return false;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Top-level mapping keys, read textually (the YAML may not even parse). */
export function topLevelKeys(content: string): string[] {
  const keys: string[] = [];
  // line by line (as `split(/\r?\n/)` cuts them); only a line starting with a key character can match
  let start = 0;
  while (start <= content.length) {
    const nl = content.indexOf("\n", start);
    const end = nl < 0 ? content.length : nl;
    const c = content.charCodeAt(start);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 34 || c === 39) {
      const raw = content.slice(start, nl > start && content.charCodeAt(end - 1) === 13 ? end - 1 : end);
      const m = TOP_KEY.exec(raw);
      if (m?.[1]) keys.push(m[1].replace(/^["']|["']$/g, ""));
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return keys;
}

function meaningfulLines(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((l) => l.replace(/^\uFEFF/, ""))
    .filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
}

function looksLikeProcfile(content: string): boolean {
  const lines = meaningfulLines(content).filter((l) => !/^\s*\{[%#]/.test(l));
  if (lines.length === 0) return false;
  if (!lines.every((l) => PROCFILE_LINE.test(l) && !/^\s/.test(l))) return false;
  const keys = lines.map((l) => l.slice(0, l.indexOf(":")));
  if (keys.some((k) => COMPOSE_TOP_KEYS.has(k))) return false;
  return keys.some((k) => COMMON_PROCESS_TYPES.has(k));
}

function looksLikeEnvContent(content: string): boolean {
  const lines = meaningfulLines(content).filter((l) => !/^\s*\{[%#]/.test(l));
  if (lines.length === 0) return false;
  const envLines = lines.filter((l) => ENV_LINE.test(l)).length;
  return envLines / lines.length >= 0.8;
}

/** Names the kind of non-compose YAML, or undefined when it may well be compose. */
function notComposeReason(content: string, topKeys: readonly string[]): string | undefined {
  const keys = new Set(topKeys);
  if (keys.has("services") || keys.has("include")) return undefined;
  if (keys.has("apiVersion") && keys.has("kind")) return "a Kubernetes manifest (apiVersion/kind)";
  if (keys.has("jobs") && (keys.has("on") || keys.has('"on"'))) return "a GitHub Actions workflow (on/jobs)";
  if (keys.has("stages") || (keys.has("image") && keys.has("script"))) return "a CI pipeline definition";
  const lines = meaningfulLines(content);
  const first = lines.find((l) => !l.startsWith("---"));
  if (first && /^-\s/.test(first) && /^[ \t]*-?[ \t]*(hosts|tasks|roles|import_playbook)[ \t]*:/m.test(content)) {
    return "an Ansible playbook (a list of plays with hosts/tasks)";
  }
  if (first && /^-\s/.test(first)) return "a YAML list (a compose file is a mapping with `services:`)";
  const known = [...keys].filter((k) => COMPOSE_TOP_KEYS.has(k) || k.startsWith("x-"));
  if (keys.size > 0 && known.length === 0) {
    const v1 = /^[ \t]+(image|build)\s*:/m.test(content)
      ? "; if it is a version 1 compose file (services at the top level), move them under `services:`"
      : "";
    return `a YAML mapping without compose keys (top-level keys: ${[...keys].slice(0, 5).join(", ")})${v1}`;
  }
  return undefined;
}

export function detectFileKind({ name, content }: DetectFileKindOptions): DetectedFileKind {
  const base = baseName(name);
  const at = { file: name };
  if (content.includes("\u0000")) {
    return { issues: [issue("BINARY_FILE", `${name} looks binary (it holds NUL bytes); upload text files only`, at)] };
  }
  if (PROCFILE_NAME.test(base)) return { kind: "procfile", issues: [] };
  if ((looksLikeEnvFileName(base) || isEnvFileName(name)) && !COMPOSE_NAME.test(base)) return { kind: "env", issues: [] };

  const yamlByName = COMPOSE_NAME.test(base) || YAML_NAME.test(base);
  if (!yamlByName) {
    if (looksLikeProcfile(content)) return { kind: "procfile", issues: [] };
    if (looksLikeEnvContent(content)) return { kind: "env", issues: [] };
  }
  if (content.trim() === "") {
    return yamlByName
      ? { kind: "compose", issues: [] }
      : { issues: [issue("EMPTY_FILE", `${name} is empty`, { ...at, severity: "warning" })] };
  }
  const keys = topLevelKeys(content);
  const reason = notComposeReason(content, keys);
  if (reason) {
    return {
      issues: [
        issue("NOT_COMPOSE", `${name} is not a compose file: it looks like ${reason}. Upload docker-compose/compose YAML, env files or a Procfile.`, {
          ...at,
          line: 1,
          col: 1,
        }),
      ],
    };
  }
  if (yamlByName || keys.some((k) => COMPOSE_TOP_KEYS.has(k))) return { kind: "compose", issues: [] };
  return {
    issues: [
      issue("UNKNOWN_FILE_KIND", `${name} is neither a compose file, an env file nor a Procfile`, at),
    ],
  };
}
