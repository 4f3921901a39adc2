/**
 * The canonical compose model of each environment of one revision (secrets masked):
 * the model diff of the result page, loaded when the reader gets there. Access
 * (unknown id, expired, revoked link) is checked before, by lib/review's
 * authorizeCapability, exactly as for the page.
 */
import { z } from "zod";
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "@/lib/review/errors";

export interface GetRevisionModelsOptions {
  prisma: PrismaClient;
  comparisonId: string;
  /** 1-based; the latest when absent */
  revision?: number;
}

export interface RevisionModels {
  revision: number;
  /** per environment name */
  models: Record<string, unknown>;
}

const modelsSchema = z.record(z.string(), z.unknown());

export async function getRevisionModels({ prisma, comparisonId, revision }: GetRevisionModelsOptions): Promise<RevisionModels> {
  const row = await prisma.revision.findFirst({
    where: { comparisonId, ...(revision === undefined ? {} : { number: revision }) },
    orderBy: { number: "desc" },
    select: { number: true, models: true },
  });
  if (!row) throw new ReviewError("NOT_FOUND", "No comparison (or revision) with this id.");
  return { revision: row.number, models: modelsSchema.parse(row.models) };
}
