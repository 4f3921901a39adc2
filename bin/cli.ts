/**
 * compose-parity command line: `normalize` prints one environment's canonical model
 * (like `docker compose config`), `diff` compares environments (bin/commands/diff.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runNormalize } from "./commands/normalize";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** reads a text file (relative paths from `cwd`); throws when it cannot */
  readFile(path: string): string;
  exists(path: string): boolean;
  cwd: string;
}

export const HELP = `compose-parity — catch dev/prod parity gaps in docker-compose stacks

Usage:
  compose-parity normalize -f FILE [-f FILE...] [--env-file FILE...] [--profile P] [--format json|yaml]
      Load one environment as Docker Compose v2 would and print its canonical model.
  compose-parity diff ...
      Compare environments (see \`compose-parity diff --help\`).
  compose-parity --help

Exit codes: 0 ok, 1 differences found (diff), 2 errors (the file:line:col of each is printed).
`;

export function nodeIo(cwd = process.cwd()): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => readFileSync(isAbsolute(p) ? p : join(cwd, p), "utf8"),
    exists: (p) => existsSync(isAbsolute(p) ? p : join(cwd, p)),
    cwd,
  };
}

type DiffModule = { runDiff: (argv: string[], io: CliIo) => number | Promise<number> };

async function loadDiff(): Promise<DiffModule | undefined> {
  const here = dirname(fileURLToPath(import.meta.url));
  const path = join(here, "commands", "diff.ts");
  if (!existsSync(path)) return undefined;
  try {
    const mod = (await import(pathToFileURL(path).href)) as Partial<DiffModule>;
    return typeof mod.runDiff === "function" ? (mod as DiffModule) : undefined;
  } catch {
    return undefined;
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(HELP);
    return 0;
  }
  if (command === "normalize") return runNormalize(rest, io);
  if (command === "diff") {
    const diff = await loadDiff();
    if (!diff) {
      io.stderr("compose-parity: the diff command is not available in this build\n");
      return 2;
    }
    return diff.runDiff(rest, io);
  }
  io.stderr(`compose-parity: unknown command "${command}"\n\n${HELP}`);
  return 2;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  runCli(process.argv.slice(2), nodeIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`compose-parity: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
