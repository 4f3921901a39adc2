/**
 * Uploads a new revision of a comparison: the same environments (by name), new
 * files. The files are analysed and stored exactly as at creation (redacted
 * files, masked result and models), then reviews are carried forward by
 * fingerprint (carryReviewsForward: kept / added / resolved / reopened) and the
 * upload is logged — all writes in one transaction.
 *
 * The analysis steps are lib/comparisons' (environmentInputSchema, loadEnvironment,
 * compareEnvironments, createEnvironmentsScrubber, maskModels, redactFileContent,
 * AnalysisError). lib/comparisons does not yet export its analysis as one function;
 * when it does, `analyzeUpload` below should become a call to it.
 */
import { z } from "zod";
import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { detectFileKind } from "@/lib/compose/detect-file-kind";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { FileKind } from "@/lib/compose/model";
import { environmentInputSchema, MAX_ENVIRONMENTS, sha256Hex } from "@/lib/comparisons/create-comparison";
import { AnalysisError } from "@/lib/comparisons/errors";
import { createEnvironmentsScrubber, maskModels } from "@/lib/comparisons/mask-model";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { redactFileContent, scrubDeep } from "@/lib/parity/redact";
import type { ParityResult } from "@/lib/parity/result-schema";
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
}

export interface AddedRevision extends CarryReport {
  revision: number;
  score: number;
}

type EnvironmentInput = AddRevisionInput["environments"][number];

interface Analysis {
  result: ParityResult;
  models: Record<string, unknown>;
  environments: { name: string; role: string; position: number; files: { position: number; name: string; path: string; kind: FileKind; content: string; size: number; sha256: string }[] }[];
}

/** Load each environment as compose would, compare, mask: what createComparison stores for revision 1. */
function analyzeUpload({ environments, fingerprintKey }: { environments: (EnvironmentInput & { role: Role })[]; fingerprintKey: string }): Analysis {
  const loaded = environments.map((e) => loadEnvironment({ name: e.name, files: e.files, ...(e.profiles ? { profiles: e.profiles } : {}) }));
  const issues = loaded.flatMap((env, i) =>
    env.issues.map((issue) => {
      const files = environments[i]?.files ?? [];
      const byPath = issue.file && !files.some((f) => f.name === issue.file) ? files.find((f) => f.as === issue.file) : undefined;
      return { ...issue, ...(byPath ? { file: byPath.name } : {}), env: env.name };
    }),
  );
  const firstError = issues.find((i) => i.severity === "error");
  if (firstError) throw new AnalysisError(firstError, firstError.env, issues);

  const scrub = createEnvironmentsScrubber({ environments: loaded });
  const compared = compareEnvironments({ environments: loaded.map((env, i) => ({ env, role: environments[i]?.role })), fingerprintKey });
  const result = scrubDeep(compared, scrub, new Set(["id", "fingerprint"]));
  const models = maskModels({ environments: loaded, fingerprintKey });
  return {
    result,
    models,
    environments: environments.map((e, position) => ({
      name: e.name,
      role: result.environments[position]?.role ?? e.role,
      position,
      files: e.files.map((f, i) => {
        const as = f.as ?? f.name;
        const loadedFiles = loaded[position]?.files ?? [];
        const same = loadedFiles[i];
        const kind =
          (same && same.name === f.name ? same.kind : loadedFiles.find((l) => l.name === f.name && l.as === as)?.kind) ??
          detectFileKind({ name: as, content: f.content }).kind ??
          "compose";
        return { position: i, name: f.name, path: as, kind, content: scrub(redactFileContent({ name: f.name, kind, content: f.content })), size: Buffer.byteLength(f.content, "utf8"), sha256: sha256Hex(f.content) };
      }),
    })),
  };
}

export async function addRevision({ prisma, comparisonId, input, fingerprintKey, now = new Date() }: AddRevisionOptions): Promise<AddedRevision> {
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
  const analysis = analyzeUpload({ environments, fingerprintKey });

  try {
    return await prisma.$transaction(async (tx) => {
      const previous = await findRevision({ prisma: tx, comparisonId });
      const number = previous.number + 1;
      const revision = await tx.revision.create({
        data: { comparisonId, number, score: analysis.result.summary.score, result: analysis.result as unknown as Prisma.InputJsonObject, models: analysis.models as Prisma.InputJsonObject, createdAt: now },
        select: { id: true },
      });
      for (const env of analysis.environments) {
        const created = await tx.environment.create({ data: { revisionId: revision.id, name: env.name, role: env.role, position: env.position }, select: { id: true } });
        await tx.uploadedFile.createMany({ data: env.files.map((f) => ({ ...f, environmentId: created.id })) });
      }
      if (analysis.result.findings.length) {
        await tx.finding.createMany({
          data: analysis.result.findings.map((f) => ({ revisionId: revision.id, fingerprint: f.id, rule: f.rule, factor: f.factor, severity: f.severity, service: f.service, key: f.key, message: f.message })),
        });
      }
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
