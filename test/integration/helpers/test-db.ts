/**
 * Which database an integration run uses: PGlite by default, PostgreSQL when
 * TEST_DB=postgres (TEST_DATABASE_URL names a server; each test gets a fresh
 * database created there and dropped afterwards).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { randomBytes } from "node:crypto";

export type TestDbKind = "pglite" | "postgres";

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabase {
  kind: TestDbKind;
  /** env vars that point the app at this database */
  env: { DATABASE_URL?: string; PGLITE_DIR?: string };
  /** options for openDatabase */
  options: { databaseUrl?: string; pgliteDir?: string };
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
  return url;
}

export async function createTestDatabase(kind: TestDbKind = testDbKind()): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cp-it-"));
    const pgliteDir = path.join(dir, "pglite");
    return {
      kind,
      env: { PGLITE_DIR: pgliteDir },
      options: { pgliteDir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = new URL(adminUrl());
  const name = `cp_it_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    options: { databaseUrl: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
