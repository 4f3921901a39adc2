/** The revision `number` of a comparison (the latest when absent); NOT_FOUND when there is none. */
import type { Prisma } from "@/lib/generated/prisma/client";
import { ReviewError } from "./errors";

type Db = Pick<Prisma.TransactionClient, "revision">;

export interface FindRevisionOptions {
  prisma: Db;
  comparisonId: string;
  number?: number;
}

export async function findRevision({ prisma, comparisonId, number }: FindRevisionOptions): Promise<{ id: string; number: number }> {
  const row =
    number === undefined
      ? await prisma.revision.findFirst({ where: { comparisonId }, orderBy: { number: "desc" }, select: { id: true, number: true } })
      : await prisma.revision.findUnique({ where: { comparisonId_number: { comparisonId, number } }, select: { id: true, number: true } });
  if (!row) throw new ReviewError("NOT_FOUND", number === undefined ? "This comparison has no revision." : `No revision ${number}.`);
  return row;
}
