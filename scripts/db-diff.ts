// npm run db:diff -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes a
// database built by the existing migrations to prisma/schema.prisma. Runs offline
// (Prisma 6.19's WASM engine over PGlite; see scripts/lib/prisma6.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createPrisma6Workspace } from "./lib/prisma6";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name>   (name: lower_snake_case, e.g. add_review_notes)");
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "compose-parity-diff-"));
const ws = createPrisma6Workspace();
try {
  const db = await openDatabase({ pgliteDir: dataDir });
  await migrateDatabase({ driver: db.sql });
  await db.close();

  // introspect what the migrations built
  const pulled = path.join(ws.dir, "pulled.prisma");
  writeFileSync(pulled, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n');
  const pull = await ws.run(["db", "pull", "--schema", pulled], {
    env: { PGLITE_DIFF_DIR: dataDir },
    // Prisma 6 keeps the PGlite adapter open after it is done; stop it once it has written the file
    stopWhen: (out) => /Introspected|empty/i.test(out),
  });
  if (!/Introspected/.test(pull.stdout)) throw new Error(`db pull failed: ${pull.stderr || pull.stdout}`);

  const diff = await ws.run(["migrate", "diff", "--from-schema-datamodel", pulled, "--to-schema-datamodel", ws.schema, "--script"]);
  if (diff.code !== 0) throw new Error(`migrate diff failed: ${diff.stderr || diff.stdout}`);
  const sql = diff.stdout.replace(/^Loaded Prisma config.*\n/m, "").trim();
  if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
    console.log("No changes: prisma/schema.prisma matches the migrations.");
  } else {
    const ts = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${ts}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    console.log(`Wrote ${dir}/migration.sql — review it, then run npm run db:migrate.`);
  }
} finally {
  ws.dispose();
  rmSync(dataDir, { recursive: true, force: true });
}
