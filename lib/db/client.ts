/**
 * The one Prisma client module: picks the driver adapter from config.
 * - no DATABASE_URL: embedded PGlite (real Postgres in WASM) under PGLITE_DIR
 * - DATABASE_URL=postgres://...: that server, through a pooled pg adapter
 * Nothing else imports an adapter.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgliteDriver, postgresDriver, type SqlDriver } from "./sql-driver";

export type { PrismaClient };

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlDriver;
  /** where the data lives, without credentials (for logs) */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database */
  pgliteDir?: string;
  poolSize?: number;
}

export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "postgres://(invalid url)";
  }
}

export async function openDatabase({ databaseUrl, pgliteDir = "./.data/pglite", poolSize = 10 }: OpenDatabaseOptions): Promise<Database> {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
    pool.on("error", () => undefined); // idle client errors surface on the next query
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "postgres",
      prisma,
      sql: postgresDriver(pool),
      location: describeDatabaseUrl(databaseUrl),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const inMemory = pgliteDir.startsWith("memory://");
  const dir = inMemory ? pgliteDir : path.resolve(/*turbopackIgnore: true*/ pgliteDir);
  if (!inMemory) mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  const lite = await PGlite.create(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    kind: "pglite",
    prisma,
    sql: pgliteDriver(lite),
    location: inMemory ? "pglite (in memory)" : `pglite ${dir}`,
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

// One database per process. The server opens it before Next handles requests;
// route handlers (bundled separately by Next) find it through globalThis.
const g = globalThis as typeof globalThis & { __composeParityDb?: Promise<Database> };

export function setProcessDatabase(db: Database): void {
  g.__composeParityDb = Promise.resolve(db);
}

/**
 * The process database. The server (server.ts) opens and migrates it before
 * serving; a process that did not (a script, a test) opens it on first use.
 */
export function getDb(): Promise<Database> {
  g.__composeParityDb ??= openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || "./.data/pglite",
  });
  g.__composeParityDb.catch(() => {
    g.__composeParityDb = undefined;
  });
  return g.__composeParityDb;
}
