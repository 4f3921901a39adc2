/**
 * Reads a stored comparison (one revision: the latest unless `revision` is given)
 * for the result page, the JSON API and the reports. Selects only what they show.
 *
 * Outcomes: `null` (no such id or revision), `{ status: "gone" }` (expired or view
 * link revoked — 410 at the edge), or the stored comparison (`status: "ok"`).
 */
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { parityResultSchema, type ParityResult } from "@/lib/parity/result-schema";
import type { FileKind } from "@/lib/compose/model";
import type { Role } from "@/lib/parity/roles";

export const getComparisonInputSchema = z.object({
  id: z.string().min(1).max(64),
  revision: z.number().int().positive().optional(),
});

export interface GetComparisonOptions {
  db: Pick<Database, "prisma">;
  id: string;
  /** revision number (1-based); the latest when absent */
  revision?: number;
  /** "now" for the expiry check (tests) */
  now?: Date;
  /**
   * The capability the caller has already checked (lib/review authorizeCapability):
   * a revoked view link hides the comparison from view links only, not from review links.
   */
  access?: "view" | "review";
}

export interface StoredFile {
  name: string;
  path: string;
  kind: FileKind;
  /** redacted content (secret values masked in place) */
  content: string;
  /** size in bytes of the original upload */
  size: number;
  /** sha256 (hex) of the original upload */
  sha256: string;
}

export interface StoredEnvironment {
  name: string;
  role: Role;
  position: number;
  files: StoredFile[];
}

export type FindingStatus = "open" | "accepted_risk" | "will_fix" | "fixed" | "false_positive";

export interface StoredFindingReview {
  fingerprint: string;
  status: FindingStatus;
  statusReason: string | null;
  version: number;
}

/** The comparison as every reader shows it (this module and lib/view/load-result-page.ts). */
export interface StoredComparisonHead {
  status: "ok";
  id: string;
  title: string;
  createdAt: Date;
  expiresAt: Date | null;
  /** every revision, oldest first */
  revisions: { number: number; createdAt: Date; score: number }[];
}

/** The shown revision's immutable part, as every reader shows it. */
export interface StoredRevisionHead {
  number: number;
  createdAt: Date;
  result: ParityResult;
  /** per environment name: the canonical compose model, secrets masked */
  models: Record<string, unknown>;
}

export interface StoredComparison extends StoredComparisonHead {
  /** the requested (or latest) revision */
  revision: StoredRevisionHead & {
    /** in upload order */
    environments: StoredEnvironment[];
    findings: StoredFindingReview[];
  };
}

export interface GoneComparison {
  status: "gone";
  id: string;
  reason: "expired" | "revoked";
}

export type GetComparisonResult = StoredComparison | GoneComparison | null;

const modelsSchema = z.record(z.string(), z.unknown());
const roleSchema = z.enum(["development", "staging", "production", "other"]);
const kindSchema = z.enum(["compose", "env", "procfile"]);
const statusSchema = z.enum(["open", "accepted_risk", "will_fix", "fixed", "false_positive"]);

export async function getComparison({ db, id, revision, now = new Date(), access = "view" }: GetComparisonOptions): Promise<GetComparisonResult> {
  const comparison = await db.prisma.comparison.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      createdAt: true,
      expiresAt: true,
      viewRevokedAt: true,
      revisions: { select: { number: true, createdAt: true, score: true }, orderBy: { number: "asc" } },
    },
  });
  if (!comparison) return null;
  if (comparison.viewRevokedAt && access === "view") return { status: "gone", id, reason: "revoked" };
  if (comparison.expiresAt && comparison.expiresAt.getTime() < now.getTime()) return { status: "gone", id, reason: "expired" };

  const number = revision ?? comparison.revisions.at(-1)?.number;
  if (number === undefined) return null;
  const row = await db.prisma.revision.findUnique({
    where: { comparisonId_number: { comparisonId: id, number } },
    select: {
      number: true,
      createdAt: true,
      result: true,
      models: true,
      environments: {
        orderBy: { position: "asc" },
        select: {
          name: true,
          role: true,
          position: true,
          files: { orderBy: { position: "asc" }, select: { name: true, path: true, kind: true, content: true, size: true, sha256: true } },
        },
      },
      findings: { orderBy: { fingerprint: "asc" }, select: { fingerprint: true, status: true, statusReason: true, version: true } },
    },
  });
  if (!row) return null;

  return {
    status: "ok",
    id: comparison.id,
    title: comparison.title,
    createdAt: comparison.createdAt,
    expiresAt: comparison.expiresAt,
    revisions: comparison.revisions,
    revision: {
      number: row.number,
      createdAt: row.createdAt,
      result: parityResultSchema.parse(row.result),
      models: modelsSchema.parse(row.models),
      environments: row.environments.map((e) => ({
        name: e.name,
        role: roleSchema.parse(e.role),
        position: e.position,
        files: e.files.map((f) => ({ ...f, kind: kindSchema.parse(f.kind) })),
      })),
      findings: row.findings.map((f) => ({ ...f, status: statusSchema.parse(f.status) })),
    },
  };
}
