import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Integration tests: real database (PGlite, or PostgreSQL when TEST_DB=postgres and
// TEST_DATABASE_URL is set) and the built server over HTTP. Run by `npm test`.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["test/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
