// PATCH /api/comparisons/:id/findings/:fingerprint – set a finding's review status (review link; 409 with the current state on a stale version)
import { handleReviewRequest, json, parseOrThrow, readJsonBody } from "@/lib/review/http";
import { fingerprintSchema, setFindingStatusInputSchema } from "@/lib/review/schemas";
import { setFindingStatus } from "@/lib/review/set-finding-status";

export const dynamic = "force-dynamic";

export async function PATCH(req: Request, { params }: { params: Promise<{ id: string; fingerprint: string }> }): Promise<Response> {
  const { id, fingerprint } = await params;
  return handleReviewRequest(req, id, "review", async ({ db }) => {
    const fp = parseOrThrow(fingerprintSchema, fingerprint);
    const input = await readJsonBody(req, setFindingStatusInputSchema);
    const finding = await setFindingStatus({ prisma: db.prisma, comparisonId: id, fingerprint: fp, ...input });
    return json({ finding });
  });
}
