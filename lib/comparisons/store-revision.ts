/**
 * Writes one analysed revision (result, models, environments, redacted files,
 * findings) — and, at creation, the comparison row itself — as ONE SQL statement:
 * data-modifying CTEs, one multi-row insert per table, each table's rows passed
 * as one JSON parameter (`json_to_recordset`). One statement is one round trip and
 * is atomic on its own (PostgreSQL checks the foreign keys at its end), so creation
 * needs no interactive transaction; a new revision runs it inside the caller's
 * transaction.
 *
 * Why not Prisma's `create`/`createMany`: each of them is one round trip, and
 * Prisma compiles a query plan for every call whose shape (row count) it has not
 * seen, which cost more CPU than the rest of the creation. Creation sends the
 * statement through the database's SQL driver (`Database.sql`), not through
 * Prisma's `$executeRawUnsafe`: Prisma's raw-query path alone cost about 1 ms of
 * CPU per creation on PGlite, for nothing the statement needs.
 */
import { randomUUID } from "node:crypto";
import type { SqlTx } from "@/lib/db/sql-driver";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Analysis } from "./analyze-upload";

/** The comparison row written with revision 1 (creation only). */
export interface NewComparisonRow {
  title: string;
  reviewKeyHash: string;
  ownerTokenHash: string;
}

export interface StoreRevisionOptions {
  /** where the statement runs: the database's SQL driver (or one of its transactions), or a Prisma (transaction) client */
  tx: Pick<SqlTx, "query"> | Pick<Prisma.TransactionClient, "$executeRawUnsafe">;
  comparisonId: string;
  number: number;
  analysis: Analysis;
  createdAt?: Date;
  /** creation: insert the comparison row in the same statement */
  comparison?: NewComparisonRow;
}

/**
 * `$1` the comparison row (a JSON array of 0 or 1 rows), `$2`-`$8` the revision
 * row (its `result` and `models` as JSON text), `$9`-`$11` the environment, file
 * and finding rows (JSON arrays). One parameter per table: PostgreSQL parses each
 * JSON text once to check it and once more to read its rows; with all rows in one
 * parameter, each `->` re-parsed the whole of it (on PGlite, in WASM, that JSON
 * lexing was the largest part of the statement).
 */
export const STORE_REVISION_SQL = `WITH "new_comparison" AS (
  INSERT INTO "comparison" ("id", "title", "review_key_hash", "owner_token_hash")
  SELECT x."id", x."title", x."review_key_hash", x."owner_token_hash"
  FROM json_to_recordset($1::json) AS x("id" text, "title" text, "review_key_hash" text, "owner_token_hash" text)
),
"new_revision" AS (
  INSERT INTO "revision" ("id", "comparison_id", "number", "score", "result", "models", "created_at")
  VALUES ($2::uuid, $3::text, $4::int, $5::int, $6::json, $7::json, COALESCE($8::timestamptz, CURRENT_TIMESTAMP))
),
"new_environment" AS (
  INSERT INTO "environment" ("id", "revision_id", "name", "role", "position")
  SELECT x."id", x."revision_id", x."name", x."role", x."position"
  FROM json_to_recordset($9::json) AS x("id" uuid, "revision_id" uuid, "name" text, "role" text, "position" int)
),
"new_file" AS (
  INSERT INTO "uploaded_file" ("id", "environment_id", "position", "name", "path", "kind", "content", "size", "sha256")
  SELECT x."id", x."environment_id", x."position", x."name", x."path", x."kind", x."content", x."size", x."sha256"
  FROM json_to_recordset($10::json) AS x("id" uuid, "environment_id" uuid, "position" int, "name" text, "path" text, "kind" text, "content" text, "size" int, "sha256" text)
)
INSERT INTO "finding" ("id", "revision_id", "fingerprint", "rule", "factor", "severity", "service", "key", "message")
SELECT x."id", x."revision_id", x."fingerprint", x."rule", x."factor", x."severity", x."service", x."key", x."message"
FROM json_to_recordset($11::json) AS x("id" uuid, "revision_id" uuid, "fingerprint" text, "rule" text, "factor" text, "severity" text, "service" text, "key" text, "message" text)`;

/** The rows of one revision (ids generated here, as Prisma's `uuid()` would). */
export function revisionRows({ comparisonId, number, analysis, createdAt, comparison }: Omit<StoreRevisionOptions, "tx">) {
  const revisionId = randomUUID();
  const environments = analysis.environments.map((env) => ({ id: randomUUID(), revision_id: revisionId, name: env.name, role: env.role, position: env.position }));
  return {
    comparisons: comparison
      ? [{ id: comparisonId, title: comparison.title, review_key_hash: comparison.reviewKeyHash, owner_token_hash: comparison.ownerTokenHash }]
      : [],
    revision: { id: revisionId, comparison_id: comparisonId, number, score: analysis.result.summary.score, created_at: createdAt?.toISOString() ?? null },
    environments,
    files: analysis.environments.flatMap((env, i) =>
      env.files.map((f) => ({
        id: randomUUID(),
        environment_id: environments[i]?.id,
        position: f.position,
        name: f.name,
        path: f.path,
        kind: f.kind,
        content: f.content,
        size: f.size,
        sha256: f.sha256,
      })),
    ),
    findings: analysis.result.findings.map((f) => ({
      id: randomUUID(),
      revision_id: revisionId,
      fingerprint: f.id,
      rule: f.rule,
      factor: f.factor,
      severity: f.severity,
      service: f.service ?? null,
      key: f.key ?? null,
      message: f.message,
    })),
  };
}

export async function storeRevision({ tx, ...options }: StoreRevisionOptions): Promise<{ id: string }> {
  const rows = revisionRows(options);
  const { revision } = rows;
  const params = [
    JSON.stringify(rows.comparisons),
    revision.id,
    revision.comparison_id,
    revision.number,
    revision.score,
    JSON.stringify(options.analysis.result),
    JSON.stringify(options.analysis.models),
    revision.created_at,
    JSON.stringify(rows.environments),
    JSON.stringify(rows.files),
    JSON.stringify(rows.findings),
  ];
  if ("query" in tx) await tx.query(STORE_REVISION_SQL, params);
  else await tx.$executeRawUnsafe(STORE_REVISION_SQL, ...params);
  return { id: revision.id };
}
