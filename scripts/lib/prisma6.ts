/**
 * Prisma 6.19 (`prisma6`, a dev-only alias) can diff schemas offline with its
 * bundled WASM engine when configured with `engine: "js"` and a PGlite adapter.
 * Prisma 7 cannot (it downloads a schema-engine binary), and Prisma 6 needs
 * `url = env("DATABASE_URL")` in the datasource, which Prisma 7 rejects, so we
 * run it on a temporary copy of prisma/schema.prisma.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);

export interface Prisma6Workspace {
  dir: string;
  schema: string;
  run(args: string[], opts?: { env?: Record<string, string>; timeoutMs?: number; stopWhen?: (stdout: string) => boolean }): Promise<{ code: number | null; stdout: string; stderr: string }>;
  dispose(): void;
}

/** prisma/schema.prisma made acceptable to Prisma 6 (datasource url, no Prisma 7 generator). */
export function schemaForPrisma6(schemaText: string): string {
  return schemaText
    .replace(/generator\s+client\s*\{[^}]*\}\s*/m, "")
    .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*"postgresql")/m, '$1\n  url      = env("DATABASE_URL")');
}

export function createPrisma6Workspace(schemaPath = path.join(root, "prisma", "schema.prisma")): Prisma6Workspace {
  // inside node_modules so that the config's imports resolve to the project's packages
  const base = path.join(root, "node_modules", ".cache", "compose-parity-prisma6");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, "ws-"));
  const schema = path.join(dir, "schema.prisma");
  writeFileSync(schema, schemaForPrisma6(readFileSync(schemaPath, "utf8")));
  writeFileSync(
    path.join(dir, "prisma.config.ts"),
    `import { defineConfig } from "prisma6/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter-v6";
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "schema.prisma",
  adapter: async () => new PrismaPGlite(new PGlite(process.env.PGLITE_DIFF_DIR || undefined)),
} as never);
`,
  );
  const cli = path.join(path.dirname(require.resolve("prisma6/package.json")), "build", "index.js");
  const dummy = path.join(root, "package.json");
  return {
    dir,
    schema,
    run: (args, { env = {}, timeoutMs = 120_000, stopWhen } = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], {
          cwd: dir,
          env: {
            ...process.env,
            DATABASE_URL: "postgresql://offline@localhost:5432/offline",
            PRISMA_QUERY_ENGINE_LIBRARY: dummy,
            PRISMA_SCHEMA_ENGINE_BINARY: dummy,
            PRISMA_HIDE_UPDATE_MESSAGE: "1",
            ...env,
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          if (stopWhen?.(stdout)) child.kill("SIGTERM");
        });
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The SQL that creates the whole schema from nothing. */
export async function sqlFromEmpty(ws: Prisma6Workspace): Promise<string> {
  const r = await ws.run(["migrate", "diff", "--from-empty", "--to-schema-datamodel", ws.schema, "--script"]);
  if (r.code !== 0) throw new Error(`prisma6 migrate diff failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.stdout.replace(/^Loaded Prisma config.*\n/m, "").trimStart();
}
