// Prisma 7 CLI config (used by `prisma generate`; `prisma migrate deploy` where
// the schema engine can be downloaded). Our own runner applies migrations here:
// see lib/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/compose_parity" },
});
