/** A comparison's comments, oldest first, optionally of one finding; bodies also rendered as safe HTML. */
import type { PrismaClient } from "@/lib/db/client";
import { renderMarkdownSafe } from "./render-markdown-safe";
import type { ReviewComment } from "./schemas";

export interface ListCommentsOptions {
  prisma: PrismaClient;
  comparisonId: string;
  fingerprint?: string;
}

export async function listComments({ prisma, comparisonId, fingerprint }: ListCommentsOptions): Promise<ReviewComment[]> {
  const rows = await prisma.comment.findMany({
    where: { comparisonId, ...(fingerprint ? { fingerprint } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, fingerprint: true, author: true, body: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, html: renderMarkdownSafe({ markdown: r.body }), createdAt: r.createdAt.toISOString() }));
}
