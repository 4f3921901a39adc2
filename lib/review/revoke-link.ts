/**
 * Revokes the view link (the bare comparison URL) or the review link (the review
 * key). Revocation is permanent: the link then answers 410 Gone. Revoking twice
 * keeps the first time.
 */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";
import { recordActivity } from "./record-activity";
import type { LinkKind } from "./schemas";

export interface RevokeLinkOptions {
  prisma: PrismaClient;
  comparisonId: string;
  link: LinkKind;
  by?: string;
  now?: Date;
}

export async function revokeLink({ prisma, comparisonId, link, by = "owner", now = new Date() }: RevokeLinkOptions): Promise<{ viewRevokedAt: string | null; reviewRevokedAt: string | null }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.comparison.findUnique({ where: { id: comparisonId }, select: { viewRevokedAt: true, reviewRevokedAt: true } });
    if (!row) throw new ReviewError("NOT_FOUND", "No comparison with this id.");
    const field = link === "view" ? "viewRevokedAt" : "reviewRevokedAt";
    let at = row[field];
    if (!at) {
      at = now;
      await tx.comparison.update({ where: { id: comparisonId }, data: { [field]: now }, select: { id: true } });
      await recordActivity({ tx, comparisonId, actor: by, action: "link.revoke", detail: { link }, at: now });
    }
    const out = { ...row, [field]: at };
    return { viewRevokedAt: out.viewRevokedAt?.toISOString() ?? null, reviewRevokedAt: out.reviewRevokedAt?.toISOString() ?? null };
  });
}
