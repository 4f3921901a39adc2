/**
 * `compose-parity diff --env NAME[:ROLE]=FILE[,FILE...] --env ... [--format json|markdown|sarif]
 *  [--fail-on info|low|medium|high|critical] [--profile [ENV:]P]`
 * – loads each environment like Docker Compose v2 and reports the parity gaps between them.
 *
 * `FILE@PATH` gives a file the path the compose files refer to it by
 * (`.env.dev-sample@.env.dev`). Exit codes: 0 nothing at or above `--fail-on`
 * (default high), 1 findings at or above it, 2 input errors (printed `file:line:col: message`).
 */
import { randomBytes } from "node:crypto";
import { dirname, posix, relative } from "node:path";
import { formatIssue, type Issue, type IssueCode } from "@/lib/compose/issues";
import type { InputFile } from "@/lib/compose/model";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { renderMarkdown } from "@/lib/parity/format/markdown";
import { renderSarif } from "@/lib/parity/format/sarif";
import { ROLES, SEVERITIES, atLeast, type Role, type Severity } from "@/lib/parity/roles";

export const DIFF_HELP = `Usage: compose-parity diff --env NAME[:ROLE]=FILE[,FILE...] --env NAME[:ROLE]=FILE[,FILE...] [options]

Compares environments for dev/prod parity gaps (Twelve-Factor).
  --env NAME[:ROLE]=FILES  an environment: its name, optional role (${ROLES.join(", ")};
                           inferred from the name when absent) and its files in load order
                           (compose files, env files, Procfile). FILE@PATH loads FILE as if it
                           were at PATH (e.g. .env.prod-sample@.env.prod).
  --format F               json (default), markdown or sarif
  --fail-on S              exit 1 when a finding is at or above S (${SEVERITIES.join(", ")}; default high)
  --profile [ENV:]P        activate compose profile P in every environment, or only in ENV
                           (repeatable, or comma-separated); without it, COMPOSE_PROFILES from
                           the environment's env files applies
  -h, --help               this help

Secret values never appear in the output: they are masked and compared by an HMAC
fingerprint keyed with FINGERPRINT_KEY (a random key per run when unset).
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 input errors.
`;

export interface DiffIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
  /** environment variables (defaults to process.env) */
  env?: Record<string, string | undefined>;
}

export interface EnvArg {
  name: string;
  role?: Role;
  files: { path: string; as?: string }[];
}

export interface DiffArgs {
  envs: EnvArg[];
  format: "json" | "markdown" | "sarif";
  failOn: Severity;
  profiles?: string[];
  /** per environment name (`--profile ENV:P`) */
  envProfiles: Record<string, string[]>;
  help: boolean;
}

/** Parses `NAME[:ROLE]=FILE[@PATH][,FILE...]`. */
export function parseEnvArg(spec: string): { value?: EnvArg; error?: string } {
  const eq = spec.indexOf("=");
  if (eq <= 0) return { error: `--env ${spec}: expected NAME[:ROLE]=FILE[,FILE...]` };
  const head = spec.slice(0, eq);
  const [name = "", role, ...extra] = head.split(":");
  if (!name || extra.length) return { error: `--env ${spec}: expected NAME[:ROLE] before "="` };
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) return { error: `--env ${spec}: unknown role "${role}" (use ${ROLES.join(", ")})` };
  const files = spec
    .slice(eq + 1)
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      const at = f.lastIndexOf("@");
      return at > 0 ? { path: f.slice(0, at), as: f.slice(at + 1) } : { path: f };
    });
  if (!files.length) return { error: `--env ${spec}: no files` };
  return { value: { name, ...(role ? { role: role as Role } : {}), files } };
}

export function parseDiffArgs(argv: string[]): { value?: DiffArgs; error?: string } {
  const args: DiffArgs = { envs: [], format: "json", failOn: "high", envProfiles: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") && !arg.startsWith("--env=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : arg.startsWith("--env=") ? ["--env", arg.slice(6)] : [arg, undefined];
    const next = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--env":
      case "-e": {
        const v = next();
        if (!v) return { error: "--env needs NAME[:ROLE]=FILE[,FILE...]" };
        const parsed = parseEnvArg(v);
        if (!parsed.value) return { error: parsed.error };
        if (args.envs.some((e) => e.name === parsed.value?.name)) return { error: `--env ${parsed.value.name} is given twice` };
        args.envs.push(parsed.value);
        break;
      }
      case "--format": {
        const v = next();
        if (v !== "json" && v !== "markdown" && v !== "sarif") return { error: "--format must be json, markdown or sarif" };
        args.format = v;
        break;
      }
      case "--fail-on": {
        const v = next();
        if (!v || !(SEVERITIES as readonly string[]).includes(v)) return { error: `--fail-on must be one of ${SEVERITIES.join(", ")}` };
        args.failOn = v as Severity;
        break;
      }
      case "--profile": {
        const v = next();
        if (!v) return { error: "--profile needs a name" };
        // profile names cannot hold ":", so `ENV:P` names an environment
        const colon = v.indexOf(":");
        const list = v.slice(colon + 1).split(",").map((s) => s.trim()).filter(Boolean);
        if (colon > 0) {
          const env = v.slice(0, colon);
          args.envProfiles[env] = [...(args.envProfiles[env] ?? []), ...list];
        } else args.profiles = [...(args.profiles ?? []), ...list];
        break;
      }
      default:
        return { error: `unknown option ${arg}` };
    }
  }
  if (!args.help && args.envs.length === 0) return { error: "give at least one --env (two or more to compare)" };
  for (const env of Object.keys(args.envProfiles)) {
    if (!args.envs.some((e) => e.name === env)) return { error: `--profile ${env}:…: no --env named ${env}` };
  }
  return { value: args };
}

function inputIssue(code: IssueCode, message: string, file: string): Issue {
  return { code, severity: "error", message, file };
}

/** Reads an environment's files; `as` defaults to the path relative to the first file's folder. */
function readEnvironment(env: EnvArg, io: DiffIo): { files: InputFile[]; issues: Issue[] } {
  const projectDir = dirname(env.files[0]?.path ?? ".");
  const files: InputFile[] = [];
  const issues: Issue[] = [];
  for (const f of env.files) {
    try {
      const content = io.readFile(f.path);
      const as = f.as ?? (relative(projectDir, f.path).split("\\").join("/") || posix.basename(f.path));
      files.push({ name: f.path, as, content });
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, "") : String(error);
      issues.push(inputIssue("NO_COMPOSE_FILE", `cannot read file for environment ${env.name}: ${reason}`, f.path));
    }
  }
  return { files, issues };
}

export async function runDiff(argv: string[], io: DiffIo): Promise<number> {
  const parsed = parseDiffArgs(argv);
  if (parsed.error || !parsed.value) {
    io.stderr(`compose-parity diff: ${parsed.error}\n\n${DIFF_HELP}`);
    return 2;
  }
  const args = parsed.value;
  if (args.help) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const readIssues: Issue[] = [];
  const inputs = args.envs.map((e) => {
    const r = readEnvironment(e, io);
    readIssues.push(...r.issues);
    return { arg: e, files: r.files };
  });
  if (readIssues.length) {
    for (const i of readIssues) io.stderr(`${formatIssue(i)}\n`);
    return 2;
  }
  const loaded = inputs.map(({ arg, files }) => {
    const profiles = args.envProfiles[arg.name] ?? args.profiles;
    return {
      env: loadEnvironment({ name: arg.name, files, ...(profiles ? { profiles } : {}) }, profiles ? { profiles } : {}),
      ...(arg.role ? { role: arg.role } : {}),
    };
  });
  const envVars = io.env ?? process.env;
  const fingerprintKey = envVars.FINGERPRINT_KEY || randomBytes(32);
  const result = compareEnvironments({ environments: loaded, fingerprintKey });

  // problems come from the (redacted) result, never from the raw loader output; files as the user named them
  const nameOf = new Map(result.environments.flatMap((e) => e.files.map((f) => [`${e.name}\0${f.as}`, f.name] as const)));
  const print = (i: (typeof result.issues)[number]) => {
    const file = i.file === undefined ? undefined : (nameOf.get(`${i.env}\0${i.file}`) ?? i.file);
    io.stderr(`${formatIssue({ ...i, file, code: i.code as IssueCode })} (${i.env})\n`);
  };
  const errors = result.issues.filter((i) => i.severity === "error");
  result.issues.filter((x) => x.severity === "warning").forEach(print);
  if (errors.length) {
    errors.forEach(print);
    return 2;
  }
  if (args.format === "markdown") io.stdout(`${renderMarkdown({ result })}\n`);
  else if (args.format === "sarif") io.stdout(`${JSON.stringify(renderSarif({ result }), null, 2)}\n`);
  else io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return result.findings.some((f) => atLeast(f.severity, args.failOn)) ? 1 : 0;
}
