// GET /api/comparisons/:id/comments – comment threads, optionally of one finding (view link)
// POST /api/comparisons/:id/comments – comment on a finding (review link)
import { z } from "zod";
import { addComment } from "@/lib/review/add-comment";
import { handleReviewRequest, json, parseOrThrow, readJsonBody } from "@/lib/review/http";
import { listComments } from "@/lib/review/list-comments";
import { addCommentInputSchema, fingerprintSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

const querySchema = z.object({ fingerprint: fingerprintSchema.optional() });
const bodySchema = addCommentInputSchema.extend({ fingerprint: fingerprintSchema });

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => {
    const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams));
    return json({ comments: await listComments({ prisma: db.prisma, comparisonId: id, fingerprint: q.fingerprint }) });
  });
}

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "review", async ({ db }) => {
    const input = await readJsonBody(req, bodySchema);
    return json({ comment: await addComment({ prisma: db.prisma, comparisonId: id, ...input }) }, 201);
  });
}
