/**
 * Starts the built server (dist/server.mjs, made by `npm run build`) as a child
 * process on a free port and collects its JSON log lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  /** parsed JSON log lines so far */
  logs: Record<string, unknown>[];
  stdout: () => string;
  stderr: () => string;
  /** sends `signal` and resolves with the exit code and how long it took */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export function assertBuilt(): void {
  if (!existsSync(path.join(root, "dist", "server.mjs")) || !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("the app is not built: run `npm run build` first (npm test does)");
  }
}

export function spawnServer(env: Record<string, string | undefined>): { proc: ChildProcess; out: { stdout: string; stderr: string } } {
  assertBuilt();
  const proc = spawn(process.execPath, [path.join(root, "dist", "server.mjs")], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  proc.stdout?.on("data", (d: Buffer) => (out.stdout += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (out.stderr += d.toString()));
  return { proc, out };
}

export function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    // a process ended by a signal keeps exitCode null: look at signalCode too
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.once("exit", (code) => resolve(code));
  });
}

export async function startServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<RunningServer> {
  const { proc, out } = spawnServer(env);
  const logs = () =>
    out.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited with ${proc.exitCode ?? proc.signalCode}: ${out.stderr}\n${out.stdout}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server did not start within ${timeoutMs} ms: ${out.stderr}\n${out.stdout}`);
    }
    url = logs().find((l) => l.msg === "listening")?.url as string | undefined;
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    get logs() {
      return logs();
    },
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    stop: async (signal = "SIGTERM") => {
      const started = Date.now();
      if (proc.exitCode !== null || proc.signalCode !== null) return { code: proc.exitCode, ms: 0 };
      const exited = exitOf(proc);
      proc.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}
