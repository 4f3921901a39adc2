// Runs `prisma generate` (Prisma 7) offline. The Prisma 7 CLI tries to download its
// schema-engine binary on every command; generate does not need it, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file unless one is configured.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= path.join(root, "package.json");
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const r = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
