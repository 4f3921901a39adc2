// GET /api/comparisons/:id/expiry – when the links expire and whether they were revoked (owner token)
// PUT /api/comparisons/:id/expiry – links expire in 1, 7 or 30 days, or never (owner token)
import { handleReviewRequest, json, readJsonBody } from "@/lib/review/http";
import { setExpiryInputSchema } from "@/lib/review/schemas";
import { setExpiry } from "@/lib/review/set-expiry";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "owner", async ({ auth }) => {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return json({ expiresAt: iso(auth.expiresAt), viewRevokedAt: iso(auth.viewRevokedAt), reviewRevokedAt: iso(auth.reviewRevokedAt) });
  });
}

export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "owner", async ({ db }) => {
    const input = await readJsonBody(req, setExpiryInputSchema);
    return json(await setExpiry({ prisma: db.prisma, comparisonId: id, expiresIn: input.expiresIn }));
  });
}
