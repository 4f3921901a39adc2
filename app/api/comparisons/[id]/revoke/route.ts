// POST /api/comparisons/:id/revoke – revoke the view or the review link for good (owner token)
import { handleReviewRequest, json, readJsonBody } from "@/lib/review/http";
import { revokeLink } from "@/lib/review/revoke-link";
import { revokeLinkInputSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "owner", async ({ db }) => {
    const input = await readJsonBody(req, revokeLinkInputSchema);
    return json(await revokeLink({ prisma: db.prisma, comparisonId: id, link: input.link }));
  });
}
