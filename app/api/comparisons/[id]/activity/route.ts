// GET /api/comparisons/:id/activity – who changed what and when, newest first (view link)
import { z } from "zod";
import { handleReviewRequest, json, parseOrThrow } from "@/lib/review/http";
import { listActivity } from "@/lib/review/list-activity";
import { fingerprintSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

const querySchema = z.object({ fingerprint: fingerprintSchema.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => {
    const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams));
    return json({ activity: await listActivity({ prisma: db.prisma, comparisonId: id, fingerprint: q.fingerprint, limit: q.limit }) });
  });
}
