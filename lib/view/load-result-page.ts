/**
 * Everything the result page /c/<id> renders from the stored comparison, in one
 * SQL statement (read-result-page-state.ts; one round trip, where getComparison
 * and lib/review's list functions take a dozen Prisma queries): the comparison, its revisions, the
 * requested (or latest) revision's id, the review state of its findings, its
 * sign-offs, the comparison's comments and its latest activity.
 * Each list has the shape, order and mapping of the lib/review function named
 * beside it (listFindingReviews, listSignOffs, listComments, listActivity);
 * load-result-page.test.ts holds them equal. The revision's result, models and
 * environments with their files' outline (names, kinds, sizes, line counts — not
 * the contents, which the Files section fetches when the reader gets there),
 * which never change once stored, come
 * parsed from lib/view/revision-cache.ts, read by a second statement only when
 * the cache does not hold them.
 *
 * Outcomes as getComparison's: `null` (no such id or revision), `{ status: "gone" }`
 * (expired, or the view link revoked and only the view link presented), or the data.
 * The capability itself is checked before, by lib/review's authorizeCapability.
 */
import { z } from "zod";
import type { StoredComparisonHead, StoredRevisionHead } from "@/lib/comparisons/get-comparison";
import type { Database } from "@/lib/db/client";
import { parityResultSchema } from "@/lib/parity/result-schema";
import type { Role } from "@/lib/parity/roles";
import { renderMarkdownSafe } from "@/lib/review/render-markdown-safe";
import { type ActivityEntry, type FindingReview, type ReviewComment, type SignOff } from "@/lib/review/schemas";
import { toActivityEntries } from "@/lib/review/to-activity-entries";
import { toFindingReview } from "@/lib/review/to-finding-review";
import { readResultPageState } from "./read-result-page-state";
import { getRevisionCache, type CachedRevision, type RevisionCache } from "./revision-cache";
import { diffFindingReviews } from "@/lib/review/diff-finding-reviews";

export interface LoadResultPageOptions {
  db: Pick<Database, "sql">;
  id: string;
  /** 1-based; the latest when absent */
  revision?: number;
  /** the capability already checked: a revoked view link hides the comparison from view links only */
  access: "view" | "review";
  /** "now" for the expiry check (tests) */
  now?: Date;
  /** parsed results of revisions already read (the process's, sized by RESULT_CACHE_MB, by default) */
  cache?: RevisionCache;
}

export interface ResultPageFile {
  name: string;
  path: string;
  kind: "compose" | "env" | "procfile";
  size: number;
  sha256: string;
  /** lines of the (redacted) content, as `content.split("\n").length` counts them */
  lines: number;
}

export interface ResultPageData extends StoredComparisonHead {
  /** the digest of the page statement's row this data was read from (read-result-page-state.ts) */
  stateDigest: string;
  revision: StoredRevisionHead & {
    /** in upload order */
    environments: { name: string; role: Role; position: number; files: ResultPageFile[] }[];
    /** review state of each finding of this revision, by fingerprint (listFindingReviews) */
    findings: FindingReview[];
    /** sign-offs of this revision, newest first (listSignOffs) */
    signOffs: SignOff[];
    /** what changed since the previous revision (compareRevisions' `added` and `removed`, by fingerprint); null for the first */
    sincePrevious: { added: FindingReview[]; removed: FindingReview[] } | null;
  };
  /** every comment of the comparison, oldest first (listComments) */
  comments: ReviewComment[];
  /** the latest activity, newest first (listActivity) */
  activity: ActivityEntry[];
}

export type LoadResultPageResult = ResultPageData | { status: "gone"; id: string; reason: "expired" | "revoked" } | null;

const date = z.string().transform((s) => new Date(s));
const environmentsSchema = z.array(
  z.object({
    name: z.string(),
    role: z.enum(["development", "staging", "production", "other"]),
    position: z.number(),
    files: z.array(z.object({ name: z.string(), path: z.string(), kind: z.enum(["compose", "env", "procfile"]), size: z.number(), sha256: z.string(), lines: z.number() })),
  }),
);
const findingRowSchema = z.object({
  fingerprint: z.string(),
  rule: z.string(),
  severity: z.string(),
  service: z.string().nullable(),
  key: z.string().nullable(),
  message: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  statusBy: z.string().nullable(),
  statusAt: date.nullable(),
  version: z.number(),
});
const rowSchema = z.object({
  comparison: z.object({ id: z.string(), title: z.string(), createdAt: date, expiresAt: date.nullable(), viewRevokedAt: date.nullable() }).nullable(),
  revisions: z.array(z.object({ number: z.number(), createdAt: date, score: z.number() })),
  revision: z.object({ id: z.string(), number: z.number(), createdAt: date }).nullable(),
  findings: z.array(findingRowSchema),
  previousFindings: z.array(findingRowSchema),
  signOffs: z.array(z.object({ id: z.string(), name: z.string(), note: z.string(), createdAt: date })),
  comments: z.array(z.object({ id: z.string(), fingerprint: z.string(), author: z.string(), body: z.string(), createdAt: date })),
  activity: z.array(z.object({ id: z.string(), actor: z.string(), action: z.string(), fingerprint: z.string().nullable(), detail: z.unknown(), createdAt: date })),
});


// the revision's stored result and models (immutable): read only when the cache does not hold them
const BODY_SQL = `
SELECT result, models, octet_length(result::text) + octet_length(models::text) AS bytes,
  (SELECT coalesce(json_agg(json_build_object('name', e.name, 'role', e.role, 'position', e.position, 'files',
      (SELECT coalesce(json_agg(json_build_object('name', f.name, 'path', f.path, 'kind', f.kind, 'size', f.size, 'sha256', f.sha256,
                'lines', length(f.content) - length(replace(f.content, E'\\n', '')) + 1) ORDER BY f.position), '[]'::json)
         FROM uploaded_file f WHERE f.environment_id = e.id)) ORDER BY e.position), '[]'::json)
     FROM environment e WHERE e.revision_id = $1) AS environments
FROM revision WHERE id = $1`;
const bodySchema = z.object({ result: z.unknown(), models: z.record(z.string(), z.unknown()), bytes: z.coerce.number(), environments: environmentsSchema });

async function readRevisionBody(db: Pick<Database, "sql">, revisionId: string, cache: RevisionCache): Promise<CachedRevision | null> {
  const hit = cache.get(revisionId);
  if (hit) return hit;
  const [raw] = await db.sql.query(BODY_SQL, [revisionId]);
  if (!raw) return null;
  const body = bodySchema.parse(raw);
  // the files' outline counts the lines of their contents: read once, with the result
  const bytes = body.bytes + JSON.stringify(body.environments).length;
  return cache.set(revisionId, { result: parityResultSchema.parse(body.result), models: body.models, environments: body.environments }, bytes);
}

/** Findings only in this revision (added) and only in the previous one (removed: resolved), as compareRevisions tells them apart; by fingerprint. */
function sincePrevious(current: FindingReview[], previous: FindingReview[]): { added: FindingReview[]; removed: FindingReview[] } {
  const { added, removed } = diffFindingReviews({ before: previous, after: current });
  return { added, removed };
}

export async function loadResultPage({ db, id, revision, access, now = new Date(), cache = getRevisionCache() }: LoadResultPageOptions): Promise<LoadResultPageResult> {
  const { raw, digest } = await readResultPageState({ db, id, revision });
  const row = rowSchema.parse(raw);
  const c = row.comparison;
  if (!c) return null;
  if (c.viewRevokedAt && access === "view") return { status: "gone", id, reason: "revoked" };
  if (c.expiresAt && c.expiresAt.getTime() < now.getTime()) return { status: "gone", id, reason: "expired" };
  const r = row.revision;
  if (!r) return null;
  const body = await readRevisionBody(db, r.id, cache);
  if (!body) return null;
  const findings = row.findings.map((f) => toFindingReview({ ...f, revision: { number: r.number } }));
  return {
    status: "ok",
    stateDigest: digest,
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
    revisions: row.revisions,
    revision: {
      number: r.number,
      createdAt: r.createdAt,
      result: body.result,
      models: body.models,
      environments: body.environments,
      findings,
      sincePrevious: r.number > 1 ? sincePrevious(findings, row.previousFindings.map((f) => toFindingReview({ ...f, revision: { number: r.number - 1 } }))) : null,
      signOffs: row.signOffs.map((o) => ({ id: o.id, revision: r.number, name: o.name, note: o.note, createdAt: o.createdAt.toISOString() })),
    },
    comments: row.comments.map((m) => ({ ...m, html: renderMarkdownSafe({ markdown: m.body }), createdAt: m.createdAt.toISOString() })),
    activity: toActivityEntries(row.activity),
  };
}
