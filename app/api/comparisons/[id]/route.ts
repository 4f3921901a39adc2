// GET /api/comparisons/:id – the stored result (files without contents); ?revision=N for an older one
// DELETE /api/comparisons/:id – delete the comparison and all its data (owner token; 204)
import { getComparison } from "@/lib/comparisons/get-comparison";
import { toComparisonJson } from "@/lib/comparisons/render-report";
import { getDb } from "@/lib/db/client";
import { API_HEADERS, apiError, errorResponse, jsonResponse } from "@/lib/http/error-response";
import { readRevisionParam } from "@/lib/http/revision-param";
import { getLogger } from "@/lib/log";
import { deleteComparison } from "@/lib/review/delete-comparison";
import { handleReviewRequest } from "@/lib/review/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const comparison = await getComparison({ db: await getDb(), id, revision: readRevisionParam({ url: request.url }) });
    if (!comparison) return apiError(404, "NOT_FOUND", "No comparison (or revision) with this id.");
    if (comparison.status === "gone") return apiError(410, "GONE", `This comparison link was ${comparison.reason === "expired" ? "set to expire and has expired" : "revoked by its owner"}.`);
    return jsonResponse(toComparisonJson({ comparison }));
  } catch (error) {
    return errorResponse({ error, log: getLogger(), route: "GET /api/comparisons/:id" });
  }
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleReviewRequest(request, id, "owner", async ({ db }) => {
    await deleteComparison({ prisma: db.prisma, comparisonId: id });
    return new Response(null, { status: 204, headers: API_HEADERS });
  });
}
