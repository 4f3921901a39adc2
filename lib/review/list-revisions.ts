/** A comparison's revisions, oldest first: number, date, score, finding count and sign-offs. */
import type { PrismaClient } from "@/lib/db/client";

export interface ListRevisionsOptions {
  prisma: PrismaClient;
  comparisonId: string;
}

export interface RevisionSummary {
  number: number;
  createdAt: string;
  score: number;
  findings: number;
  signOffs: { name: string; note: string; createdAt: string }[];
}

export async function listRevisions({ prisma, comparisonId }: ListRevisionsOptions): Promise<RevisionSummary[]> {
  const rows = await prisma.revision.findMany({
    where: { comparisonId },
    orderBy: { number: "asc" },
    select: {
      number: true,
      createdAt: true,
      score: true,
      _count: { select: { findings: true } },
      signOffs: { orderBy: { createdAt: "asc" }, select: { name: true, note: true, createdAt: true } },
    },
  });
  return rows.map((r) => ({
    number: r.number,
    createdAt: r.createdAt.toISOString(),
    score: r.score,
    findings: r._count.findings,
    signOffs: r.signOffs.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  }));
}
