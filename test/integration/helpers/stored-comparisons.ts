/**
 * Checks that a database holds only whole comparisons: every comparison has a
 * revision, every revision its environments with their files and one finding row
 * per finding of its stored result. Works beside a running server (PostgreSQL).
 */
import type { Database } from "@/lib/db/client";

export interface WholeCheck {
  comparisons: string[];
  /** descriptions of partial rows; empty when every comparison is whole */
  partial: string[];
}

export async function checkWholeComparisons(db: Database, environmentsPerRevision: number): Promise<WholeCheck> {
  const comparisons = (await db.sql.query<{ id: string }>(`SELECT id FROM comparison ORDER BY id`)).map((r) => r.id);
  const partial: string[] = [];
  const noRevision = await db.sql.query<{ id: string }>(
    `SELECT c.id FROM comparison c WHERE NOT EXISTS (SELECT 1 FROM revision r WHERE r.comparison_id = c.id)`,
  );
  for (const { id } of noRevision) partial.push(`comparison ${id} has no revision`);
  const revisions = await db.sql.query<{ id: string; comparison_id: string; envs: number; files: number; empty_envs: number; findings: number; expected_findings: number }>(
    `SELECT r.id, r.comparison_id,
            (SELECT count(*)::int FROM environment e WHERE e.revision_id = r.id) AS envs,
            (SELECT count(*)::int FROM uploaded_file f JOIN environment e ON e.id = f.environment_id WHERE e.revision_id = r.id) AS files,
            (SELECT count(*)::int FROM environment e WHERE e.revision_id = r.id AND NOT EXISTS (SELECT 1 FROM uploaded_file f WHERE f.environment_id = e.id)) AS empty_envs,
            (SELECT count(*)::int FROM finding f WHERE f.revision_id = r.id) AS findings,
            (SELECT count(DISTINCT x ->> 'id')::int FROM jsonb_array_elements(r.result::jsonb -> 'findings') x) AS expected_findings
       FROM revision r`,
  );
  for (const r of revisions) {
    if (r.envs !== environmentsPerRevision) partial.push(`revision ${r.id} of ${r.comparison_id} has ${r.envs} environments`);
    if (r.empty_envs > 0 || r.files === 0) partial.push(`revision ${r.id} of ${r.comparison_id} has an environment without files`);
    if (r.findings !== r.expected_findings) partial.push(`revision ${r.id} of ${r.comparison_id} has ${r.findings} of ${r.expected_findings} findings`);
  }
  return { comparisons, partial };
}
