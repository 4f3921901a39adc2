// GET /api/comparisons/:id/revisions – every revision: number, date, score, finding count, sign-offs (view link)
import { handleReviewRequest, json } from "@/lib/review/http";
import { listRevisions } from "@/lib/review/list-revisions";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => json({ revisions: await listRevisions({ prisma: db.prisma, comparisonId: id }) }));
}
