/**
 * The one SQL statement that reads every mutable thing the result page /c/<id>
 * shows (the page statement): the comparison (with the columns of its capability
 * check), its revisions, the requested (or latest) revision's id, the review state
 * of its findings and of the previous revision's (what changed since it), its
 * sign-offs, the comparison's comments and its latest activity. Everything else the page shows is immutable per revision id (the
 * stored result, models and files) or per process (config, build).
 *
 * `digest` is a hash of the whole row as read: two reads with the same digest saw
 * the same state, so a page rendered from one is the page of the other
 * (lib/http/serve-result-page.ts keys its cache of rendered pages on it).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { CapabilityRow } from "@/lib/review/decide-capability";

/** entries of the activity log the page shows (listActivity's limit) */
export const RESULT_PAGE_ACTIVITY_LIMIT = 200;

/** a revision's findings with their review state, as listFindingReviews orders them */
const FINDINGS_JSON = `json_agg(json_build_object('fingerprint', fingerprint, 'rule', rule, 'severity', severity, 'service', service, 'key', key,
      'message', message, 'status', status, 'statusReason', status_reason, 'statusBy', status_by, 'statusAt', status_at, 'version', version)
      ORDER BY fingerprint)`;

// $1 comparison id, $2 revision number or null (the latest), $3 activity limit
const SQL = `
WITH r AS (
  SELECT id, number, created_at FROM revision
  WHERE comparison_id = $1 AND ($2::int IS NULL OR number = $2::int)
  ORDER BY number DESC LIMIT 1
)
SELECT
  (SELECT json_build_object('id', id, 'title', title, 'createdAt', created_at, 'expiresAt', expires_at, 'viewRevokedAt', view_revoked_at,
      'reviewRevokedAt', review_revoked_at, 'reviewKeyHash', review_key_hash, 'ownerTokenHash', owner_token_hash)
     FROM comparison WHERE id = $1) AS comparison,
  (SELECT coalesce(json_agg(json_build_object('number', number, 'createdAt', created_at, 'score', score) ORDER BY number), '[]'::json)
     FROM revision WHERE comparison_id = $1) AS revisions,
  (SELECT json_build_object('id', id, 'number', number, 'createdAt', created_at) FROM r) AS revision,
  (SELECT coalesce(${FINDINGS_JSON}, '[]'::json)
     FROM finding WHERE revision_id = (SELECT id FROM r)) AS findings,
  (SELECT coalesce(${FINDINGS_JSON}, '[]'::json)
     FROM finding WHERE revision_id = (SELECT p.id FROM revision p, r WHERE p.comparison_id = $1 AND p.number = r.number - 1)) AS "previousFindings",
  (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'note', note, 'createdAt', created_at) ORDER BY created_at DESC, id ASC), '[]'::json)
     FROM sign_off WHERE revision_id = (SELECT id FROM r)) AS "signOffs",
  (SELECT coalesce(json_agg(json_build_object('id', id, 'fingerprint', fingerprint, 'author', author, 'body', body, 'createdAt', created_at) ORDER BY created_at ASC, id ASC), '[]'::json)
     FROM comment WHERE comparison_id = $1) AS comments,
  (SELECT coalesce(json_agg(a ORDER BY a."createdAt" DESC, a.id DESC), '[]'::json) FROM (
     SELECT id, actor, action, fingerprint, detail, created_at AS "createdAt" FROM activity
     WHERE comparison_id = $1 ORDER BY created_at DESC, id DESC LIMIT $3) a) AS activity`;

export interface ResultPageState {
  /** the row as the driver returned it (parsed by loadResultPage) */
  raw: unknown;
  /** sha256 (base64url) of the whole row */
  digest: string;
}

/**
 * PGlite runs in our process, and planning this statement costs it about twice
 * what running it does: on PGlite the statement is prepared once per database
 * (session-level PREPARE; PGlite has one session) and EXECUTEd with its generic
 * plan. EXECUTE takes no bind parameters, so its arguments are literals: only an
 * id of the page's alphabet and an integer revision go that way; anything else
 * (and PostgreSQL, which plans in its own process) takes the plain parameterised
 * statement.
 *
 * Generic plan, always: left to itself PostgreSQL plans the first five EXECUTEs
 * for their arguments and then keeps the generic plan only while its estimated
 * cost is no higher than theirs. PGlite never runs autovacuum, so its tables have
 * no statistics and the estimates follow their size: after ~2,000 creations the
 * generic plan was estimated dearer and every view was planned again (~2.5 ms of
 * its ~5.5 ms of CPU), for the same index scans. `plan_cache_mode` is set for the
 * EXECUTE only: the three statements run as one implicit transaction, so the SET
 * is reset by the RESET or, when the EXECUTE fails, rolled back with it; and
 * PGlite runs one script at a time, so no other statement sees the setting.
 */
const PREPARED_NAME = "compose_parity_result_page_state";
const prepared = new WeakMap<object, Promise<boolean>>();
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function preparedOn(sql: Database["sql"]): Promise<boolean> {
  let ready = prepared.get(sql);
  if (!ready) {
    ready = sql.exec(`PREPARE ${PREPARED_NAME}(text, int, int) AS ${SQL}`).then(
      () => true,
      // 42P05: already prepared in this session
      (err: unknown) => (err as { code?: string } | null)?.code === "42P05",
    );
    prepared.set(sql, ready);
  }
  return ready;
}

async function queryState(sql: Database["sql"], id: string, revision: number | null): Promise<unknown> {
  if (sql.kind === "pglite" && SAFE_ID.test(id) && (revision === null || (Number.isInteger(revision) && revision >= 0 && revision <= 2 ** 31 - 1)) && (await preparedOn(sql))) {
    try {
      const args = `'${id}', ${revision === null ? "NULL" : String(revision)}, ${RESULT_PAGE_ACTIVITY_LIMIT}`;
      const [, rows] = await sql.execRows(`SET plan_cache_mode = force_generic_plan; EXECUTE ${PREPARED_NAME}(${args}); RESET plan_cache_mode`);
      return rows?.[0];
    } catch {
      // the prepared statement went away (a new session?): prepare again next time, answer with the plain statement now
      prepared.delete(sql);
    }
  }
  const [raw] = await sql.query(SQL, [id, revision, RESULT_PAGE_ACTIVITY_LIMIT]);
  return raw;
}

export async function readResultPageState({ db, id, revision }: { db: Pick<Database, "sql">; id: string; revision?: number | undefined }): Promise<ResultPageState> {
  const raw = await queryState(db.sql, id, revision ?? null);
  return { raw, digest: createHash("sha256").update(JSON.stringify(raw ?? null)).digest("base64url") };
}

const date = z.string().transform((s) => new Date(s));
const headSchema = z.object({
  comparison: z
    .object({ expiresAt: date.nullable(), viewRevokedAt: date.nullable(), reviewRevokedAt: date.nullable(), reviewKeyHash: z.string(), ownerTokenHash: z.string() })
    .nullable(),
  revision: z.object({ id: z.string() }).nullable(),
});

/** What the capability check needs from a page state row (null comparison: no such id), and whether the revision exists. */
export function readPageStateHead(raw: unknown): { comparison: CapabilityRow | null; hasRevision: boolean } {
  const head = headSchema.parse(raw);
  return { comparison: head.comparison, hasRevision: head.revision !== null };
}
