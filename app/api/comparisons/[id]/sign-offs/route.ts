// GET /api/comparisons/:id/sign-offs – release approvals, optionally of one revision (view link)
// POST /api/comparisons/:id/sign-offs – approve a revision for release (review link)
import { z } from "zod";
import { handleReviewRequest, json, parseOrThrow, readJsonBody } from "@/lib/review/http";
import { listSignOffs } from "@/lib/review/list-sign-offs";
import { revisionNumberSchema, signOffInputSchema } from "@/lib/review/schemas";
import { signOffRevision } from "@/lib/review/sign-off-revision";

export const dynamic = "force-dynamic";

const querySchema = z.object({ revision: revisionNumberSchema.optional() });

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "view", async ({ db }) => {
    const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams));
    return json({ signOffs: await listSignOffs({ prisma: db.prisma, comparisonId: id, revision: q.revision }) });
  });
}

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(req, id, "review", async ({ db }) => {
    const input = await readJsonBody(req, signOffInputSchema);
    return json(await signOffRevision({ prisma: db.prisma, comparisonId: id, ...input }), 201);
  });
}
