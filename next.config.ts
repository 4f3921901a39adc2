import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // loaded by Node at run time, not bundled (WASM assets, native pools, worker threads)
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pino", "ajv"],
  // `npm run typecheck` (part of `npm test`) checks types for the whole project
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
