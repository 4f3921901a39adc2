/**
 * Writes one analysed revision (result, models, environments, redacted files,
 * findings) — and, at creation, the comparison row itself — as ONE SQL statement:
 * data-modifying CTEs, one multi-row insert per table, rows passed as one JSON
 * parameter (`json_to_recordset`). One statement is one round trip and is atomic
 * on its own (PostgreSQL checks the foreign keys at its end), so creation needs no
 * interactive transaction; a new revision runs it inside the caller's transaction.
 *
 * Why not Prisma's `create`/`createMany`: each of them is one round trip, and
 * Prisma compiles a query plan for every call whose shape (row count) it has not
 * seen, which cost more CPU than the rest of the creation.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Analysis } from "./analyze-upload";

/** The comparison row written with revision 1 (creation only). */
export interface NewComparisonRow {
  title: string;
  reviewKeyHash: string;
  ownerTokenHash: string;
}

export interface StoreRevisionOptions {
  /** a Prisma client or interactive transaction client */
  tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">;
  comparisonId: string;
  number: number;
  analysis: Analysis;
  createdAt?: Date;
  /** creation: insert the comparison row in the same statement */
  comparison?: NewComparisonRow;
}

/** `$1`: the rows (JSON), `$2`: the result (JSON), `$3`: the models (JSON). */
export const STORE_REVISION_SQL = `WITH "rows" AS (SELECT $1::json AS "j"),
"new_comparison" AS (
  INSERT INTO "comparison" ("id", "title", "review_key_hash", "owner_token_hash")
  SELECT x."id", x."title", x."review_key_hash", x."owner_token_hash"
  FROM "rows", json_to_recordset("rows"."j"->'comparisons') AS x("id" text, "title" text, "review_key_hash" text, "owner_token_hash" text)
),
"new_revision" AS (
  INSERT INTO "revision" ("id", "comparison_id", "number", "score", "result", "models", "created_at")
  SELECT x."id", x."comparison_id", x."number", x."score", $2::json, $3::json, COALESCE(x."created_at", CURRENT_TIMESTAMP)
  FROM "rows", json_to_record("rows"."j"->'revision') AS x("id" uuid, "comparison_id" text, "number" int, "score" int, "created_at" timestamptz)
),
"new_environment" AS (
  INSERT INTO "environment" ("id", "revision_id", "name", "role", "position")
  SELECT x."id", x."revision_id", x."name", x."role", x."position"
  FROM "rows", json_to_recordset("rows"."j"->'environments') AS x("id" uuid, "revision_id" uuid, "name" text, "role" text, "position" int)
),
"new_file" AS (
  INSERT INTO "uploaded_file" ("id", "environment_id", "position", "name", "path", "kind", "content", "size", "sha256")
  SELECT x."id", x."environment_id", x."position", x."name", x."path", x."kind", x."content", x."size", x."sha256"
  FROM "rows", json_to_recordset("rows"."j"->'files') AS x("id" uuid, "environment_id" uuid, "position" int, "name" text, "path" text, "kind" text, "content" text, "size" int, "sha256" text)
)
INSERT INTO "finding" ("id", "revision_id", "fingerprint", "rule", "factor", "severity", "service", "key", "message")
SELECT x."id", x."revision_id", x."fingerprint", x."rule", x."factor", x."severity", x."service", x."key", x."message"
FROM "rows", json_to_recordset("rows"."j"->'findings') AS x("id" uuid, "revision_id" uuid, "fingerprint" text, "rule" text, "factor" text, "severity" text, "service" text, "key" text, "message" text)`;

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
  await tx.$executeRawUnsafe(STORE_REVISION_SQL, JSON.stringify(rows), JSON.stringify(options.analysis.result), JSON.stringify(options.analysis.models));
  return { id: rows.revision.id };
}
