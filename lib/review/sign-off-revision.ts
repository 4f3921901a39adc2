/**
 * "Approve for release" of one revision (the latest by default), with a name and
 * a note. Allowed while high/critical findings are still open — the answer says
 * how many, so the page can warn.
 */
import type { PrismaClient } from "@/lib/db/client";
import { countOpenBlockers } from "./count-open-blockers";
import { findRevision } from "./find-revision";
import { recordActivity } from "./record-activity";
import type { SignOff } from "./schemas";

export interface SignOffRevisionOptions {
  prisma: PrismaClient;
  comparisonId: string;
  revision?: number;
  name: string;
  note?: string;
  now?: Date;
}

export interface SignOffResult {
  signOff: SignOff;
  openBlockers: { high: number; critical: number; total: number };
}

export async function signOffRevision({ prisma, comparisonId, revision, name, note = "", now = new Date() }: SignOffRevisionOptions): Promise<SignOffResult> {
  return prisma.$transaction(async (tx) => {
    const rev = await findRevision({ prisma: tx, comparisonId, number: revision });
    const findings = await tx.finding.findMany({ where: { revisionId: rev.id }, select: { severity: true, status: true } });
    const openBlockers = countOpenBlockers({ findings });
    const row = await tx.signOff.create({
      data: { revisionId: rev.id, name, note, createdAt: now },
      select: { id: true, name: true, note: true, createdAt: true },
    });
    await recordActivity({ tx, comparisonId, actor: name, action: "signoff.add", detail: { revision: rev.number, openBlockers: openBlockers.total }, at: now });
    return { signOff: { ...row, revision: rev.number, createdAt: row.createdAt.toISOString() }, openBlockers };
  });
}
