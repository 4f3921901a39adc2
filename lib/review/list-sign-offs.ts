/** Sign-offs of a comparison, newest first, optionally of one revision. */
import type { PrismaClient } from "@/lib/db/client";
import type { SignOff } from "./schemas";

export interface ListSignOffsOptions {
  prisma: PrismaClient;
  comparisonId: string;
  revision?: number;
}

export async function listSignOffs({ prisma, comparisonId, revision }: ListSignOffsOptions): Promise<SignOff[]> {
  const rows = await prisma.signOff.findMany({
    where: { revision: { comparisonId, ...(revision === undefined ? {} : { number: revision }) } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, note: true, createdAt: true, revision: { select: { number: true } } },
  });
  return rows.map((r) => ({ id: r.id, revision: r.revision.number, name: r.name, note: r.note, createdAt: r.createdAt.toISOString() }));
}
