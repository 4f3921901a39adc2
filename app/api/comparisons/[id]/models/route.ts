// GET /api/comparisons/:id/models – each environment's canonical model of a revision, secrets masked (view link; ?revision=N)
import { readRevisionParam } from "@/lib/http/revision-param";
import { handleReviewRequest, json } from "@/lib/review/http";
import { getRevisionModels } from "@/lib/view/get-revision-models";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) =>
    json(await getRevisionModels({ prisma: db.prisma, comparisonId: id, revision: readRevisionParam({ url: req.url }) })),
  );
}
