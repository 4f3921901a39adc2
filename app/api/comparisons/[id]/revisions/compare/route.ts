// GET /api/comparisons/:id/revisions/compare?from=1&to=2 – findings added, removed and changed between two revisions (view link)
import { z } from "zod";
import { compareRevisions } from "@/lib/review/compare-revisions";
import { handleReviewRequest, json, parseOrThrow } from "@/lib/review/http";
import { revisionNumberSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

const querySchema = z.object({ from: revisionNumberSchema, to: revisionNumberSchema });

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => {
    const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams));
    return json(await compareRevisions({ prisma: db.prisma, comparisonId: id, from: q.from, to: q.to }));
  });
}
