// GET /api/comparisons/:id/revisions – every revision: number, date, score, finding count, sign-offs (view link)
// POST /api/comparisons/:id/revisions – upload new files for the same environments; reviews carry over by fingerprint (review link)
import { getProcessAnalyzer } from "@/lib/comparisons/analyzer";
import { getConfig } from "@/lib/config";
import { addRevision, addRevisionInputSchema } from "@/lib/review/add-revision";
import { handleReviewRequest, json, readJsonBody } from "@/lib/review/http";
import { listRevisions } from "@/lib/review/list-revisions";
import { requireFingerprintKey } from "@/lib/fingerprint-key";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => json({ revisions: await listRevisions({ prisma: db.prisma, comparisonId: id }) }));
}

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "review", async ({ db }) => {
    const input = await readJsonBody(req, addRevisionInputSchema, getConfig().MAX_UPLOAD_BYTES);
    const fingerprintKey = requireFingerprintKey();
    return json(await addRevision({ prisma: db.prisma, comparisonId: id, input, fingerprintKey, analyze: getProcessAnalyzer() }), 201);
  });
}
