/** Adds a comment to a finding's thread (keyed by fingerprint, so it follows the finding across revisions). */
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";
import { recordActivity } from "./record-activity";
import { renderMarkdownSafe } from "./render-markdown-safe";
import { addCommentInputSchema, type ReviewComment } from "./schemas";

export interface AddCommentOptions {
  prisma: PrismaClient;
  comparisonId: string;
  fingerprint: string;
  author: string;
  body: string;
  now?: Date;
}

export async function addComment({ prisma, comparisonId, fingerprint, author, body, now = new Date() }: AddCommentOptions): Promise<ReviewComment> {
  const input = addCommentInputSchema.safeParse({ author, body });
  if (!input.success) throw new ReviewError("INVALID", input.error.issues[0]?.message ?? "invalid comment");
  return prisma.$transaction(async (tx) => {
    const known = await tx.finding.findFirst({ where: { fingerprint, revision: { comparisonId } }, select: { id: true } });
    if (!known) throw new ReviewError("NOT_FOUND", `No finding ${fingerprint} in this comparison.`);
    const row = await tx.comment.create({
      data: { comparisonId, fingerprint, author: input.data.author, body: input.data.body, createdAt: now },
      select: { id: true, fingerprint: true, author: true, body: true, createdAt: true },
    });
    await recordActivity({ tx, comparisonId, actor: input.data.author, action: "comment.add", fingerprint, detail: { commentId: row.id }, at: now });
    return { ...row, html: renderMarkdownSafe({ markdown: row.body }), createdAt: row.createdAt.toISOString() };
  });
}
