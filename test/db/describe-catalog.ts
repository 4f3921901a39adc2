import type { PGlite } from "@electric-sql/pglite";

/** A comparable description of the public schema (tables, columns, constraints, indexes). */
export async function describeCatalog(db: Pick<PGlite, "query">): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows.map((r) => Object.values(r).map(String).join(" | "));
  return {
    columns: await q(`SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), coalesce(datetime_precision::text, ''), is_nullable, coalesce(column_default, '')
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
    constraints: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
  };
}
