// GET /api/comparisons/:id/findings – review state of every finding of a revision (view link)
import { z } from "zod";
import { handleReviewRequest, json, parseOrThrow } from "@/lib/review/http";
import { listFindingReviews } from "@/lib/review/list-finding-reviews";
import { revisionNumberSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

const querySchema = z.object({ revision: revisionNumberSchema.optional() });

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => {
    const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams));
    return json(await listFindingReviews({ prisma: db.prisma, comparisonId: id, revision: q.revision }));
  });
}
