// Bundles server.ts (and the lib/ code it uses) into dist/server.mjs, and the analysis
// worker into dist/analysis-worker.mjs. Packages with
// WASM/native assets or that Next itself needs stay external: the standalone build's
// traced node_modules holds them (see Dockerfile); the rest is bundled in.
import { build } from "esbuild";

await build({
  // the server, and the worker that analyses uploads beside it (lib/comparisons/analysis-pool.ts)
  entryPoints: { server: "server.ts", "analysis-worker": "lib/comparisons/analysis-worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["next", "next/*", "react", "react-dom", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/*", "pg", "pino"],
  sourcemap: true,
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
