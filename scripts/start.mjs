// npm start: builds if the sources changed since the last build, then runs the
// server in this process (it migrates the database and serves on PORT).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const INPUTS = ["app", "components", "lib", "prisma", "public", "server.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "package.json"];
const SKIP = new Set(["node_modules", "generated", ".next", ".data"]);

function sourceStamp() {
  const h = createHash("sha256");
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      h.update(`${path.relative(root, p)}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  for (const i of INPUTS) visit(path.join(root, i));
  return h.digest("hex");
}

const stampFile = path.join(root, ".next", "source-stamp");
const stamp = sourceStamp();
const built =
  existsSync(path.join(root, ".next", "BUILD_ID")) &&
  existsSync(path.join(root, "dist", "server.mjs")) &&
  existsSync(path.join(root, "dist", "analysis-worker.mjs")) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp;

if (!built) {
  console.error("compose-parity: building (sources changed since the last build)…");
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", process.stderr, process.stderr] });
  if (r.status !== 0) {
    console.error("compose-parity: build failed");
    process.exit(r.status ?? 1);
  }
  writeFileSync(stampFile, stamp);
}
process.chdir(root);
await import(pathToFileURL(path.join(root, "dist", "server.mjs")).href);
