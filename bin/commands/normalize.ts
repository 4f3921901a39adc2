/**
 * `compose-parity normalize -f FILE [-f FILE...] [--env-file FILE...] [--profile P] [--format json|yaml]`
 * – loads one environment and prints its canonical model, like `docker compose config`.
 *
 * Besides the files named, it reads what compose would read from disk: the env files
 * services name in `env_file:`, included / extended compose files, and `.env` in the
 * project folder when no `--env-file` is given.
 */
import { basename, posix, relative, dirname, join, isAbsolute } from "node:path";
import { stringify } from "yaml";
import { formatIssue, hasErrors, issue, type Issue } from "@/lib/compose/issues";
import type { InputFile } from "@/lib/compose/model";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { envFileEntries } from "@/lib/compose/resolve-env-files";
import { readIncludeEntries } from "@/lib/compose/include";
import { isMapping } from "@/lib/compose/tags";
import { parse as parseLoose } from "yaml";
import type { CliIo } from "../cli";

export const NORMALIZE_HELP = `Usage: compose-parity normalize -f FILE [-f FILE...] [--env-file FILE...] [--profile P...] [--format json|yaml] [--project-name NAME]
Prints the canonical compose model of one environment (like \`docker compose config\`).
Without -f, reads compose.yaml / docker-compose.yml (and its .override) from the current folder.
`;

export interface NormalizeArgs {
  files: string[];
  envFiles: string[];
  profiles?: string[];
  format: "json" | "yaml";
  projectName?: string;
  help: boolean;
}

export function parseNormalizeArgs(argv: string[]): { value?: NormalizeArgs; error?: string } {
  const args: NormalizeArgs = { files: [], envFiles: [], format: "json", help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const next = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "-f":
      case "--file": {
        const v = next();
        if (!v) return { error: `${flag} needs a file` };
        args.files.push(v);
        break;
      }
      case "--env-file": {
        const v = next();
        if (!v) return { error: "--env-file needs a file" };
        args.envFiles.push(v);
        break;
      }
      case "--profile": {
        const v = next();
        if (!v) return { error: "--profile needs a name" };
        args.profiles = [...(args.profiles ?? []), ...v.split(",").map((s) => s.trim()).filter(Boolean)];
        break;
      }
      case "--format": {
        const v = next();
        if (v !== "json" && v !== "yaml") return { error: "--format must be json or yaml" };
        args.format = v;
        break;
      }
      case "-p":
      case "--project-name": {
        const v = next();
        if (!v) return { error: `${flag} needs a name` };
        args.projectName = v;
        break;
      }
      default:
        return { error: `unknown option ${arg}` };
    }
  }
  return { value: args };
}

const DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/** Paths a compose text points at on disk (env_file, include, extends.file), read loosely. */
function referencedPaths(content: string): string[] {
  let doc: unknown;
  try {
    doc = parseLoose(content, { uniqueKeys: false, maxAliasCount: 1000, logLevel: "silent", customTags: [{ tag: "!reset", resolve: () => null }, { tag: "!override", resolve: (v: unknown) => v }] } as never);
  } catch {
    return [];
  }
  if (!isMapping(doc)) return [];
  const out: string[] = [];
  for (const entry of readIncludeEntries(doc.include, "").value) out.push(...entry.paths, ...entry.envFiles);
  const services = isMapping(doc.services) ? doc.services : {};
  for (const s of Object.values(services)) {
    if (!isMapping(s)) continue;
    for (const e of envFileEntries(s.env_file)) out.push(e.path);
    if (isMapping(s.extends) && typeof s.extends.file === "string") out.push(s.extends.file);
  }
  return out.filter((p) => !p.includes("$"));
}

export async function runNormalize(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseNormalizeArgs(argv);
  if (parsed.error || !parsed.value) {
    io.stderr(`compose-parity normalize: ${parsed.error}\n\n${NORMALIZE_HELP}`);
    return 2;
  }
  const args = parsed.value;
  if (args.help) {
    io.stdout(NORMALIZE_HELP);
    return 0;
  }
  if (args.files.length === 0) {
    const found = DEFAULT_FILES.find((f) => io.exists(f));
    if (!found) {
      io.stderr(`compose-parity normalize: no compose file given (-f) and none of ${DEFAULT_FILES.join(", ")} in ${io.cwd}\n`);
      return 2;
    }
    args.files.push(found);
    const override = found.replace(/\.ya?ml$/, (ext) => `.override${ext}`);
    if (io.exists(override)) args.files.push(override);
  }

  const projectDir = dirname(args.files[0] as string);
  const asPath = (p: string) => {
    const rel = relative(isAbsolute(projectDir) ? projectDir : join(io.cwd, projectDir), isAbsolute(p) ? p : join(io.cwd, p));
    return rel.split("\\").join("/");
  };
  const files: InputFile[] = [];
  const readIssues: Issue[] = [];
  const seen = new Set<string>();
  const add = (path: string, required: boolean): string | undefined => {
    const key = asPath(path);
    if (seen.has(key)) return undefined;
    if (!required && !io.exists(path)) return undefined;
    try {
      const content = io.readFile(path);
      seen.add(key);
      files.push({ name: path, as: key, content });
      return content;
    } catch (error) {
      readIssues.push(issue("NO_COMPOSE_FILE", `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { file: path }));
      return undefined;
    }
  };

  const queue: { path: string; from: string }[] = [];
  for (const f of args.files) {
    const content = add(f, true);
    if (content !== undefined) for (const ref of referencedPaths(content)) queue.push({ path: ref, from: f });
  }
  // env_file references are relative to the project folder; include/extends to the file that names them
  for (let i = 0; i < queue.length && i < 1000; i++) {
    const { path, from } = queue[i] as { path: string; from: string };
    const candidates = [posix.join(dirname(from), path), posix.join(projectDir, path)];
    const hit = candidates.find((c) => io.exists(c));
    if (!hit) continue;
    const content = add(hit, false);
    if (content !== undefined && /\.ya?ml$/i.test(hit)) {
      for (const ref of referencedPaths(content)) queue.push({ path: ref, from: hit });
    }
  }
  const explicitEnv: string[] = [];
  if (args.envFiles.length === 0) {
    const dotenv = posix.join(projectDir, ".env");
    if (io.exists(dotenv)) {
      add(dotenv, false);
      explicitEnv.push(asPath(dotenv));
    }
  }
  for (const e of args.envFiles) {
    add(e, true);
    explicitEnv.push(asPath(e));
  }
  if (readIssues.length > 0) {
    for (const i of readIssues) io.stderr(`${formatIssue(i)}\n`);
    return 2;
  }

  const loaded = loadEnvironment(
    { name: basename(isAbsolute(projectDir) ? projectDir : join(io.cwd, projectDir)) || "default", files, ...(args.projectName ? { projectName: args.projectName } : {}) },
    { ...(args.profiles ? { profiles: args.profiles } : {}), projectEnvFiles: explicitEnv },
  );
  for (const i of loaded.issues) {
    if (i.severity !== "info") io.stderr(`${formatIssue(i)}\n`);
  }
  if (hasErrors(loaded.issues)) return 2;
  const model = loaded.project;
  io.stdout(args.format === "yaml" ? stringify(model, { lineWidth: 0 }) : `${JSON.stringify(model, null, 2)}\n`);
  return 0;
}
