import type { NextConfig } from "next";

/** Capability URLs (W3C TAG): never leak them through Referer, never index them. */
const capabilityHeaders = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Robots-Tag", value: "noindex" },
];

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // loaded by Node at run time, not bundled (WASM assets, native pools, worker threads)
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pino", "ajv"],
  // `npm run typecheck` (part of `npm test`) checks types for the whole project
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: "/c/:path*", headers: capabilityHeaders },
      { source: "/api/comparisons/:path*", headers: [...capabilityHeaders, { key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
