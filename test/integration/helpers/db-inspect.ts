/**
 * Reads a test database directly (after or beside the server): row counts and every
 * text/JSON value of every table, for "nothing stored" and "no secret at rest" checks.
 */
import { openDatabase, type Database } from "@/lib/db/client";
import type { TestDatabase } from "./test-db";

export interface StoredText {
  table: string;
  column: string;
  value: string;
}

type Db = Database;

/** Opens the test database, runs `fn`, closes it (PGlite allows one opener: stop the server first). */
export async function withTestDb<T>(tdb: TestDatabase, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(tdb.options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Number of rows of each public table. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = await db.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`);
    counts[table_name] = row?.n ?? 0;
  }
  return counts;
}

/** Every non-null text, varchar, json and jsonb value of every public table (migration bookkeeping excluded). */
export async function allStoredText(db: Db): Promise<StoredText[]> {
  const columns = await db.sql.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  );
  const out: StoredText[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await db.sql.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM "${table_name}"`);
    for (const { v } of rows) if (v !== null) out.push({ table: table_name, column: column_name, value: v });
  }
  return out;
}
