/**
 * Writes one analysed revision (result, models, environments, redacted files,
 * findings) inside the caller's transaction: used at creation (revision 1) and
 * for new revisions.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Analysis } from "./analyze-upload";

export async function storeRevision({
  tx,
  comparisonId,
  number,
  analysis,
  createdAt,
}: {
  tx: Prisma.TransactionClient;
  comparisonId: string;
  number: number;
  analysis: Analysis;
  createdAt?: Date;
}): Promise<{ id: string }> {
  const { result, models } = analysis;
  const revision = await tx.revision.create({
    data: {
      comparisonId,
      number,
      score: result.summary.score,
      result: result as unknown as Prisma.InputJsonObject,
      models: models as Prisma.InputJsonObject,
      ...(createdAt ? { createdAt } : {}),
    },
    select: { id: true },
  });
  for (const env of analysis.environments) {
    const created = await tx.environment.create({
      data: { revisionId: revision.id, name: env.name, role: env.role, position: env.position },
      select: { id: true },
    });
    await tx.uploadedFile.createMany({ data: env.files.map((f) => ({ ...f, environmentId: created.id })) });
  }
  if (result.findings.length) {
    await tx.finding.createMany({
      data: result.findings.map((f) => ({
        revisionId: revision.id,
        fingerprint: f.id,
        rule: f.rule,
        factor: f.factor,
        severity: f.severity,
        service: f.service,
        key: f.key,
        message: f.message,
      })),
    });
  }
  return revision;
}
