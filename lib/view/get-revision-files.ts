/**
 * The uploaded files (redacted: secret values masked in place) of one revision, per
 * environment in upload order: the Files section of the result page, loaded when
 * the reader gets there. Access (unknown id, expired, revoked link) is checked
 * before, by lib/review's authorizeCapability, exactly as for the page.
 */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "@/lib/review/errors";

export interface GetRevisionFilesOptions {
  prisma: PrismaClient;
  comparisonId: string;
  /** 1-based; the latest when absent */
  revision?: number;
}

export interface RevisionFiles {
  revision: number;
  environments: { name: string; files: { name: string; path: string; kind: string; content: string }[] }[];
}

export async function getRevisionFiles({ prisma, comparisonId, revision }: GetRevisionFilesOptions): Promise<RevisionFiles> {
  const row = await prisma.revision.findFirst({
    where: { comparisonId, ...(revision === undefined ? {} : { number: revision }) },
    orderBy: { number: "desc" },
    select: {
      number: true,
      environments: {
        orderBy: { position: "asc" },
        select: { name: true, files: { orderBy: { position: "asc" }, select: { name: true, path: true, kind: true, content: true } } },
      },
    },
  });
  if (!row) throw new ReviewError("NOT_FOUND", "No comparison (or revision) with this id.");
  return { revision: row.number, environments: row.environments };
}
