/**
 * A minimal SQL driver over the same connection Prisma uses (PGlite instance or
 * pg pool). Used by the migration runner and the health check.
 */
import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

export interface SqlTx {
  /** runs a script that may hold several statements (no parameters) */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** runs a script that may hold several statements (no parameters) and answers each statement's rows, in order */
  execRows<T = Record<string, unknown>>(sql: string): Promise<T[][]>;
}

export interface SqlDriver extends SqlTx {
  kind: "pglite" | "postgres";
  /** runs `fn` in one transaction: committed when it resolves, rolled back when it throws */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** runs `fn` holding a session-level advisory lock (serialises migrators) */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  const wrap = (q: Pick<PGlite, "exec" | "query">): SqlTx => ({
    exec: async (sql) => {
      await q.exec(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params)).rows,
    execRows: async <T,>(sql: string) => (await q.exec(sql)).map((r) => r.rows as T[]),
  });
  return {
    kind: "pglite",
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    // PGlite is single-connection and in-process: there is nobody to race with.
    withLock: (_key, fn) => fn(),
  };
}

export function postgresDriver(pool: Pool): SqlDriver {
  const wrap = (c: Pool | PoolClient): SqlTx => ({
    exec: async (sql) => {
      await c.query(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await c.query(sql, params as unknown[])).rows as T[],
    execRows: async <T,>(sql: string) => {
      // pg answers one result for one statement, an array of them for several
      const out: unknown = await c.query(sql);
      return (Array.isArray(out) ? out : [out]).map((r: { rows: T[] }) => r.rows);
    },
  });
  return {
    kind: "postgres",
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    withLock: async (key, fn) => {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [key]);
        try {
          return await fn();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
        }
      } finally {
        client.release();
      }
    },
  };
}
