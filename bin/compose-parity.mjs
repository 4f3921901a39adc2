#!/usr/bin/env node
// compose-parity launcher: runs bin/cli.ts through the package's own tsx, from any cwd,
// with the CLI's V8 flags (bin/node-flags.mjs).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CLI_NODE_FLAGS } from "./node-flags.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "package.json"));
let tsx;
try {
  tsx = pathToFileURL(require.resolve("tsx")).href;
} catch {
  process.stderr.write("compose-parity: the `tsx` package is missing; run `npm install` in the compose-parity folder\n");
  process.exit(2);
}
const child = spawn(process.execPath, [...CLI_NODE_FLAGS, "--import", tsx, join(here, "cli.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TSX_TSCONFIG_PATH: join(here, "..", "tsconfig.json") },
});
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
