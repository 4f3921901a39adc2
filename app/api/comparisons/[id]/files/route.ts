// GET /api/comparisons/:id/files – the uploaded files of a revision, redacted, with contents (view link; ?revision=N)
import { readRevisionParam } from "@/lib/http/revision-param";
import { handleReviewRequest, json } from "@/lib/review/http";
import { getRevisionFiles } from "@/lib/view/get-revision-files";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) =>
    json(await getRevisionFiles({ prisma: db.prisma, comparisonId: id, revision: readRevisionParam({ url: req.url }) })),
  );
}
