/**
 * Deletes a comparison and everything under it (revisions, environments, files,
 * findings, comments, sign-offs, activity) through the schema's ON DELETE CASCADE,
 * in one statement.
 */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";

export interface DeleteComparisonOptions {
  prisma: PrismaClient;
  comparisonId: string;
}

export async function deleteComparison({ prisma, comparisonId }: DeleteComparisonOptions): Promise<{ deleted: true }> {
  const { count } = await prisma.comparison.deleteMany({ where: { id: comparisonId } });
  if (count === 0) throw new ReviewError("NOT_FOUND", "No comparison with this id.");
  return { deleted: true };
}
