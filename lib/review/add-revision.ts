/**
 * Uploads a new revision of a comparison: the same environments (by name), new
 * files. The files are analysed and stored exactly as at creation (redacted
 * files, masked result and models), then reviews are carried forward by
 * fingerprint (carryReviewsForward: kept / added / resolved / reopened) and the
 * upload is logged — all writes in one transaction.
 * The analysis and the writes are lib/comparisons' own (`analyzeUpload`,
 * `storeRevision`), the same as at creation.
 */
import { z } from "zod";
import type { PrismaClient } from "@/lib/db/client";
import { analyzeInProcess, type Analyze } from "@/lib/comparisons/analyzer";
import { environmentInputSchema, MAX_ENVIRONMENTS } from "@/lib/comparisons/create-comparison";
import { storeRevision } from "@/lib/comparisons/store-revision";
import type { Role } from "@/lib/parity/roles";
import { carryReviewsForward, type CarryReport } from "./carry-reviews-forward";
import { ReviewError } from "./errors";
import { findRevision } from "./find-revision";
import { recordActivity } from "./record-activity";
import { reviewerNameSchema } from "./schemas";

export const addRevisionInputSchema = z.strictObject({
  /** who uploads (activity log) */
  by: reviewerNameSchema,
  environments: z.array(environmentInputSchema).min(1).max(MAX_ENVIRONMENTS),
});
export type AddRevisionInput = z.infer<typeof addRevisionInputSchema>;

export interface AddRevisionOptions {
  prisma: PrismaClient;
  comparisonId: string;
  input: AddRevisionInput;
  /** HMAC key of secret fingerprints (FINGERPRINT_KEY): the same as at creation, so fingerprints compare */
  fingerprintKey: string;
  now?: Date;
  /** runs the analysis (the server's worker pool: lib/comparisons/analyzer.ts); default: in this thread */
  analyze?: Analyze;
}

export interface AddedRevision extends CarryReport {
  revision: number;
  score: number;
}

type EnvironmentInput = AddRevisionInput["environments"][number];

export async function addRevision({ prisma, comparisonId, input, fingerprintKey, now = new Date(), analyze = analyzeInProcess }: AddRevisionOptions): Promise<AddedRevision> {
  const latest = await findRevision({ prisma, comparisonId });
  const stored = await prisma.environment.findMany({ where: { revisionId: latest.id }, orderBy: { position: "asc" }, select: { name: true, role: true } });
  const given = new Map(input.environments.map((e) => [e.name, e]));
  const expected = stored.map((e) => e.name);
  if (given.size !== input.environments.length || given.size !== expected.length || expected.some((n) => !given.has(n))) {
    throw new ReviewError("INVALID", `A new revision has the same environments as the comparison: ${expected.join(", ")} (got ${input.environments.map((e) => e.name).join(", ")}).`);
  }
  // in the comparison's order, each keeping its role unless the upload names one
  const environments = stored.map((s) => {
    const e = given.get(s.name) as EnvironmentInput;
    return { ...e, role: (e.role ?? s.role) as Role };
  });
  const analysis = await analyze({ environments, fingerprintKey });

  try {
    return await prisma.$transaction(async (tx) => {
      const previous = await findRevision({ prisma: tx, comparisonId });
      const number = previous.number + 1;
      const revision = await storeRevision({ tx, comparisonId, number, analysis, createdAt: now });
      const report = await carryReviewsForward({ tx, comparisonId, revisionId: revision.id, number, now });
      await recordActivity({
        tx,
        comparisonId,
        actor: input.by,
        action: "revision.add",
        detail: { revision: number, added: report.added.length, kept: report.kept.length, resolved: report.resolved.length, reopened: report.reopened.length },
        at: now,
      });
      return { revision: number, score: analysis.result.summary.score, ...report };
    });
  } catch (err) {
    // two uploads at once: the unique (comparison, number) lets only one take the number
    if (err instanceof Error && /Unique constraint|P2002|unique/i.test(err.message)) {
      throw new ReviewError("CONFLICT", "Another revision was uploaded at the same moment. Reload the page and upload again if needed.");
    }
    throw err;
  }
}
